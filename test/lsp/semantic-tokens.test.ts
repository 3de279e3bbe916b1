/**
 * Semantic tokens: actions, nodes, parameters, environments, objectives and optimizers
 * get distinct token types, at declarations (modifier `declaration`) and at references.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectSemanticToken, highlightHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { AllSemanticTokenModifiers } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { createMesaServices } from '../../language/mesa-module.js';
import { exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const highlight = highlightHelper(services.Mesa);
afterEach(() => clearDocuments(services.shared));

const spec = [
    'environment <|Room|>(<|coin|>: 0..3) {',
    '  horizon 4',
    '  action <|sweep|>',
    '  node <|floor|> init 6 = <|floor|>@1 - <|sweep|> * <|coin|> + <|min|>(1, 2)',
    '}',
    'environment Home extends <|Room|> { node q <- +<|floor|> }',
    'objective base <|Clean|> = -<|floor|>',
    'optimizer <|Opt|> { objective <|Clean|> model <|Room|> }',
    'train <|Room|>(<|coin|> = 1)',
].join('\n');

const expected: [SemanticTokenTypes, string][] = [
    [SemanticTokenTypes.class, 'Room'], [SemanticTokenTypes.parameter, 'coin'], [SemanticTokenTypes.function, 'sweep'], [SemanticTokenTypes.variable, 'floor'], [SemanticTokenTypes.variable, 'floor'],
    [SemanticTokenTypes.function, 'sweep'], [SemanticTokenTypes.parameter, 'coin'], [SemanticTokenTypes.function, 'min'], [SemanticTokenTypes.class, 'Room'], [SemanticTokenTypes.variable, 'floor'],
    [SemanticTokenTypes.property, 'Clean'], [SemanticTokenTypes.variable, 'floor'], [SemanticTokenTypes.type, 'Opt'], [SemanticTokenTypes.property, 'Clean'], [SemanticTokenTypes.class, 'Room'],
    [SemanticTokenTypes.class, 'Room'], [SemanticTokenTypes.parameter, 'coin'],
];

describe('semantic tokens', () => {
    test('each kind of name has its own token type, at declarations and references', async () => {
        const tokens = await highlight(spec);
        expect(tokens.ranges).toHaveLength(expected.length);
        const plain = spec.replaceAll(/<\||\|>/g, '');
        expected.forEach(([tokenType, text], rangeIndex) => {
            expectSemanticToken(tokens, { rangeIndex, tokenType });
            const [start, end] = tokens.ranges[rangeIndex]!;
            expect(plain.slice(start, end)).toBe(text);
        });
    });

    test('declarations carry the declaration modifier, references do not', async () => {
        const { tokens } = await highlight(spec.replaceAll(/<\||\|>/g, ''));
        const floor = tokens.filter(t => t.text === 'floor');
        const declaration = AllSemanticTokenModifiers[SemanticTokenModifiers.declaration];
        expect(floor.map(t => t.tokenModifiers)).toEqual([declaration, 0, 0, 0]);
        expect(tokens.find(t => t.text === 'min')?.tokenModifiers).toBe(AllSemanticTokenModifiers[SemanticTokenModifiers.defaultLibrary]);
    });

    test('tables and grids are read-only variables; rows and characters strings; chance functions library functions', async () => {
        const text = [
            'const reward = [1, 0, 2]',
            'grid maze {',
            '  "#A#"',
            '  "# #"',
            '}',
            'environment E {',
            '  horizon 2',
            '  action a',
            '  node x init uniform(0, 2) = x@1',
            '  node y = choose(0.5: 1, 0.5: bernoulli(0.25))',
            '  show maze at (x, y)',
            "  node wall = maze[y][x] == '#' and reward[x] > 0",
            '}',
        ].join('\n');
        const { tokens } = await highlight(text);
        const declaration = AllSemanticTokenModifiers[SemanticTokenModifiers.declaration]!;
        const readonly = AllSemanticTokenModifiers[SemanticTokenModifiers.readonly]!;
        const library = AllSemanticTokenModifiers[SemanticTokenModifiers.defaultLibrary]!;
        const of = (name: string) => tokens.filter(t => t.text === name).map(t => [t.tokenType, t.tokenModifiers]);
        // Declared, then read by `show` and by the rule.
        expect(of('maze')).toEqual([[SemanticTokenTypes.variable, declaration | readonly], [SemanticTokenTypes.variable, readonly], [SemanticTokenTypes.variable, readonly]]);
        expect(of('reward')).toEqual([[SemanticTokenTypes.variable, declaration | readonly], [SemanticTokenTypes.variable, readonly]]);
        // `show` reads the position nodes too.
        expect(of('x').map(([type]) => type)).toEqual(Array(5).fill(SemanticTokenTypes.variable));
        expect(of('"#A#"')).toEqual([[SemanticTokenTypes.string, 0]]);
        expect(of('"# #"')).toEqual([[SemanticTokenTypes.string, 0]]);
        expect(of("'#'")).toEqual([[SemanticTokenTypes.string, 0]]);
        for (const name of ['uniform', 'choose', 'bernoulli']) expect(of(name), name).toEqual([[SemanticTokenTypes.function, library]]);
    });

    test('every name of every example is highlighted', async () => {
        const { tokens } = await highlight(exampleText('button-lamp'));
        const lamp = tokens.filter(t => t.text === 'lamp').map(t => t.tokenType);
        expect(lamp).toEqual([SemanticTokenTypes.variable, 'variable', 'variable', 'variable']);
        expect(tokens.filter(t => t.text === 'press').map(t => t.tokenType)).toEqual([SemanticTokenTypes.function, 'function', 'function', 'function']);
        expect(tokens.filter(t => t.text === 'Lab').map(t => t.tokenType)).toEqual([SemanticTokenTypes.class, 'class', 'class']);
    });
});
