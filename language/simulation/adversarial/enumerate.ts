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
