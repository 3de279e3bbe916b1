/**
 * The snippets of snippets.json, offered by completion where their declaration may
 * stand (docs/editor.md, Features): a snippet goes with the keyword its body begins
 * with, and is offered exactly where completion offers that keyword as the start of
 * the declaration the snippet writes. So `node` and `show` snippets come inside an
 * environment only, `const` and `grid` ones at the top level and inside an environment,
 * `select` never inside an expression, and `objective base` not inside an optimizer,
 * where `objective` names the optimizer's objective.
 */
import { AstUtils, GrammarAST } from 'langium';
import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import snippetFile from './snippets.json' with { type: 'json' };

export interface Snippet {
    /** What the user types, and the item's label: `train deploy`. */
    readonly prefix: string;
    /** The snippet text, lines joined. */
    readonly body: string;
    readonly description: string;
}

/** The grammar rule each declaration keyword starts, for the snippets that write it. */
const RULE_OF_KEYWORD: Readonly<Record<string, string>> = {
    environment: 'Environment',
    node: 'Node',
    objective: 'Objective',
    optimizer: 'Optimizer',
    train: 'Train',
    deploy: 'Deploy',
    select: 'Select',
    const: 'Table',
    grid: 'Grid',
    show: 'Show',
};

/** The snippets by the keyword their body begins with. */
const SNIPPETS_BY_KEYWORD = new Map<string, Snippet[]>();
for (const entry of Object.values(snippetFile as Record<string, { prefix: string; body: string[]; description: string }>)) {
    const body = entry.body.join('\n');
    const keyword = /^[a-z]+/.exec(body)?.[0] ?? '';
    const list = SNIPPETS_BY_KEYWORD.get(keyword) ?? [];
    list.push({ prefix: entry.prefix, body, description: entry.description });
    SNIPPETS_BY_KEYWORD.set(keyword, list);
}

/** The snippets to offer beside `keyword`: those whose declaration that keyword starts here. */
export function snippetsFor(keyword: GrammarAST.Keyword): readonly Snippet[] {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    if (!rule || RULE_OF_KEYWORD[keyword.value] !== rule.name) return [];
    return SNIPPETS_BY_KEYWORD.get(keyword.value) ?? [];
}

/**
 * A snippet's completion item. It is found by its first word only (`train` for
 * `train deploy`), so once a space follows the keyword the list moves on to what may
 * follow it (an environment's name) instead of keeping the snippet open.
 */
export function snippetItem(snippet: Snippet): CompletionItem {
    return {
        label: snippet.prefix,
        kind: CompletionItemKind.Snippet,
        detail: snippet.description,
        insertText: snippet.body,
        insertTextFormat: InsertTextFormat.Snippet,
        filterText: snippet.prefix.split(' ')[0]!,
        sortText: '2',
    };
}
