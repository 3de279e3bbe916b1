/**
 * Gives every diagnostic Langium produces itself a Mesa code: lexing and parsing errors
 * become `syntax-error`, linking errors `unresolved-name`. The LSP `code` field then
 * carries the code for every diagnostic, as the CLI's JSON and SARIF do.
 */
import type { AstNode, LangiumDocument, ValidationAcceptor, ValidationCheck, ValidationOptions } from 'langium';
import { Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SimulationStore } from '../findings/simulation-store.js';
import { settleByVerdicts } from '../findings/simulation-store.js';
import { staticFindings } from '../findings/static-analysis.js';
import type { MesaServices } from '../mesa-module.js';
import { CompileError } from '../compile/compile-spec.js';
import { compiledModelOf } from '../compile/model-cache.js';
import { findingToDiagnostic } from '../findings/finding-to-diagnostic.js';
import type { Spec } from '../generated/ast.js';
import { refusalOf } from '../parse/document-factory.js';
import { unresolvedBecauseOfAnother } from '../scoping/linker.js';
import { walkAstKeptWhere } from '../parse/ast-walk.js';
import { IssueCodes } from './codes.js';
import { friendlySyntaxMessage } from './syntax-messages.js';

const LANGIUM_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: IssueCodes.SyntaxError,
    [DocumentValidator.ParsingError]: IssueCodes.SyntaxError,
    [DocumentValidator.LinkingError]: IssueCodes.UnresolvedName,
};

/** Syntax errors shown before the rest are summarised in one. */
export const MAX_SYNTAX_ERRORS = 100;

export class MesaDocumentValidator extends DefaultDocumentValidator {
    private readonly simulationStore: SimulationStore;

    constructor(services: MesaServices) {
        super(services);
        this.simulationStore = services.analysis.SimulationStore;
    }

    /** A name unresolved only because another one is gets no error of its own: one typo, one error (see scoping/linker.ts). */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const references = document.references.filter(r => !r.error || !unresolvedBecauseOfAnother(r.error.info));
        super.processLinkingErrors({ ...document, references }, diagnostics, options);
    }

    /** Per set of validation categories: the checks of each node type, and per kept subtree the nodes that have any. */
    private readonly checkPlans = new Map<string, { checks: Map<string, ValidationCheck[]>; checked: WeakMap<AstNode, AstNode[]> }>();

    /**
     * Langium's loop, without an await per node: the cancellation check runs every 256
     * nodes, a check is awaited only when it returns a promise, and below declarations and
     * members only the nodes that have checks are visited (kept per subtree: on a large
     * environment that is a few thousand nodes of fifty thousand).
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const key = options.categories?.join(',') ?? '*';
        let plan = this.checkPlans.get(key);
        if (!plan) {
            plan = { checks: new Map(), checked: new WeakMap() };
            this.checkPlans.set(key, plan);
        }
        const { checks: checksByType, checked } = plan;
        const checksOf = (type: string): ValidationCheck[] => {
            let checks = checksByType.get(type);
            if (!checks) {
                checks = this.validationRegistry.getChecks(type, options.categories).toArray();
                checksByType.set(type, checks);
            }
            return checks;
        };
        // Indexed loops: this async function is seldom optimized, and iterators then allocate per step.
        const nodes = walkAstKeptWhere(rootNode, node => checksOf(node.$type).length > 0, checked);
        for (let i = 0; i < nodes.length; i++) {
            if (i % 256 === 255) await interruptAndCheck(cancelToken);
            const node = nodes[i]!;
            const checks = checksOf(node.$type);
            for (let k = 0; k < checks.length; k++) {
                const result = checks[k]!(node, acceptor, cancelToken);
                if (result) await result;
            }
        }
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const refusal = refusalOf(document.parseResult.value);
        if (refusal) {
            // Only the reason the text was not parsed: the empty stand-in has nothing else to say.
            return diagnostics.filter(d => (d.data as { code?: string } | undefined)?.code === DocumentValidator.LexingError)
                .map(d => ({ ...d, code: refusal, source: 'mesa' }));
        }
        for (const diagnostic of diagnostics) {
            const data = diagnostic.data as { code?: string } | undefined;
            if (diagnostic.code === undefined) {
                diagnostic.code = (data?.code && LANGIUM_CODES[data.code]) ?? data?.code ?? IssueCodes.SyntaxError;
            }
            if (diagnostic.code === IssueCodes.SyntaxError) {
                diagnostic.message = friendlySyntaxMessage(diagnostic.message);
            }
            diagnostic.source = 'mesa';
        }
        const syntaxErrors = diagnostics.filter(d => d.code === IssueCodes.SyntaxError);
        if (syntaxErrors.length > MAX_SYNTAX_ERRORS) {
            // Binary junk or a file in another language: the first errors say enough, and
            // tens of thousands of diagnostics would only slow the editor down.
            const kept = new Set(syntaxErrors.slice(0, MAX_SYNTAX_ERRORS));
            const last = syntaxErrors[MAX_SYNTAX_ERRORS]!;
            const rest = diagnostics.filter(d => d.code !== IssueCodes.SyntaxError || kept.has(d));
            rest.push({ ...last, message: `${syntaxErrors.length - MAX_SYNTAX_ERRORS} more syntax errors from here on are not shown. Is this a Mesa spec?` });
            return rest;
        }
        if (!diagnostics.some(d => d.severity === 1)) {
            diagnostics.push(...this.analyze(document as LangiumDocument<Spec>));
        }
        const uri = document.uri.toString();
        const spec = document.parseResult.value as Spec;
        if (diagnostics.some(d => d.severity === 1)) {
            // Results of an older text are not shown as current: while the spec has errors they are
            // withdrawn, and one info says why (docs/editor.md, Diagnostics while typing).
            const waiting = this.simulationStore.waiting(uri, spec, diagnostics);
            if (waiting) diagnostics.push(waiting);
        } else {
            // Until a fresh simulation replaces them, keep the last simulation-backed diagnostics, moved with their declarations.
            diagnostics.push(...this.simulationStore.carryOver(uri, spec));
        }
        return diagnostics;
    }

    /** The static analyses (docs/analyses.md, Static analyses) of a document without errors; cheap enough for every edit. */
    protected analyze(document: LangiumDocument<Spec>): Diagnostic[] {
        const model = compiledModelOf(document);
        if (model instanceof CompileError) {
            return [{ severity: 1, code: IssueCodes.InvalidValue, source: 'mesa', message: model.message, range: model.location.range }];
        }
        // A proxy warning whose verdict the last simulation settled says so, as info (docs/analyses.md, When each kind runs).
        return settleByVerdicts(staticFindings(model).map(findingToDiagnostic), model, this.simulationStore.verdicts(document.uri.toString()));
    }
}
