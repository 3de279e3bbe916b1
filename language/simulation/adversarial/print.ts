/**
 * Prints a compiled expression back as Mesa source, with only the parentheses the
 * grammar's precedence needs (`if` lowest; `or`; `and`; `not`; comparisons,
 * non-associative; `+ -`; `* /`; unary `-`; atoms and `x@k`). Used to redeclare a
 * node in a derived (distinguishing) environment; parameters are already constants.
 */
import type { Expr } from '../../model/spec.js';

const BINARY_PRECEDENCE: Record<string, number> = {
    or: 1, and: 2,
    '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4,
    '+': 5, '-': 5, '*': 6, '/': 6,
};

/** A number as a Mesa literal (a negative one is a unary minus applied to the literal). */
export function numberText(value: number): string {
    const s = Object.is(value, -0) ? '0' : String(value);
    return s;
}

function precedence(e: Expr): number {
    switch (e.kind) {
        case 'if': return 0;
        case 'binary': return BINARY_PRECEDENCE[e.op]!;
        case 'unary': return e.op === 'not' ? 3 : 7;
        case 'const': return e.value < 0 ? 7 : 8;
        default: return 8;
    }
}

/** The expression as Mesa text; wrapped in parentheses when its precedence is below `min`. */
export function printExpr(e: Expr, min = 0): string {
    const text = print(e);
    return precedence(e) < min ? `(${text})` : text;
}

function print(e: Expr): string {
    switch (e.kind) {
        case 'const': return e.value < 0 ? `-${numberText(-e.value)}` : numberText(e.value);
        case 'ref': return e.delay > 0 ? `${e.name}@${e.delay}` : e.name;
        case 'unary': return e.op === '-' ? `-${printExpr(e.operand, 7)}` : `not ${printExpr(e.operand, 3)}`;
        case 'binary': {
            const p = BINARY_PRECEDENCE[e.op]!;
            // Comparisons are non-associative: both sides one level up. The others associate left.
            const left = p === 4 ? printExpr(e.left, 5) : printExpr(e.left, p);
            const right = printExpr(e.right, p + 1);
            return `${left} ${e.op} ${right}`;
        }
        case 'if': return `if ${printExpr(e.condition, 1)} then ${printExpr(e.then, 1)} else ${printExpr(e.else, 0)}`;
        case 'call': return `${e.fn}(${e.args.map(a => printExpr(a, 0)).join(', ')})`;
    }
}
