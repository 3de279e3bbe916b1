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

    test('every name of every example is highlighted', async () => {
        const { tokens } = await highlight(exampleText('button-lamp'));
        const lamp = tokens.filter(t => t.text === 'lamp').map(t => t.tokenType);
        expect(lamp).toEqual([SemanticTokenTypes.variable, 'variable', 'variable', 'variable']);
        expect(tokens.filter(t => t.text === 'press').map(t => t.tokenType)).toEqual([SemanticTokenTypes.function, 'function', 'function', 'function']);
        expect(tokens.filter(t => t.text === 'Lab').map(t => t.tokenType)).toEqual([SemanticTokenTypes.class, 'class', 'class']);
    });
});
