/**
 * Completion of keywords and of the names in scope. The scope provider already decides
 * which names are visible (an environment's flattened members; for an objective, the
 * names of the environments it is evaluated in); this adds what a name is — its kind
 * and a detail such as a node's rule or a table's size — and offers each name once. A
 * built-in function inserts its call with the parentheses (builtin-functions.ts); the
 * chance functions are offered outside objectives only, `final` and `sum` at the top of
 * an objective only; a declaration keyword
 * brings the snippets that write its declaration, where that declaration may stand
 * (snippets.ts; docs/editor.md, Features).
 *
 * A scope can hold thousands of names, so items are kept lean: what describes a name is
 * computed once per parsed declaration, the replaced range once per request, and a
 * client that takes `itemDefaults.editRange` gets that range once per list instead of
 * once per item.
 */
import type { AstNodeDescription, LangiumDocument, ReferenceInfo, Stream } from 'langium';
import type { GrammarAST } from 'langium';
import { AstUtils } from 'langium';
import type { CompletionAcceptor, CompletionBacktrackingInformation, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { AstNode } from 'langium';
import type { CancellationToken, ClientCapabilities, CompletionItem, CompletionList, CompletionParams, Position, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { isAction, isEnvironment, isGrid, isNode, isObjective, isOptimizer, isParameter, isShow, isTable } from '../generated/ast.js';
import { environmentChain, flattenEnvironment } from '../compile/environments.js';
import { builtinFunction, callInsertText, functionDetail } from './builtin-functions.js';
import { isChanceFunction } from '../validation/builtin-functions.js';
import { tableDetail } from './table-hover.js';
import { completionWindowStart } from './completion-window.js';
import { snippetItem, snippetsFor } from './snippets.js';

export class MesaCompletionProvider extends DefaultCompletionProvider {
    /** Offset of the declaration around the cursor during one completion request (see completion-window.ts). */
    private windowStart = 0;
    /** Whether the client takes a list-wide edit range (LSP 3.17 `itemDefaults.editRange`). */
    private editRangeDefault = false;
    /** The typed prefix and the range it spans, per completion context of the current request. */
    private readonly spans = new WeakMap<CompletionContext, { prefix: string; range: Range }>();

    /** Whether the client takes snippets (function calls with tab stops, the declaration snippets). */
    private snippetSupport = false;

    /** Reads what the client supports; called once, on `initialize`. */
    useClientCapabilities(capabilities: ClientCapabilities): void {
        const completion = capabilities.textDocument?.completion;
        this.editRangeDefault = completion?.completionList?.itemDefaults?.includes('editRange') ?? false;
        this.snippetSupport = completion?.completionItem?.snippetSupport ?? false;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        this.windowStart = completionWindowStart(document, document.textDocument.offsetAt(params.position));
        try {
            const list = await super.getCompletion(document, params, cancelToken);
            return list && this.editRangeDefault ? hoistEditRange(list) : list;
        } finally {
            this.windowStart = 0;
        }
    }

    /** A lean item: only the fields that are set (Langium's copies every field of CompletionItem). */
    protected override fillCompletionItem(context: CompletionContext, item: CompletionValueItem): CompletionItem | undefined {
        const label = typeof item.label === 'string' ? item.label : 'nodeDescription' in item ? item.nodeDescription.name : undefined;
        if (label === undefined) return super.fillCompletionItem(context, item);
        const textEdit = item.textEdit ?? this.buildCompletionTextEdit(context, label, item.insertText ?? label);
        if (!textEdit) return undefined;
        const filled: CompletionItem = { label, textEdit };
        for (const field of ITEM_FIELDS) {
            if (item[field] !== undefined) (filled as Record<string, unknown>)[field] = item[field];
        }
        return filled;
    }

    /** The prefix and its range are the same for every item of a context: computed once. */
    protected override buildCompletionTextEdit(context: CompletionContext, label: string, newText: string): TextEdit | undefined {
        let span = this.spans.get(context);
        if (!span) {
            span = {
                prefix: context.textDocument.getText().substring(context.tokenOffset, context.offset),
                range: { start: context.textDocument.positionAt(context.tokenOffset), end: context.position },
            };
            this.spans.set(context, span);
        }
        return this.fuzzyMatcher.match(span.prefix, label) ? { newText, range: span.range } : undefined;
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

    /**
     * What describes a declared name, kept while its declaration is not parsed anew. An
     * environment's detail counts inherited members, so it is not kept.
     */
    private readonly descriptions = new WeakMap<AstNode, Partial<CompletionItem>>();

    protected override createReferenceCompletionItem(description: AstNodeDescription): CompletionValueItem {
        const node = description.node;
        let described = node && this.descriptions.get(node);
        if (!described) {
            const documentation = this.getReferenceDocumentation(description);
            described = { ...describe(description), ...(documentation !== undefined ? { documentation } : {}) };
            if (node && !isEnvironment(node)) this.descriptions.set(node, described);
        }
        return { nodeDescription: description, sortText: '0', ...described };
    }

    /**
     * An environment can't extend itself nor one of its descendants (a cycle); `show`
     * draws a grid, at the position of two nodes.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const self = refInfo.container;
        if (isShow(self)) return candidates.filter(d => refInfo.property === 'grid' ? isGrid(d.node) : isNode(d.node));
        if (refInfo.property !== 'superEnv' || !isEnvironment(self)) return candidates;
        return candidates.filter(d => !isEnvironment(d.node) || !environmentChain(d.node).chain.includes(self));
    }

    /**
     * A function's item writes the call with its parentheses (a tab stop per parameter
     * where the client takes snippets); a declaration keyword brings the snippets that
     * write its declaration (see snippets.ts).
     */
    protected override async completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): Promise<void> {
        const fn = builtinFunction(keyword.value);
        if (fn) {
            const call: Partial<CompletionValueItem> = this.snippetSupport
                ? { insertText: callInsertText(keyword.value, fn, true), insertTextFormat: InsertTextFormat.Snippet }
                : { insertText: callInsertText(keyword.value, fn, false) };
            return super.completionForKeyword(context, keyword, (ctx, item) => acceptor(ctx, { ...item, detail: functionDetail(keyword.value, fn), ...call }));
        }
        await super.completionForKeyword(context, keyword, acceptor);
        if (!this.snippetSupport || !this.filterKeyword(context, keyword)) return;
        for (const snippet of snippetsFor(keyword)) acceptor(context, snippetItem(snippet));
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

    /** `final` and `sum` only where they are allowed: at the top of an objective; the chance functions never in one. */
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (isChanceFunction(keyword.value)) {
            return AstUtils.getContainerOfType(context.node, isObjective) === undefined && super.filterKeyword(context, keyword);
        }
        if (builtinFunction(keyword.value)?.objectiveOnly) {
            const objective = AstUtils.getContainerOfType(context.node, isObjective);
            return objective !== undefined && (objective.body === undefined || context.offset <= (objective.body.$cstNode?.offset ?? context.offset));
        }
        return super.filterKeyword(context, keyword);
    }

    protected override getKeywordCompletionItemKind(keyword: GrammarAST.Keyword): CompletionItemKind {
        if (builtinFunction(keyword.value)) return CompletionItemKind.Function;
        if (keyword.value === 'true' || keyword.value === 'false') return CompletionItemKind.Constant;
        return CompletionItemKind.Keyword;
    }
}

/** The fields of a completion item besides its label and text edit (which carries the inserted text). */
const ITEM_FIELDS = ['kind', 'detail', 'labelDetails', 'documentation', 'sortText', 'filterText', 'insertTextFormat',
    'insertTextMode', 'preselect', 'tags', 'command', 'commitCharacters', 'additionalTextEdits', 'data', 'textEditText'] as const;

/**
 * When every item replaces the same range, the list says it once (`itemDefaults.editRange`)
 * and each item keeps only its text: on a scope of 2,000 names that halves the response.
 */
export function hoistEditRange(list: CompletionList): CompletionList {
    const first = list.items[0]?.textEdit;
    if (!first || !('range' in first)) return list;
    const same = (r: Range) => r === first.range || (r.start.line === first.range.start.line && r.start.character === first.range.start.character
        && r.end.line === first.range.end.line && r.end.character === first.range.end.character);
    if (!list.items.every(item => item.textEdit && 'range' in item.textEdit && same(item.textEdit.range))) return list;
    const items = list.items.map(({ textEdit, ...item }) => textEdit!.newText === item.label ? item : { ...item, textEditText: textEdit!.newText });
    return { isIncomplete: list.isIncomplete, itemDefaults: { editRange: first.range }, items };
}

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
    if (isTable(node)) {
        return { kind: CompletionItemKind.Constant, detail: tableDetail(node), labelDetails: { description: 'table' } };
    }
    if (isGrid(node)) {
        return { kind: CompletionItemKind.Struct, detail: tableDetail(node), labelDetails: { description: 'grid' } };
    }
    return {};
}
