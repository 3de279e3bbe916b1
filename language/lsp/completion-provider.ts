/**
 * Completion of keywords and of the names in scope. The scope provider already decides
 * which names are visible (an environment's flattened members; for an objective, the
 * names of the environments it is evaluated in); this adds what a name is — its kind
 * and a detail such as a node's rule — and offers each name once.
 */
import type { AstNodeDescription, LangiumDocument, MaybePromise, ReferenceInfo, Stream } from 'langium';
import type { GrammarAST } from 'langium';
import { AstUtils } from 'langium';
import type { CompletionAcceptor, CompletionBacktrackingInformation, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { CancellationToken, CompletionItem, CompletionList, CompletionParams, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind } from 'vscode-languageserver';
import { isAction, isEnvironment, isNode, isObjective, isOptimizer, isParameter } from '../generated/ast.js';
import { environmentChain, flattenEnvironment } from '../semantics/environments.js';
import { completionWindowStart } from './completion-window.js';

export class MesaCompletionProvider extends DefaultCompletionProvider {
    /** Offset of the declaration around the cursor during one completion request (see completion-window.ts). */
    private windowStart = 0;

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        this.windowStart = completionWindowStart(document, document.textDocument.offsetAt(params.position));
        try {
            return await super.getCompletion(document, params, cancelToken);
        } finally {
            this.windowStart = 0;
        }
    }

    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const start = this.windowStart <= offset ? this.windowStart : 0;
        const found = super.backtrackToAnyToken(text.slice(start), offset - start);
        const shift = (n: number | undefined) => n === undefined ? undefined : n + start;
        return {
            nextTokenStart: found.nextTokenStart + start,
            nextTokenEnd: found.nextTokenEnd + start,
            ...(found.previousTokenStart !== undefined ? { previousTokenStart: shift(found.previousTokenStart) } : {}),
            ...(found.previousTokenEnd !== undefined ? { previousTokenEnd: shift(found.previousTokenEnd) } : {}),
        };
    }

    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const start = this.windowStart;
        if (start === 0 || offset < start) return super.findFeaturesAt(document, offset);
        // The base class parses document.getText(0 .. offset): give it the window instead.
        const windowed = {
            ...document,
            uri: document.uri, languageId: document.languageId, version: document.version, lineCount: document.lineCount,
            getText: () => document.getText().slice(start, offset),
            positionAt: (o: number) => document.positionAt(o),
            offsetAt: (p: Position) => document.offsetAt(p),
        } as TextDocument;
        return super.findFeaturesAt(windowed, offset);
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        return { ...item, ...describe(description) };
    }

    /** An environment can't extend itself nor one of its descendants (a cycle). */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const self = refInfo.container;
        if (refInfo.property !== 'superEnv' || !isEnvironment(self)) return candidates;
        return candidates.filter(d => !isEnvironment(d.node) || !environmentChain(d.node).chain.includes(self));
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const signature = BUILTIN_SIGNATURES[keyword.value];
        if (!signature) return super.completionForKeyword(context, keyword, acceptor);
        return super.completionForKeyword(context, keyword, (ctx, item) => acceptor(ctx, { ...item, detail: signature }));
    }

    /** Names are unique in a scope: one item per label and kind, the first (nearest) wins. */
    protected override deduplicateItems(items: CompletionItem[]): CompletionItem[] {
        const seen = new Set<string>();
        return items.filter(item => {
            const key = `${item.kind}_${item.label}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
        });
    }

    /** `final` and `sum` only where they are allowed: at the top of an objective. */
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (AGGREGATES.has(keyword.value)) {
            const objective = AstUtils.getContainerOfType(context.node, isObjective);
            return objective !== undefined && (objective.body === undefined || context.offset <= (objective.body.$cstNode?.offset ?? context.offset));
        }
        return super.filterKeyword(context, keyword);
    }

    protected override getKeywordCompletionItemKind(keyword: GrammarAST.Keyword): CompletionItemKind {
        if (BUILTINS.has(keyword.value)) return CompletionItemKind.Function;
        if (keyword.value === 'true' || keyword.value === 'false') return CompletionItemKind.Constant;
        return CompletionItemKind.Keyword;
    }
}

const AGGREGATES = new Set(['final', 'sum']);
const BUILTIN_SIGNATURES: Record<string, string> = {
    min: 'min(a, b, ...): the least argument',
    max: 'max(a, b, ...): the greatest argument',
    abs: 'abs(x): absolute value',
    clamp: 'clamp(x, lo, hi): x limited to [lo, hi]',
    final: 'final(e): e at the last step (top of an objective only)',
    sum: 'sum(e): e summed over the episode, discounted (top of an objective only)',
};
const BUILTINS = new Set(['min', 'max', 'abs', 'clamp', ...AGGREGATES]);

/** Kind, detail and label details of a name's completion item. */
export function describe(description: AstNodeDescription): Partial<CompletionItem> {
    const node = description.node;
    if (isNode(node)) {
        const text = node.$cstNode?.text.replace(/\s+/g, ' ').trim() ?? `node ${node.name}`;
        return { kind: CompletionItemKind.Variable, detail: text, labelDetails: { description: 'node' } };
    }
    if (isAction(node)) {
        return { kind: CompletionItemKind.Function, detail: `action ${node.name}`, labelDetails: { description: 'action' } };
    }
    if (isParameter(node)) {
        return { kind: CompletionItemKind.TypeParameter, detail: `parameter ${node.name}: ${node.low}..${node.high}`, labelDetails: { description: 'parameter' } };
    }
    if (isEnvironment(node)) {
        const flat = flattenEnvironment(node);
        return { kind: CompletionItemKind.Class, detail: `environment ${node.name} (${flat.actions.length} actions, ${flat.nodes.length} nodes)`, labelDetails: { description: 'environment' } };
    }
    if (isObjective(node)) {
        return { kind: CompletionItemKind.Event, detail: `objective ${node.kind} ${node.name}`, labelDetails: { description: `${node.kind} objective` } };
    }
    if (isOptimizer(node)) {
        return { kind: CompletionItemKind.Module, detail: `optimizer ${node.name}`, labelDetails: { description: 'optimizer' } };
    }
    return {};
}
