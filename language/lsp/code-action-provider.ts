/**
 * Quick fixes (docs/editor.md, Features), each found by its diagnostic's `code`:
 * - on `underdetermined-training`, the distinguishing environments its data carries
 *   (computed by the simulation analysis, cheapest kind first): a declared environment
 *   added to `train`, a training environment's binding widened, a synthesised environment
 *   inserted and added to `train`. Titled "Train also in ..." when it only trains in
 *   environments the spec has, else "Add distinguishing environments". The edit is
 *   computed on the current document, so it stays right while the diagnostic is carried
 *   over between analyses;
 * - "Did you mean 'x'?" on `unresolved-name` (quick-fix-names.ts);
 * - "Read 'y' with a delay (y@1)" on `cycle` (quick-fix-cycle.ts).
 */
import type { LangiumDocument, ScopeProvider } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import { ADD_DISTINGUISHING_TITLE, asDistinguishingData, fixTitle } from '../findings/distinguishing-data.js';
import { distinguishingInsertions, insertionEdits } from '../findings/distinguishing-edits.js';
import type { Spec } from '../generated/ast.js';
import type { MesaServices } from '../mesa-module.js';
import { IssueCodes } from '../validation/codes.js';
import { delayActions } from './quick-fix-cycle.js';
import { didYouMeanActions } from './quick-fix-names.js';

export { ADD_DISTINGUISHING_TITLE };

export class MesaCodeActionProvider implements CodeActionProvider {
    private readonly scopes: ScopeProvider;

    constructor(services: MesaServices) {
        this.scopes = services.references.ScopeProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> | undefined {
        const actions = params.context.diagnostics.flatMap(diagnostic => this.fixesOf(document, diagnostic));
        return actions.length > 0 ? actions : undefined;
    }

    protected fixesOf(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const code = diagnostic.code ?? (diagnostic.data as { code?: unknown } | undefined)?.code;
        switch (code) {
            case IssueCodes.UnderdeterminedTraining: return addDistinguishing(document, diagnostic);
            case IssueCodes.UnresolvedName: return didYouMeanActions(document, diagnostic, this.scopes);
            case IssueCodes.Cycle: return delayActions(document, diagnostic);
            default: return [];
        }
    }
}

function addDistinguishing(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const data = asDistinguishingData(diagnostic.data);
    if (!data) return [];
    const insertions = distinguishingInsertions(document as LangiumDocument<Spec>, data);
    if (insertions.length === 0) return [];
    return [{
        title: fixTitle(data),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.textDocument.uri]: insertionEdits(document, insertions) } },
    }];
}
