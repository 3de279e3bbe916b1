/**
 * The snippets as completion offers them (docs/editor.md, Features): only where their
 * declaration may stand — declarations at the top level, nodes inside an environment,
 * none inside an expression or after `train` — found by their first word, so a space
 * after `train` moves on to the environment names; and none for a client without snippets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectCompletion } from 'langium/test';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { createMesaServices } from '../../language/mesa-module.js';

const services = createMesaServices(EmptyFileSystem);
const complete = expectCompletion(services.Mesa);
const provider = services.Mesa.lsp.CompletionProvider;
beforeAll(() => provider.useClientCapabilities({ textDocument: { completion: { completionItem: { snippetSupport: true } } } }));
afterAll(() => provider.useClientCapabilities({}));
afterEach(() => clearDocuments(services.shared));

async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await complete({ text, index: 0, assert: (list: CompletionList) => { items = list.items; } });
    return items;
}

const snippets = async (text: string) => (await itemsAt(text)).filter(i => i.kind === CompletionItemKind.Snippet).map(i => i.label);

const env = 'environment A { horizon 3 action a, b node x = a@1 + b }\n';
const DECLARATION_SNIPPETS = ['environment', 'environment extends', 'environment param', 'objective base', 'objective mesa',
    'optimizer', 'train', 'train deploy', 'deploy', 'select', 'const', 'const rows', 'grid'];

describe('where a declaration may stand', () => {
    test('top level: the declaration snippets, no node snippet', async () => {
        expect((await snippets(`${env}<|>`)).sort()).toEqual([...DECLARATION_SNIPPETS].sort());
        expect((await snippets('<|>')).sort()).toEqual([...DECLARATION_SNIPPETS].sort());
    });

    test('an environment body: the node, table, grid and show snippets only', async () => {
        expect((await snippets('environment A {\n  horizon 3\n  <|>\n}')).sort()).toEqual(['node', 'node init', 'node qualitative', 'const', 'const rows', 'grid', 'show'].sort());
    });

    test('the grid and table snippets write their declaration', async () => {
        const items = (await itemsAt('<|>')).filter(i => i.kind === CompletionItemKind.Snippet);
        expect(items.find(i => i.label === 'grid')?.textEdit?.newText).toBe('grid ${1:maze} {\n  "${2:#####}"\n  "${3:#A  #}"\n  "${4:#####}"\n}\n$0');
        expect(items.find(i => i.label === 'const')?.textEdit?.newText).toBe('const ${1:name} = [${2:1, 0, 2}]');
        expect(items.find(i => i.label === 'const rows')?.textEdit?.newText).toBe('const ${1:name} = [\n  [${2:1, 1, 1}],\n  [${3:1, 0, 1}]\n]');
        expect(await snippets('environment A {\n  show <|>\n}')).toEqual([]);
    });

    test('every snippet of language/lsp/snippets.json is offered at one of these two places', async () => {
        const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'language', 'lsp', 'snippets.json'), 'utf8')) as Record<string, { prefix: string }>;
        const offered = new Set([...await snippets('<|>'), ...await snippets('environment A {\n  <|>\n}')]);
        expect([...offered].sort()).toEqual(Object.values(file).map(s => s.prefix).sort());
    });

    test('inside an expression: none, `select` included', async () => {
        expect(await snippets(`${env}objective mesa M = <|>`)).toEqual([]);
        expect(await snippets('environment A { horizon 3 action a node x = <|> }')).toEqual([]);
        expect(await snippets(`${env}objective mesa M = min(x, <|>`)).toEqual([]);
    });

    test('inside an optimizer `objective` names its objective: no objective snippet', async () => {
        expect(await snippets(`${env}objective base O = x\noptimizer P {\n  <|>\n}`)).toEqual([]);
    });
});

describe('train', () => {
    test('after `train ` the environment names, and no snippet', async () => {
        const items = await itemsAt(`${env}objective base O = x\ntrain <|>`);
        expect(items.map(i => i.label)).toEqual(['A']);
    });

    test('`train deploy` is found by `train` only, so a space after the keyword leaves it', async () => {
        const item = (await itemsAt(`${env}tr<|>`)).find(i => i.label === 'train deploy');
        expect(item).toMatchObject({
            kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, filterText: 'train',
            detail: 'Where the objectives are trained and where they are deployed.',
            textEdit: { newText: 'train ${1:Training}\ndeploy ${2:Deployment}\n$0' },
        });
        expect(item!.textEdit).toMatchObject({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } } });
    });
});

test('a client without snippets gets the keywords only', async () => {
    provider.useClientCapabilities({});
    try {
        const items = await itemsAt(`${env}<|>`);
        expect(items.map(i => i.label)).toEqual(['environment', 'objective', 'optimizer', 'train', 'deploy', 'select', 'const', 'grid']);
        expect(items.every(i => i.kind === CompletionItemKind.Keyword)).toBe(true);
    } finally {
        provider.useClientCapabilities({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    }
});
