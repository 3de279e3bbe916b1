/**
 * Candidate objectives of docs/simulation.md (Candidate objectives): every `±x`, `final(±x)` and `±x ± y` over the
 * names (actions, then nodes) common to the training environments, no longer than
 * the base objective. A candidate's size is the AST size of the shortest text that
 * writes it, the text it is reported with: `x` 1, `-x` 2, `final(x)` 2, `final(-x)` 3,
 * `x + y`, `x - y` and `y - x` (that is −x + y) 3, and `-(x + y)` 4 (rather than
 * `-x - y`, 5: the same objective written shorter). Since bits = size × log2(#names +
 * 12) with one factor for every objective, "no longer in bits" is "no larger in size".
 * Candidates equal to the base objective (same aggregate and same signed terms) are
 * skipped; so is `x ± x`.
 */
import type { CompiledObjective, Expr } from '../../model/spec.js';

export interface Term {
    name: string;
    sign: 1 | -1;
}

export interface Candidate {
    text: string;
    size: number;
    aggregate: 'sum' | 'final';
    terms: Term[];
}

/** The largest candidate size: `-(x + y)`. */
export const MAX_CANDIDATE_SIZE = 4;

export function enumerateCandidates(names: string[], maxSize: number, base: CompiledObjective): Candidate[] {
    const out: Candidate[] = [];
    const add = (text: string, size: number, aggregate: 'sum' | 'final', terms: Term[]): void => {
        if (size <= maxSize) out.push({ text, size, aggregate, terms });
    };
    for (const x of names) add(x, 1, 'sum', [{ name: x, sign: 1 }]);
    for (const x of names) add(`-${x}`, 2, 'sum', [{ name: x, sign: -1 }]);
    for (const x of names) add(`final(${x})`, 2, 'final', [{ name: x, sign: 1 }]);
    for (const x of names) add(`final(-${x})`, 3, 'final', [{ name: x, sign: -1 }]);
    for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
            const x = names[i]!, y = names[j]!;
            add(`${x} + ${y}`, 3, 'sum', [{ name: x, sign: 1 }, { name: y, sign: 1 }]);
            add(`${x} - ${y}`, 3, 'sum', [{ name: x, sign: 1 }, { name: y, sign: -1 }]);
            add(`${y} - ${x}`, 3, 'sum', [{ name: x, sign: -1 }, { name: y, sign: 1 }]);
        }
    }
    for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
            add(`-(${names[i]} + ${names[j]})`, 4, 'sum', [{ name: names[i]!, sign: -1 }, { name: names[j]!, sign: -1 }]);
        }
    }
    return out.filter(c => !sameObjective(c, base)).sort((a, b) => a.size - b.size);
}

/** Whether a candidate is the same objective as a declared one (same aggregate and signed terms). */
export function sameObjective(c: Candidate, o: CompiledObjective): boolean {
    const form = linearForm(o.expression);
    return o.aggregate === c.aggregate && form !== null && form.size === c.terms.length
        && c.terms.every(t => form.get(t.name) === t.sign);
}

/** The coefficients of an expression that is a signed sum of current references, else null. */
export function linearForm(e: Expr): Map<string, number> | null {
    const coefficients = new Map<string, number>();
    const walk = (x: Expr, sign: number): boolean => {
        switch (x.kind) {
            case 'ref':
                if (x.delay !== 0) return false;
                coefficients.set(x.name, (coefficients.get(x.name) ?? 0) + sign);
                return true;
            case 'unary': return x.op === '-' && walk(x.operand, -sign);
            case 'binary':
                if (x.op !== '+' && x.op !== '-') return false;
                return walk(x.left, sign) && walk(x.right, x.op === '+' ? sign : -sign);
            default: return false;
        }
    };
    if (!walk(e, 1)) return null;
    for (const [k, v] of coefficients) if (v === 0) coefficients.delete(k);
    return coefficients;
}

/**
 * The objectives of the algorithmic range and the learning path (docs/analyses.md,
 * Algorithmic range; Learning path): the family above extended to every size, that is
 * every signed sum of distinct names, optionally wrapped in `final`. An objective is its
 * aggregate and its signed terms, kept in name order, so one objective has one text.
 */
export type Objective = Pick<Candidate, 'aggregate' | 'terms'>;

/**
 * The size of an objective's shortest spelling: k terms take 2k − 1 nodes when one of
 * them is positive (`x + y - z`), 2k when none is (`-x`, `-(x + y)`); `final` adds one.
 * The empty objective (no terms: the constant 0, which prefers nothing) has size 0.
 */
export function objectiveSize(o: Objective): number {
    const k = o.terms.length;
    if (k === 0) return 0;
    const size = o.terms.some(t => t.sign > 0) ? 2 * k - 1 : 2 * k;
    return o.aggregate === 'final' ? size + 1 : size;
}

/** The shortest text: positive terms first, then `- y` for each negative one; all negative, `-x` or `-(x + y)`; `0` when empty. */
export function objectiveText(o: Objective): string {
    if (o.terms.length === 0) return '0';
    const plus = o.terms.filter(t => t.sign > 0).map(t => t.name);
    const minus = o.terms.filter(t => t.sign < 0).map(t => t.name);
    const body = plus.length > 0
        ? [plus.join(' + '), ...minus.map(n => `- ${n}`)].join(' ')
        : minus.length === 1 ? `-${minus[0]}` : `-(${minus.join(' + ')})`;
    return o.aggregate === 'final' ? `final(${body})` : body;
}

/** The candidate of an objective: its text and size; the empty objective is a sum. */
export function candidateOf(o: Objective): Candidate {
    const aggregate = o.terms.length === 0 ? 'sum' : o.aggregate;
    const terms = o.terms.slice();
    return { text: objectiveText({ aggregate, terms }), size: objectiveSize({ aggregate, terms }), aggregate, terms };
}

/**
 * How many objectives of each size up to `maxSize` there are over `n` names (index =
 * size): C(n, k) sums of k terms with a positive one (2^k − 1 sign patterns) at size
 * 2k − 1, the C(n, k) all-negative ones at 2k, and each of them once more in `final`,
 * one size up. Saturates at Number.MAX_SAFE_INTEGER.
 */
export function objectiveCounts(n: number, maxSize: number): number[] {
    const counts = new Array<number>(Math.max(0, maxSize) + 1).fill(0);
    const add = (size: number, count: number): void => {
        if (size <= maxSize) counts[size] = Math.min(Number.MAX_SAFE_INTEGER, counts[size]! + count);
    };
    let choose = 1;
    for (let k = 1; k <= n && 2 * k - 1 <= maxSize; k++) {
        choose = Math.min(Number.MAX_SAFE_INTEGER, choose * (n - k + 1) / k);
        const mixed = Math.min(Number.MAX_SAFE_INTEGER, choose * (2 ** k - 1));
        add(2 * k - 1, mixed);
        add(2 * k, choose);
        add(2 * k, mixed);
        add(2 * k + 1, choose);
    }
    return counts;
}

/**
 * Every objective over `names` of size 1..maxSize, smallest first; within a size, sums
 * before `final`s, fewer terms first, then by the names' order (combinations in
 * lexicographic order of their positions) and the signs (`+` before `-`, the first name
 * deciding first): `a`, `b`, `-a`, `-b`, `final(a)`, `final(b)`, `a + b`, `a - b`,
 * `b - a`, `final(-a)`, ... Callers bound `maxSize` with `objectiveCounts` first.
 */
export function enumerateObjectives(names: string[], maxSize: number): Candidate[] {
    const out: { c: Candidate; order: number }[] = [];
    const n = names.length;
    const combination: number[] = [];
    const visit = (k: number, from: number): void => {
        if (combination.length === k) {
            for (let pattern = 0; pattern < 2 ** k; pattern++) {
                const terms: Term[] = combination.map((i, j) => ({ name: names[i]!, sign: (pattern >> (k - 1 - j)) & 1 ? -1 : 1 }));
                for (const aggregate of ['sum', 'final'] as const) {
                    const c = candidateOf({ aggregate, terms });
                    if (c.size <= maxSize) out.push({ c, order: out.length });
                }
            }
            return;
        }
        for (let i = from; i < n; i++) {
            combination.push(i);
            visit(k, i + 1);
            combination.pop();
        }
    };
    for (let k = 1; k <= n && 2 * k - 1 <= maxSize; k++) visit(k, 0);
    const rank = (c: Candidate): number => (c.aggregate === 'sum' ? 0 : 1);
    return out
        .sort((x, y) => x.c.size - y.c.size || rank(x.c) - rank(y.c) || x.c.terms.length - y.c.terms.length || x.order - y.order)
        .map(x => x.c);
}
