/**
 * What a binary operator of the model computes on two numbers: comparisons and the
 * logical operators give 1 or 0 (docs/language.md, Expressions). Shared by the compiler's
 * constant folding and the sign analysis' evaluation of constant parts.
 */
import type { BinaryOperator } from './spec.js';

export function applyBinary(op: BinaryOperator, a: number, b: number): number {
    switch (op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '==': return a === b ? 1 : 0;
        case '!=': return a !== b ? 1 : 0;
        case '<': return a < b ? 1 : 0;
        case '<=': return a <= b ? 1 : 0;
        case '>': return a > b ? 1 : 0;
        case '>=': return a >= b ? 1 : 0;
        case 'and': return a !== 0 && b !== 0 ? 1 : 0;
        case 'or': return a !== 0 || b !== 0 ? 1 : 0;
    }
}
