/**
 * The TextMate grammar (syntaxes/mesa.tmLanguage.json) tokenized with VS Code's own
 * engine (vscode-textmate over the Oniguruma WASM): every example tokenizes with a scope
 * for all its non-whitespace text, and specific tokens get the expected scopes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import oniguruma from 'vscode-oniguruma';
import type { IGrammar, StateStack } from 'vscode-textmate';
import vsctm from 'vscode-textmate';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLES, exampleText } from '../helpers/services.js';

const root = join(import.meta.dirname, '..', '..');
let grammar: IGrammar;

beforeAll(async () => {
    const wasm = readFileSync(join(createRequire(import.meta.url).resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
        onigLib: Promise.resolve({ createOnigScanner: p => new oniguruma.OnigScanner(p), createOnigString: s => new oniguruma.OnigString(s) }),
        loadGrammar: async scopeName => scopeName === 'source.mesa'
            ? vsctm.parseRawGrammar(readFileSync(join(root, 'syntaxes', 'mesa.tmLanguage.json'), 'utf8'), 'mesa.tmLanguage.json')
            : null,
    });
    grammar = (await registry.loadGrammar('source.mesa'))!;
});

interface Token { line: number; text: string; scopes: string[] }

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let state: StateStack = vsctm.INITIAL;
    text.split('\n').forEach((line, index) => {
        const result = grammar.tokenizeLine(line, state);
        for (const t of result.tokens) {
            tokens.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
        }
        state = result.ruleStack;
    });
    return tokens;
}

/** The innermost scope of the first token whose text is `text` (on `line`, if given). */
function scopeOf(tokens: Token[], text: string, line?: number): string | undefined {
    return tokens.find(t => t.text === text && (line === undefined || t.line === line))?.scopes.at(-1);
}

describe('TextMate grammar', () => {
    test.each(EXAMPLES)('%s: every non-whitespace token has a scope beyond source.mesa', name => {
        const unscoped = tokenize(exampleText(name)).filter(t => t.text.trim() !== '' && t.scopes.length < 2);
        expect(unscoped).toEqual([]);
        expect(tokenize(exampleText(name)).filter(t => t.scopes.some(s => s.startsWith('invalid')))).toEqual([]);
    });

    const published = readdirSync(join(root, 'examples', 'published')).filter(f => f.endsWith('.mesa'));
    test.each(published)('published/%s: every non-whitespace token has a scope, none invalid', file => {
        const tokens = tokenize(readFileSync(join(root, 'examples', 'published', file), 'utf8'));
        expect(tokens.filter(t => t.text.trim() !== '' && t.scopes.length < 2)).toEqual([]);
        expect(tokens.filter(t => t.scopes.some(s => s.startsWith('invalid')))).toEqual([]);
    });

    test('button-lamp: keywords, names, comments, numbers, delays, operators', () => {
        const tokens = tokenize(exampleText('button-lamp'));
        expect(scopeOf(tokens, 'environment')).toBe('keyword.declaration.environment.mesa');
        expect(scopeOf(tokens, 'Lab')).toBe('entity.name.type.environment.mesa');
        expect(scopeOf(tokens, 'horizon')).toBe('keyword.control.episode.mesa');
        expect(scopeOf(tokens, '40')).toBe('constant.numeric.mesa');
        expect(scopeOf(tokens, 'press', 4)).toBe('entity.name.function.action.mesa');
        expect(scopeOf(tokens, 'lamp', 5)).toBe('variable.other.declaration.node.mesa');
        expect(scopeOf(tokens, '@', 5)).toBe('keyword.operator.delay.mesa');
        expect(scopeOf(tokens, '10', 5)).toBe('constant.numeric.delay.mesa');
        expect(scopeOf(tokens, ' the lamp is on ten steps after a press')).toBe('comment.line.double-slash.mesa');
        expect(scopeOf(tokens, 'extends')).toBe('storage.modifier.extends.mesa');
        expect(scopeOf(tokens, '+', 11)).toBe('keyword.operator.arithmetic.mesa');
        expect(scopeOf(tokens, '>', 11)).toBe('keyword.operator.comparison.mesa');
        expect(scopeOf(tokens, 'base')).toBe('storage.modifier.base.mesa');
        expect(scopeOf(tokens, 'Light')).toBe('entity.name.function.objective.mesa');
        expect(scopeOf(tokens, 'train')).toBe('keyword.control.setup.mesa');
        expect(scopeOf(tokens, '0.1')).toBe('constant.numeric.mesa');
    });

    test('calls, booleans, block comments, qualitative arrows, parameters', () => {
        const tokens = tokenize([
            '/* a block',
            '   comment */ environment C(coin: 0..9) { horizon 3 action a, b',
            '  node x <- +a, -b',
            '  node y = if true and not false then clamp(x, 0, coin) else min(a, b) }',
            'objective base O = final(y) + sum(x)',
        ].join('\n'));
        expect(tokens[0]!.scopes).toEqual(['source.mesa', 'comment.block.mesa', 'punctuation.definition.comment.begin.mesa']);
        expect(scopeOf(tokens, '   comment ')).toBe('comment.block.mesa');
        expect(scopeOf(tokens, 'coin', 1)).toBe('variable.parameter.mesa');
        expect(scopeOf(tokens, '..')).toBe('keyword.operator.range.mesa');
        expect(scopeOf(tokens, 'b', 1)).toBe('entity.name.function.action.mesa');
        expect(scopeOf(tokens, '<-')).toBe('keyword.operator.qualitative.mesa');
        expect(scopeOf(tokens, 'true')).toBe('constant.language.boolean.mesa');
        expect(scopeOf(tokens, 'not')).toBe('keyword.operator.logical.mesa');
        expect(scopeOf(tokens, 'if')).toBe('keyword.control.conditional.mesa');
        expect(scopeOf(tokens, 'clamp')).toBe('support.function.builtin.mesa');
        expect(scopeOf(tokens, 'min')).toBe('support.function.builtin.mesa');
        expect(scopeOf(tokens, 'final')).toBe('support.function.aggregate.mesa');
        expect(scopeOf(tokens, 'sum')).toBe('support.function.aggregate.mesa');
        expect(scopeOf(tokens, 'x', 3)).toBe('variable.other.mesa');
    });

    test('tables, grids and their rows, show, character literals, chance calls, weights', () => {
        const lines = [
            'const reward = [1, 0, 2]',
            'grid maze {',
            '  "#####"',
            '  "#A//#" "#/*  #"',
            '}',
            'environment E(c: 0..1) { horizon 3 action a',
            '  show maze at (x, y)',
            '  node wall = maze[y][x] == \'#\' and reward[1] > 0',
            '  node coin init uniform(0, 9) = choose(0.5: coin@1, 0.5: 0) + bernoulli(0.25) }',
            'train E(c = 0) weight 0.98, E(c = 1) weight 0.02',
            'objective base O = wall // after "a string"',
        ];
        const tokens = tokenize(lines.join('\n'));
        expect(tokens.filter(t => t.text.trim() !== '' && t.scopes.length < 2)).toEqual([]);
        expect(scopeOf(tokens, 'const')).toBe('keyword.declaration.const.mesa');
        expect(scopeOf(tokens, 'reward', 0)).toBe('variable.other.constant.declaration.table.mesa');
        expect(scopeOf(tokens, '[', 0)).toBe('punctuation.section.brackets.begin.mesa');
        expect(scopeOf(tokens, ']', 0)).toBe('punctuation.section.brackets.end.mesa');
        expect(scopeOf(tokens, 'grid')).toBe('keyword.declaration.grid.mesa');
        expect(scopeOf(tokens, 'maze', 1)).toBe('variable.other.constant.declaration.grid.mesa');
        // A row is one string, whatever it holds: `//` and `/*` in a row start no comment.
        expect(tokens.filter(t => t.line === 2 && t.text === '#####').map(t => t.scopes.at(-1))).toEqual(['string.quoted.double.row.mesa']);
        expect(scopeOf(tokens, '#A//#', 3)).toBe('string.quoted.double.row.mesa');
        expect(scopeOf(tokens, '#/*  #', 3)).toBe('string.quoted.double.row.mesa');
        expect(scopeOf(tokens, '"', 3)).toBe('punctuation.definition.string.begin.mesa');
        expect(tokens.filter(t => t.line === 4).map(t => t.scopes.at(-1))).toEqual(['punctuation.section.block.end.mesa']);
        expect(scopeOf(tokens, 'show')).toBe('keyword.other.show.mesa');
        expect(scopeOf(tokens, 'maze', 6)).toBe('variable.other.constant.grid.mesa');
        expect(scopeOf(tokens, 'at')).toBe('keyword.other.at.mesa');
        expect(scopeOf(tokens, '#', 7)).toBe('string.quoted.single.char.mesa');
        expect(scopeOf(tokens, "'", 7)).toBe('punctuation.definition.string.begin.mesa');
        expect(scopeOf(tokens, '[', 7)).toBe('punctuation.section.brackets.begin.mesa');
        expect(scopeOf(tokens, 'uniform')).toBe('support.function.chance.mesa');
        expect(scopeOf(tokens, 'choose')).toBe('support.function.chance.mesa');
        expect(scopeOf(tokens, 'bernoulli')).toBe('support.function.chance.mesa');
        expect(scopeOf(tokens, ':', 8)).toBe('punctuation.separator.colon.mesa');
        expect(scopeOf(tokens, 'weight')).toBe('keyword.control.setup.mesa');
        expect(scopeOf(tokens, '0.02')).toBe('constant.numeric.mesa');
        expect(scopeOf(tokens, ' after "a string"')).toBe('comment.line.double-slash.mesa');
    });

    test('an unclosed row is marked, and the next line is not swallowed', () => {
        const tokens = tokenize('grid g {\n  "#  \n}');
        expect(scopeOf(tokens, '"#  ')).toBe('invalid.illegal.unterminated-string.mesa');
        expect(scopeOf(tokens, '}', 2)).toBe('punctuation.section.block.end.mesa');
    });
});
