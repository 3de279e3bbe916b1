/**
 * The sign and delay analysis of docs/language.md (Edge signs), on the model's expressions: the sign of a
 * value (is it ≥ 0, ≤ 0, 0, unknown) and the monotonicity of an expression in one input
 * (an action or node read at a given delay). Parts that read only constants (bound
 * parameters included) are evaluated, so signs follow from the bound values. Pure
 * functions over plain data.
 *
 * A draw (docs/language.md, Chance) is one of its options: its value's sign is theirs,
 * joined, and it depends on an input with sign ± when some option reads it (a draw of
 * constants is a source, constant in every input). An indexing takes its value's sign
 * from its table, and depends with sign ± on what its indices read; the table itself is
 * a constant.
 */
import { applyBinary } from './operators.js';
import type { CompiledNode, Expr } from './spec.js';

/** What is known of a value's sign. */
export type ValueSign = 'zero' | 'nonneg' | 'nonpos' | 'any';

/** Monotonicity in one input: constant ('0'), non-decreasing, non-increasing, or mixed. */
export type Monotonicity = '0' | '+' | '-' | '±';

/**
 * The signs of the inputs an expression reads. An object with a method, not a closure:
 * the optimizing compiler specializes `valueSign` and `monotonicity` on the function
 * they call, and a new closure per edit threw that code away on every edit.
 */
export interface SignLookup {
    signOf(name: string, delay: number): ValueSign;
}

export function joinValueSigns(a: ValueSign, b: ValueSign): ValueSign {
    if (a === b || b === 'zero') return a;
    if (a === 'zero') return b;
    return 'any';
}

function negateValue(s: ValueSign): ValueSign {
    return s === 'nonneg' ? 'nonpos' : s === 'nonpos' ? 'nonneg' : s;
}

function addValues(a: ValueSign, b: ValueSign): ValueSign {
    if (a === 'zero') return b;
    if (b === 'zero') return a;
    return a === b ? a : 'any';
}

function multiplyValues(a: ValueSign, b: ValueSign): ValueSign {
    if (a === 'zero' || b === 'zero') return 'zero';
    if (a === 'any' || b === 'any') return 'any';
    return a === b ? 'nonneg' : 'nonpos';
}

export function constantSign(value: number): ValueSign {
    return value === 0 ? 'zero' : value > 0 ? 'nonneg' : 'nonpos';
}

const constants = new WeakMap<Expr, number | null>();

/**
 * The value of an expression that reads no action or node (its parameters are bound
 * constants by now), so that signs follow from the bound values; null when it reads
 * something, divides by zero or is not finite. Kept per expression (they are immutable).
 */
export function constantOf(expr: Expr): number | null {
    if (expr.kind === 'const') return Number.isFinite(expr.value) ? expr.value : null;
    if (expr.kind === 'ref') return null;
    let value = constants.get(expr);
    if (value === undefined) {
        value = fold(expr);
        constants.set(expr, value);
    }
    return value;
}

function fold(expr: Expr): number | null {
    let v: number;
    switch (expr.kind) {
        case 'const': case 'ref': return constantOf(expr);
        case 'unary': {
            const x = constantOf(expr.operand);
            if (x === null) return null;
            v = expr.op === '-' ? -x : x === 0 ? 1 : 0;
            break;
        }
        case 'if': {
            const c = constantOf(expr.condition);
            return c === null ? null : constantOf(c !== 0 ? expr.then : expr.else);
        }
        case 'binary': {
            const a = constantOf(expr.left), b = constantOf(expr.right);
            if (a === null || b === null || (expr.op === '/' && b === 0)) return null;
            v = applyBinary(expr.op, a, b);
            break;
        }
        case 'call': {
            const args: number[] = [];
            for (const arg of expr.args) {
                const x = constantOf(arg);
                if (x === null) return null;
                args.push(x);
            }
            v = expr.fn === 'min' ? Math.min(...args) : expr.fn === 'max' ? Math.max(...args)
                : expr.fn === 'abs' ? Math.abs(args[0]!) : Math.min(Math.max(args[0]!, args[1]!), args[2]!);
            break;
        }
        // A draw is constant only when it has one option.
        case 'draw': return expr.options.length === 1 ? constantOf(expr.options[0]!.value) : null;
        case 'index': {
            let at = 0;
            for (let d = 0; d < expr.indices.length; d++) {
                const i = constantOf(expr.indices[d]!), n = expr.shape[d] ?? 0;
                if (i === null || !Number.isInteger(i) || i < 0 || i >= n) return null;
                at = at * n + i;
            }
            v = expr.values[at] ?? NaN;
            break;
        }
    }
    return Number.isFinite(v) ? v : null;
}

const tableSigns = new WeakMap<Expr, ValueSign>();

/** The sign of every value of an indexing's table (kept per expression). */
function tableSign(expr: Extract<Expr, { kind: 'index' }>): ValueSign {
    let sign = tableSigns.get(expr);
    if (sign === undefined) {
        sign = 'zero';
        for (const v of expr.values) sign = joinValueSigns(sign, constantSign(v));
        tableSigns.set(expr, sign);
    }
    return sign;
}

/** The branch an `if` always takes, when its condition is a constant. */
function takenBranch(expr: Extract<Expr, { kind: 'if' }>): Expr | undefined {
    const c = constantOf(expr.condition);
    return c === null ? undefined : c !== 0 ? expr.then : expr.else;
}

/** The sign of an expression's value, given the signs of what it reads; exact for a constant. */
export function valueSign(expr: Expr, lookup: SignLookup): ValueSign {
    if (expr.kind !== 'const' && expr.kind !== 'ref') {
        const value = constantOf(expr);
        if (value !== null) return constantSign(value);
    }
    switch (expr.kind) {
        case 'const': return constantSign(expr.value);
        case 'ref': return lookup.signOf(expr.name, expr.delay);
        case 'unary': return expr.op === '-' ? negateValue(valueSign(expr.operand, lookup)) : 'nonneg';
        case 'if': {
            const taken = takenBranch(expr);
            if (taken) return valueSign(taken, lookup);
            return joinValueSigns(valueSign(expr.then, lookup), valueSign(expr.else, lookup));
        }
        case 'binary': {
            const a = valueSign(expr.left, lookup);
            const b = valueSign(expr.right, lookup);
            switch (expr.op) {
                case '+': return addValues(a, b);
                case '-': return addValues(a, negateValue(b));
                case '*': case '/': return multiplyValues(a, b);
                default: return 'nonneg';
            }
        }
        case 'call': {
            // Folded argument by argument, with no arrays: this runs for every rule on every edit.
            const args = expr.args;
            switch (expr.fn) {
                case 'abs': return valueSign(args[0]!, lookup) === 'zero' ? 'zero' : 'nonneg';
                case 'min': {
                    let s = valueSign(args[0]!, lookup);
                    for (let i = 1; i < args.length; i++) s = minOfSigns(s, valueSign(args[i]!, lookup));
                    return s;
                }
                case 'max': {
                    let s = valueSign(args[0]!, lookup);
                    for (let i = 1; i < args.length; i++) s = maxOfSigns(s, valueSign(args[i]!, lookup));
                    return s;
                }
                case 'clamp': return minOfSigns(maxOfSigns(valueSign(args[0]!, lookup), valueSign(args[1]!, lookup)), valueSign(args[2]!, lookup));
            }
            break;
        }
        case 'draw': {
            let s = valueSign(expr.options[0]!.value, lookup);
            for (let i = 1; i < expr.options.length; i++) s = joinValueSigns(s, valueSign(expr.options[i]!.value, lookup));
            return s;
        }
        case 'index': return tableSign(expr);
    }
    return 'any';
}

/**
 * The sign of min(a, b). A sign stands for two facts, "may be ≤ 0" and "is ≥ 0", and
 * those of a minimum are the first's or the second's and the first's and the second's:
 * so folding this over the arguments gives the sign of min(...) over all of them.
 */
function minOfSigns(a: ValueSign, b: ValueSign): ValueSign {
    const atMostZero = a === 'nonpos' || a === 'zero' || b === 'nonpos' || b === 'zero';
    const atLeastZero = (a === 'nonneg' || a === 'zero') && (b === 'nonneg' || b === 'zero');
    if (atMostZero) return atLeastZero ? 'zero' : 'nonpos';
    return atLeastZero ? 'nonneg' : 'any';
}

/** The sign of max(a, b) = -min(-a, -b). */
function maxOfSigns(a: ValueSign, b: ValueSign): ValueSign {
    return negateValue(minOfSigns(negateValue(a), negateValue(b)));
}

export function combine(a: Monotonicity, b: Monotonicity): Monotonicity {
    if (a === '0') return b;
    if (b === '0') return a;
    return a === b ? a : '±';
}

export function negate(m: Monotonicity): Monotonicity {
    return m === '+' ? '-' : m === '-' ? '+' : m;
}

/** Monotonicity of `m`-varying factor times a factor whose value has sign `s`. */
function scale(m: Monotonicity, s: ValueSign): Monotonicity {
    if (m === '0' || s === 'zero') return '0';
    if (s === 'nonneg') return m;
    if (s === 'nonpos') return negate(m);
    return '±';
}

function nonZeroConstant(expr: Expr): boolean {
    const value = constantOf(expr);
    return value !== null && value !== 0;
}

/** Monotonicity of `expr` in the input `name` read at `delay` (0: the current step). */
export function monotonicity(expr: Expr, name: string, delay: number, lookup: SignLookup): Monotonicity {
    // Recursion with the arguments passed on, not through a closure: this runs for every
    // read of every rule on each edit, and a closure per call was most of its garbage.
    switch (expr.kind) {
        case 'const': return '0';
        case 'ref': return expr.name === name && expr.delay === delay ? '+' : '0';
        case 'unary': return negate(monotonicity(expr.operand, name, delay, lookup));
        case 'if': {
            const taken = takenBranch(expr);
            if (taken) return monotonicity(taken, name, delay, lookup);
            return monotonicity(expr.condition, name, delay, lookup) !== '0'
                ? '±'
                : combine(monotonicity(expr.then, name, delay, lookup), monotonicity(expr.else, name, delay, lookup));
        }
        case 'call': {
            if (expr.fn === 'abs') return scale(monotonicity(expr.args[0]!, name, delay, lookup), valueSign(expr.args[0]!, lookup));
            let m: Monotonicity = '0';
            for (const arg of expr.args) m = combine(m, monotonicity(arg, name, delay, lookup));
            return m;
        }
        case 'binary': {
            const a = monotonicity(expr.left, name, delay, lookup);
            const b = monotonicity(expr.right, name, delay, lookup);
            switch (expr.op) {
                case '+': return combine(a, b);
                // `e and 0` is always 0, `e or c` with c ≠ 0 always 1: constant in e.
                case 'and': return constantOf(expr.left) === 0 || constantOf(expr.right) === 0 ? '0' : combine(a, b);
                case 'or': return nonZeroConstant(expr.left) || nonZeroConstant(expr.right) ? '0' : combine(a, b);
                case '-': return combine(a, negate(b));
                case '>': case '>=': return combine(a, negate(b));
                case '<': case '<=': return combine(negate(a), b);
                case '==': case '!=': return a === '0' && b === '0' ? '0' : '±';
                case '*': return combine(scale(a, valueSign(expr.right, lookup)), scale(b, valueSign(expr.left, lookup)));
                case '/': {
                    const divisor = valueSign(expr.right, lookup);
                    const inverse = divisor === 'any' ? (b === '0' ? '0' : '±') : negate(b);
                    return combine(scale(a, divisor), scale(inverse, valueSign(expr.left, lookup)));
                }
            }
            return '±';
        }
        // A draw or an indexing that reads the input at all depends on it with sign ±.
        case 'draw': {
            for (const o of expr.options) if (monotonicity(o.value, name, delay, lookup) !== '0') return '±';
            return '0';
        }
        case 'index': {
            for (const i of expr.indices) if (monotonicity(i, name, delay, lookup) !== '0') return '±';
            return '0';
        }
    }
}

/** The value signs of an environment's inputs: now, and at the start (what a delayed read may also see). */
export class ValueSignTable implements SignLookup {
    readonly current = new Map<string, ValueSign>();
    readonly initial = new Map<string, ValueSign>();

    signOf(name: string, delay: number): ValueSign {
        const now = this.current.get(name) ?? 'any';
        return delay > 0 ? joinValueSigns(now, this.initial.get(name) ?? 'any') : now;
    }
}

/**
 * Value signs of an environment's actions and nodes, by a fixpoint from the initial
 * values: actions are 0/1, so ≥ 0; a delayed read may also see the init value.
 */
export function valueSignTable(actions: string[], nodes: Pick<CompiledNode, 'name' | 'init' | 'rule' | 'initOutcomes'>[]): ValueSignTable {
    const table = new ValueSignTable();
    const { current, initial } = table;
    for (const action of actions) {
        current.set(action, 'nonneg');
        initial.set(action, 'zero');
    }
    for (const node of nodes) {
        // An init that draws may be any of its outcomes.
        let s: ValueSign = node.rule ? constantSign(node.init) : 'any';
        if (node.rule) for (const o of node.initOutcomes ?? []) s = joinValueSigns(s, constantSign(o.value));
        current.set(node.name, s);
        initial.set(node.name, s);
    }
    // The lattice has height 2 above each start, so this settles in a few rounds.
    for (let round = 0; round <= 2 * nodes.length + 1; round++) {
        let changed = false;
        for (const node of nodes) {
            if (!node.rule) continue;
            const before = current.get(node.name)!;
            const after = joinValueSigns(before, valueSign(node.rule, table));
            if (after !== before) {
                current.set(node.name, after);
                changed = true;
            }
        }
        if (!changed) break;
    }
    return table;
}

/** Whether two tables give every input the same signs (then every lookup answers the same). */
export function sameValueSigns(a: ValueSignTable, b: ValueSignTable): boolean {
    const same = (x: Map<string, ValueSign>, y: Map<string, ValueSign>) => {
        if (x.size !== y.size) return false;
        for (const [name, sign] of x) if (y.get(name) !== sign) return false;
        return true;
    };
    return same(a.current, b.current) && same(a.initial, b.initial);
}

/** The names whose sign, now or at the start, differs between two tables, or that only one of them has. */
export function movedSigns(a: ValueSignTable, b: ValueSignTable): Set<string> {
    const moved = new Set<string>();
    for (const [name, sign] of b.current) {
        if (a.current.get(name) !== sign || a.initial.get(name) !== b.initial.get(name)) moved.add(name);
    }
    for (const name of a.current.keys()) if (!b.current.has(name)) moved.add(name);
    return moved;
}
