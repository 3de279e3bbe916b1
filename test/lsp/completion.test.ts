/**
 * Completion: keywords where the grammar allows them, and the names in scope with their
 * kind and detail — an environment's flattened members, an objective's evaluation
 * environments (training first, then deployment), environments and objectives by name.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectCompletion } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { hoistEditRange } from '../../language/lsp/completion-provider.js';
import { createMesaServices } from '../../language/mesa-module.js';
import { exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const complete = expectCompletion(services.Mesa);
afterEach(() => clearDocuments(services.shared));

/** The completion items at the `<|>` marker of `text`. */
async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await complete({ text, index: 0, assert: (list: CompletionList) => { items = list.items; } });
    return items;
}

const labels = (items: CompletionItem[], kind?: CompletionItemKind) =>
    items.filter(i => kind === undefined || i.kind === kind).map(i => i.label);

const base = 'environment A { horizon 3 action a, b node x = a@1 + b }\nobjective base O = x\n';

describe('keywords', () => {
    test('top level offers the declaration keywords only', async () => {
        expect(labels(await itemsAt('environment A { horizon 3 }\n<|>'))).toEqual(['environment', 'objective', 'optimizer', 'train', 'deploy', 'select', 'const', 'grid']);
    });

    test('an environment body offers the member keywords', async () => {
        const items = await itemsAt('environment A {\n  <|>\n}');
        expect(labels(items, CompletionItemKind.Keyword)).toEqual(['horizon', 'discount', 'action', 'node', 'const', 'grid', 'show']);
    });

    test('`show` offers the grids, then `at`, then the nodes for the position', async () => {
        const grid = 'grid maze { "#A#" }\nconst t = [1]\nenvironment A { horizon 3 action a node x = a node y = 0\n';
        expect(labels(await itemsAt(`${grid}  show <|>\n}`))).toEqual(['maze']);
        expect(labels(await itemsAt(`${grid}  show maze <|>\n}`))).toEqual(['at']);
        expect(labels(await itemsAt(`${grid}  show maze at (<|>\n}`))).toEqual(['x', 'y']);
        expect(labels(await itemsAt(`${grid}  show maze at (x, <|>\n}`))).toEqual(['x', 'y']);
    });

    test('`weight` after a use in train and deploy, and not after the weight', async () => {
        const after = labels(await itemsAt(`${base}train A <|>`));
        expect(after).toContain('weight');
        expect(labels(await itemsAt(`${base}train A weight 0.5, A <|>`))).toContain('weight');
        expect(labels(await itemsAt(`${base}train A deploy A(k = 1) <|>`))).toContain('weight');
        expect(labels(await itemsAt(`${base}train A weight 0.5 <|>`))).not.toContain('weight');
    });

    test('the chance functions in rules and inits, never in objectives', async () => {
        const chance = ['bernoulli', 'uniform', 'choose'];
        const rule = labels(await itemsAt('environment A { horizon 3 action a node x = <|> }'), CompletionItemKind.Function);
        expect(rule).toEqual(expect.arrayContaining(chance));
        const init = labels(await itemsAt('environment A { horizon 3 action a node x init <|> }'), CompletionItemKind.Function);
        expect(init).toEqual(expect.arrayContaining(chance));
        const nested = labels(await itemsAt('environment A { horizon 3 action a node x = min(1, choose(0.5: a, 0.5: <|>'), CompletionItemKind.Function);
        expect(nested).toEqual(expect.arrayContaining(chance));
        for (const text of [`${base}objective mesa M = <|>`, `${base}objective mesa M = min(x, <|>`, `${base}objective mesa M = final(<|>`]) {
            const objective = labels(await itemsAt(text));
            expect(objective, text).toContain('min');
            for (const name of chance) expect(objective, text).not.toContain(name);
        }
    });

    test('final and sum only at the top of an objective', async () => {
        const top = labels(await itemsAt(`${base}objective mesa M = <|>`));
        expect(top).toEqual(expect.arrayContaining(['final', 'sum', 'min', 'abs', 'if', 'not', 'true']));
        const inner = labels(await itemsAt(`${base}objective mesa M = final(x) + <|>`));
        expect(inner).not.toContain('final');
        expect(inner).not.toContain('sum');
        const rule = labels(await itemsAt('environment A { horizon 3 action a node x = <|> }'));
        expect(rule).not.toContain('final');
        expect(rule).toContain('min');
    });

    test('built-in functions carry their signature', async () => {
        const clamp = (await itemsAt(`${base}objective mesa M = <|>`)).find(i => i.label === 'clamp');
        expect(clamp).toMatchObject({ kind: CompletionItemKind.Function, detail: 'clamp(x, lo, hi): x limited to [lo, hi]' });
    });

    test('a function inserts its parentheses: a tab stop per parameter, or `()` without snippets', async () => {
        const provider = services.Mesa.lsp.CompletionProvider;
        const at = { start: { line: 2, character: 19 }, end: { line: 2, character: 19 } };
        provider.useClientCapabilities({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
        try {
            const items = await itemsAt(`${base}objective mesa M = <|>`);
            expect(items.find(i => i.label === 'clamp')).toMatchObject({ insertTextFormat: InsertTextFormat.Snippet, textEdit: { newText: 'clamp(${1:x}, ${2:lo}, ${3:hi})', range: at } });
            expect(items.find(i => i.label === 'min')?.textEdit?.newText).toBe('min(${1:a}, ${2:b})');
            expect(items.find(i => i.label === 'final')?.textEdit?.newText).toBe('final(${1:e})');
            const rule = await itemsAt('environment A { horizon 3 action a node x = <|> }');
            expect(rule.find(i => i.label === 'bernoulli')?.textEdit?.newText).toBe('bernoulli(${1:p})');
            expect(rule.find(i => i.label === 'uniform')?.textEdit?.newText).toBe('uniform(${1:lo}, ${2:hi})');
            // Each outcome of choose: a tab stop for its probability, one for its value.
            expect(rule.find(i => i.label === 'choose')).toMatchObject({ kind: CompletionItemKind.Function, detail: 'choose(p1: e1, p2: e2, ...): e_i with probability p_i (a draw; not in objectives)',
                textEdit: { newText: 'choose(${1:p1}: ${2:e1}, ${3:p2}: ${4:e2})' } });
            // Keywords and names insert themselves.
            expect(items.find(i => i.label === 'if')).toMatchObject({ textEdit: { newText: 'if' } });
            expect(items.find(i => i.label === 'if')?.insertTextFormat).toBeUndefined();
        } finally {
            provider.useClientCapabilities({});
        }
        const plain = (await itemsAt(`${base}objective mesa M = <|>`)).find(i => i.label === 'abs');
        expect(plain?.textEdit?.newText).toBe('abs()');
        expect(plain?.insertTextFormat).toBeUndefined();
    });
});

describe('names in scope', () => {
    test('inside an environment: its own and inherited members, each once, with kind and detail', async () => {
        const text = 'environment A(k: 0..3) { horizon 3 action a node x = a }\n'
            + 'environment B extends A { action c node x = a + c node y = <|> }';
        const items = await itemsAt(text);
        const names = items.filter(i => i.labelDetails !== undefined);
        expect(names.map(i => i.label).sort()).toEqual(['a', 'c', 'k', 'x', 'y']);
        expect(items.find(i => i.label === 'k')).toMatchObject({ kind: CompletionItemKind.TypeParameter, detail: 'parameter k: 0..3' });
        expect(items.find(i => i.label === 'a')).toMatchObject({ kind: CompletionItemKind.Function, detail: 'action a' });
        // B's own x replaces A's: its rule is the detail.
        expect(items.find(i => i.label === 'x')).toMatchObject({ kind: CompletionItemKind.Variable, detail: 'node x = a + c' });
    });

    test('inside an objective: the names of the training, then the deployment environments', async () => {
        const text = exampleText('button-lamp').replace('objective mesa Lighting = lamp', 'objective mesa Lighting = <|>');
        const items = await itemsAt(text);
        const names = items.filter(i => i.labelDetails !== undefined);
        expect(names.map(i => i.label)).toEqual(['press', 'lamp', 'flip']);
        // lamp is Lab's (the first training environment), not LabWithSwitch's.
        expect(names.find(i => i.label === 'lamp')?.detail).toBe('node lamp = press@10');
    });

    test('tables and grids in a rule: top-level ones everywhere, an environment\'s own replacing them', async () => {
        const text = 'const reward = [1, 0, 2]\ngrid maze {\n  "#####"\n  "#A  #"\n}\n'
            + 'environment E { horizon 2 action a const reward = [[1, 2, 3], [4, 5, 6]] node x = <|> }\n'
            + 'environment F extends E { node y = <|> }\n'
            + 'environment G { horizon 2 action a node z = <|> }\n';
        const names = async (index: number) => {
            let items: CompletionItem[] = [];
            await complete({ text, index, assert: (list: CompletionList) => { items = list.items; } });
            return items.filter(i => i.labelDetails !== undefined && ['reward', 'maze'].includes(i.label));
        };
        for (const index of [0, 1]) {
            expect((await names(index)).map(i => [i.label, i.kind, i.detail, i.labelDetails?.description])).toEqual([
                ['reward', CompletionItemKind.Constant, 'table reward: 2 × 3', 'table'],
                ['maze', CompletionItemKind.Struct, 'grid maze: 2 rows × 5 columns', 'grid'],
            ]);
        }
        expect((await names(2)).map(i => [i.label, i.detail])).toEqual([['reward', 'table reward: 3 numbers'], ['maze', 'grid maze: 2 rows × 5 columns']]);
    });

    test('extends offers the other environments, never a cycle', async () => {
        const text = 'environment A { horizon 1 }\nenvironment B extends A { }\nenvironment C { }\nenvironment A2 extends B { }\n'
            + 'environment D extends <|>';
        expect(labels(await itemsAt(text), CompletionItemKind.Class)).toEqual(['A', 'B', 'C', 'A2']);
        const cyclic = 'environment A extends <|> { horizon 1 }\nenvironment B extends A { }\nenvironment C { }';
        expect(labels(await itemsAt(cyclic), CompletionItemKind.Class)).toEqual(['C']);
    });

    test('train offers environments, an optimizer offers objectives', async () => {
        expect(labels(await itemsAt(`${base}train <|>`))).toEqual(['A']);
        const objective = (await itemsAt(`${base}objective mesa M = a\noptimizer P { objective <|> }`));
        expect(objective.map(i => [i.label, i.detail])).toEqual([['O', 'objective base O'], ['M', 'objective mesa M']]);
    });
});

describe('lean lists', () => {
    const provider = services.Mesa.lsp.CompletionProvider;
    const text = `${base}objective mesa M = <|>x`;
    async function listAt(source: string): Promise<CompletionList> {
        let list: CompletionList | undefined;
        await complete({ text: source, index: 0, assert: (l: CompletionList) => { list = l; } });
        return list!;
    }

    test('items carry only the fields that are set', async () => {
        const items = (await listAt(text)).items;
        const x = items.find(i => i.label === 'x');
        expect(x).toEqual({
            label: 'x', kind: CompletionItemKind.Variable, detail: 'node x = a@1 + b', labelDetails: { description: 'node' }, sortText: '0',
            textEdit: { newText: 'x', range: { start: { line: 2, character: 19 }, end: { line: 2, character: 19 } } },
        });
        for (const item of items) expect(Object.values(item)).not.toContain(undefined);
    });

    test('a client that takes itemDefaults.editRange gets the replaced range once', async () => {
        provider.useClientCapabilities({ textDocument: { completion: { completionList: { itemDefaults: ['editRange', 'data'] } } } });
        try {
            const list = await listAt(`${base}objective mesa M = ab<|>`);
            // `ab` is being typed: every item replaces it.
            expect(list.itemDefaults).toEqual({ editRange: { start: { line: 2, character: 19 }, end: { line: 2, character: 21 } } });
            expect(list.items.map(i => i.label)).toEqual(['abs']);
            expect(list.items.every(i => i.textEdit === undefined)).toBe(true);
        } finally {
            provider.useClientCapabilities({});
        }
    });

    test('without that capability each item keeps its text edit', async () => {
        const list = await listAt(text);
        expect(list.itemDefaults).toBeUndefined();
        expect(list.items.every(i => i.textEdit !== undefined)).toBe(true);
    });
});

describe('hoistEditRange', () => {
    const range = (from: number, to: number) => ({ start: { line: 0, character: from }, end: { line: 0, character: to } });

    test('keeps an item\'s text when it differs from the label', () => {
        const list = hoistEditRange({ isIncomplete: true, items: [
            { label: 'a', textEdit: { newText: 'a', range: range(1, 2) } },
            { label: 'b', textEdit: { newText: 'b()', range: range(1, 2) } },
        ] });
        expect(list).toEqual({ isIncomplete: true, itemDefaults: { editRange: range(1, 2) }, items: [{ label: 'a' }, { label: 'b', textEditText: 'b()' }] });
    });

    test('leaves the list alone when the ranges differ', () => {
        const list = { isIncomplete: false, items: [
            { label: 'a', textEdit: { newText: 'a', range: range(1, 2) } },
            { label: 'b', textEdit: { newText: 'b', range: range(0, 2) } },
        ] };
        expect(hoistEditRange(list)).toBe(list);
    });
});
