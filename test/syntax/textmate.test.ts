/**
 * The TextMate grammar (syntaxes/mesa.tmLanguage.json) tokenized with VS Code's own
 * engine (vscode-textmate over the Oniguruma WASM): every example tokenizes with a scope
 * for all its non-whitespace text, and specific tokens get the expected scopes.
 */
import { readFileSync } from 'node:fs';
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
});
