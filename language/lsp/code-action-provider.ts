/**
 * Quick fixes: "Add distinguishing environments" on an `underdetermined-training`
 * diagnostic inserts the environments its data carries (computed by the simulation
 * analysis) and adds them to `train`. The edit is computed on the current document,
 * so it stays right while the diagnostic is carried over between analyses.
 */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import { asDistinguishingData } from '../findings/distinguishing-data.js';
import { distinguishingInsertions, insertionEdits } from '../findings/distinguishing-edits.js';
import type { Spec } from '../generated/ast.js';
import { IssueCodes } from '../validation/codes.js';

export const ADD_DISTINGUISHING_TITLE = 'Add distinguishing environments';

export class MesaCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> | undefined {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const code = diagnostic.code ?? (diagnostic.data as { code?: unknown } | undefined)?.code;
            if (code !== IssueCodes.UnderdeterminedTraining) continue;
            const data = asDistinguishingData(diagnostic.data);
            if (!data) continue;
            const insertions = distinguishingInsertions(document as LangiumDocument<Spec>, data);
            if (insertions.length === 0) continue;
            actions.push({
                title: ADD_DISTINGUISHING_TITLE,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: true,
                edit: { changes: { [document.textDocument.uri]: insertionEdits(document, insertions) } },
            });
        }
        return actions.length > 0 ? actions : undefined;
    }
}
