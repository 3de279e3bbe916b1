/**
 * The expression grammar binds as docs/language.md (Expressions) says (lowest to highest: if-then-else;
 * or; and; not; comparisons, non-associative; + -; * /; unary -; the delay x@k), and
 * every sub-expression keeps its own source range.
 */
import type { AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Expression, Node, Spec } from '../../language/generated/ast.js';
import { isBinaryExpression, isBooleanLiteral, isCall, isEnvironment, isIfExpression, isNameReference, isNode, isNumberLiteral, isUnaryExpression } from '../../language/generated/ast.js';
import { services } from '../helpers/services.js';

function parseRule(expression: string): { rule: Expression; errors: string[] } {
    const result = services.parser.LangiumParser.parse<Spec>(`environment E { horizon 3 action a, b, c, d node x = a node y = ${expression} }`);
    const env = result.value.declarations.find(isEnvironment)!;
    const node = env.members.filter(isNode).find(n => n.name === 'y') as Node;
    return { rule: node?.rule as Expression, errors: result.parserErrors.map(e => e.message) };
}

function show(e: AstNode | undefined): string {
    if (isBinaryExpression(e)) return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    if (isUnaryExpression(e)) return `(${e.operator} ${show(e.operand)})`;
    if (isIfExpression(e)) return `(if ${show(e.condition)} then ${show(e.then)} else ${show(e.else)})`;
    if (isCall(e)) return `${e.function}(${e.args.map(show).join(', ')})`;
    if (isNameReference(e)) return e.target.$refText + (e.delay !== undefined ? `@${e.delay}` : '');
    if (isNumberLiteral(e)) return String(e.value);
    if (isBooleanLiteral(e)) return e.value;
    return '?';
}

describe('expression precedence', () => {
    test.each([
        ['a or b and c', '(a or (b and c))'],
        ['a and b or c and d', '((a and b) or (c and d))'],
        ['a or b or c', '((a or b) or c)'],
        ['not a and b', '((not a) and b)'],
        ['not a < b', '(not (a < b))'],
        ['not not a or b', '((not (not a)) or b)'],
        ['a + b < c * d', '((a + b) < (c * d))'],
        ['a == b and c != d', '((a == b) and (c != d))'],
        ['a - b - c + d', '(((a - b) - c) + d)'],
        ['a * b / c * d', '(((a * b) / c) * d)'],
        ['a + b * c - d / a', '((a + (b * c)) - (d / a))'],
        ['-a * b', '((- a) * b)'],
        ['- -a@2 + b', '((- (- a@2)) + b)'],
        ['a - -b', '(a - (- b))'],
        ['-(a + b) * c', '((- (a + b)) * c)'],
        ['if a < b then c else d + 1', '(if (a < b) then c else (d + 1))'],
        ['if a then b else if c then d else a or b', '(if a then b else (if c then d else (a or b)))'],
        ['max(a, b * c) + min(-a)', '(max(a, (b * c)) + min((- a)))'],
        ['(a or b) and c', '((a or b) and c)'],
        ['a@1 >= 2 * b@3', '(a@1 >= (2 * b@3))'],
    ])('%s', (source, expected) => {
        const { rule, errors } = parseRule(source);
        expect(errors).toEqual([]);
        expect(show(rule)).toBe(expected);
    });

    test('comparisons do not chain', () => {
        expect(parseRule('a < b < c').errors).not.toEqual([]);
        expect(parseRule('a == b != c').errors).not.toEqual([]);
    });

    test('each sub-expression has its own range', () => {
        const { rule } = parseRule('a + b / (c - d) * 2');
        const texts: string[] = [];
        const visit = (e: AstNode | undefined): void => {
            if (!e) return;
            texts.push(e.$cstNode!.text);
            if (isBinaryExpression(e)) { visit(e.left); visit(e.right); }
            if (isUnaryExpression(e)) visit(e.operand);
        };
        visit(rule);
        expect(texts).toEqual(['a + b / (c - d) * 2', 'a', 'b / (c - d) * 2', 'b / (c - d)', 'b', '(c - d)', 'c', 'd', '2']);
    });
});
