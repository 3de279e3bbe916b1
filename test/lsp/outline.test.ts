/**
 * Outline (document symbols) and folding: environments with their members as children,
 * objectives and optimizers; environment, optimizer and select blocks and block comments fold.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFoldings, expectSymbols } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import { createMesaServices } from '../../language/mesa-module.js';
import { exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const symbols = expectSymbols(services.Mesa);
const foldings = expectFoldings(services.Mesa);
afterEach(() => clearDocuments(services.shared));

const outline = (list: DocumentSymbol[]): unknown => list.map(s => ({
    name: s.name, kind: s.kind, detail: s.detail, ...(s.children ? { children: outline(s.children) } : {}),
}));

describe('outline', () => {
    test('button-lamp: environments with their actions and nodes, then the objectives', async () => {
        await symbols({
            text: exampleText('button-lamp'),
            assert: list => expect(outline(list)).toEqual([
                { name: 'Lab', kind: SymbolKind.Class, detail: 'environment', children: [
                    { name: 'press', kind: SymbolKind.Function, detail: 'action' },
                    { name: 'lamp', kind: SymbolKind.Variable, detail: 'press@10' },
                ] },
                { name: 'LabWithSwitch', kind: SymbolKind.Class, detail: 'extends Lab', children: [
                    { name: 'flip', kind: SymbolKind.Function, detail: 'action' },
                    { name: 'lamp', kind: SymbolKind.Variable, detail: 'press@10 + flip > 0' },
                ] },
                { name: 'Light', kind: SymbolKind.Event, detail: 'base objective' },
                { name: 'Pressing', kind: SymbolKind.Event, detail: 'mesa objective' },
                { name: 'Lighting', kind: SymbolKind.Event, detail: 'mesa objective' },
            ]),
        });
    });

    test('parameters, qualitative nodes and optimizers', async () => {
        await symbols({
            text: 'environment C(coin: 0..9) { horizon 2 action a node q <- +a, -a }\noptimizer P { objective O }',
            assert: list => expect(outline(list)).toEqual([
                { name: 'C', kind: SymbolKind.Class, detail: 'environment', children: [
                    { name: 'coin', kind: SymbolKind.TypeParameter, detail: '0..9' },
                    { name: 'a', kind: SymbolKind.Function, detail: 'action' },
                    { name: 'q', kind: SymbolKind.Variable, detail: '+a, -a' },
                ] },
                { name: 'P', kind: SymbolKind.Module, detail: 'optimizer' },
            ]),
        });
    });
});

describe('tables and grids', () => {
    test('top-level ones at the top, an environment\'s own among its members, with their sizes', async () => {
        await symbols({
            text: 'const reward = [1, 0, 2]\ngrid maze { "####" "#A #" "####" }\n'
                + 'environment E { horizon 2 action a const cost = [[1, 1], [1, 0]] grid maze { "##" } show maze at (x, x) node x = a }',
            assert: list => expect(outline(list)).toEqual([
                { name: 'reward', kind: SymbolKind.Constant, detail: 'table: 3 numbers' },
                { name: 'maze', kind: SymbolKind.Array, detail: 'grid: 3 rows × 4 columns' },
                { name: 'E', kind: SymbolKind.Class, detail: 'environment', children: [
                    { name: 'a', kind: SymbolKind.Function, detail: 'action' },
                    { name: 'cost', kind: SymbolKind.Constant, detail: 'table: 2 × 2' },
                    { name: 'maze', kind: SymbolKind.Array, detail: 'grid: 1 row × 2 columns' },
                    { name: 'x', kind: SymbolKind.Variable, detail: 'a' },
                ] },
            ]),
        });
    });
});

describe('folding', () => {
    test('grid blocks and tables written one row per line, at the top level and in an environment', async () => {
        await foldings({
            text: [
                '<|grid maze {',
                '  "###"',
                '  "#A#"|>',
                '}',
                '<|const cost = [',
                '  [1, 1],',
                '  [1, 0]|>',
                ']',
                'const short = [[1], [2]]',
                '<|environment E {',
                '  horizon 2',
                '  <|grid g {',
                '    "#"',
                '    "#"|>',
                '  }|>',
                '}',
            ].join('\n'),
        });
    });

    test('environment, optimizer and select blocks and block comments; not expressions', async () => {
        await foldings({
            // A fold ends on the line before its closing `*/` or `}`, which stays visible.
            text: [
                '<|/* A block comment',
                '   over three lines|>',
                '*/',
                '<|environment A {',
                '  horizon 3',
                '  action a',
                '  node x = a',
                '    + 1|>',
                '}',
                'objective base O = x',
                '  + x@1',
                '  + 2',
                '<|optimizer P {',
                '  objective O|>',
                '}',
                '<|select {',
                '  penalty depth 1|>',
                '}',
            ].join('\n'),
        });
    });

    test('every environment of an example folds', async () => {
        await foldings({
            text: exampleText('cleaning'),
            assert: ranges => expect(ranges.map(r => [r.startLine, r.endLine])).toEqual([[1, 6], [8, 11]]),
        });
    });
});
