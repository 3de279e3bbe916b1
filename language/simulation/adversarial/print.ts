/**
 * Prints a compiled expression back as Mesa source, with only the parentheses the
 * grammar's precedence needs (`if` lowest; `or`; `and`; `not`; comparisons,
 * non-associative; `+ -`; `* /`; unary `-`; atoms and `x@k`). Used to redeclare a
 * node in a derived (distinguishing) environment; parameters are already constants.
 *
 * A draw prints as the call it was compiled from where its options show it
 * (`bernoulli(p)`: the values 0 then 1; `uniform(lo, hi)`: equally likely consecutive
 * integers), else as `choose(p: e, ...)`; an indexing as `name[i]` or `name[i][j]`, the
 * name resolving to the same table in an environment that extends the one it was
 * compiled in (see `printable`).
 */
import type { DrawOption, Expr, InitOutcome } from '../../model/spec.js';

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
        // A draw of one option prints as that option.
        case 'draw': return e.options.length === 1 ? precedence(e.options[0]!.value) : 8;
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
        case 'draw': return drawText(e.options);
        case 'index': return `${e.table}${e.indices.map(i => `[${printExpr(i, 0)}]`).join('')}`;
    }
}

/** Equal within rounding (probabilities printed back are compiled again, and summed). */
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12;

/** The options of a draw as Mesa source. */
function drawText(options: readonly DrawOption[]): string {
    if (options.length === 1) return printExpr(options[0]!.value, 0);
    const constants = options.map(o => (o.value.kind === 'const' ? o.value.value : NaN));
    if (options.length === 2 && constants[0] === 0 && constants[1] === 1) return `bernoulli(${numberText(options[1]!.p)})`;
    const lo = constants[0]!;
    if (Number.isInteger(lo) && constants.every((v, i) => v === lo + i) && options.every(o => close(o.p, 1 / options.length))) {
        return `uniform(${lo < 0 ? `-${numberText(-lo)}` : numberText(lo)}, ${numberText(lo + options.length - 1)})`;
    }
    return `choose(${options.map(o => `${numberText(o.p)}: ${printExpr(o.value, 0)}`).join(', ')})`;
}

/** An init that draws, as Mesa source (`bernoulli`, `uniform` or `choose` over its values). */
export function initText(outcomes: readonly InitOutcome[]): string {
    return drawText(outcomes.map(o => ({ p: o.p, value: { kind: 'const', value: o.value } })));
}

/** Whether an expression can be printed back as Mesa: every table it indexes has a name that the grammar reads as one. */
export function printable(e: Expr): boolean {
    switch (e.kind) {
        case 'const': case 'ref': return true;
        case 'unary': return printable(e.operand);
        case 'binary': return printable(e.left) && printable(e.right);
        case 'if': return printable(e.condition) && printable(e.then) && printable(e.else);
        case 'call': return e.args.every(printable);
        case 'draw': return e.options.every(o => Number.isFinite(o.p) && printable(o.value));
        case 'index': return /^[_a-zA-Z]\w*$/.test(e.table) && e.indices.every(printable);
    }
}
