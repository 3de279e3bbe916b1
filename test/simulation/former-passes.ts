/**
 * The dynamic-programming passes the core used before dp.ts's `solvePass` read the graph
 * once for all of them, kept as the references of the tests that compare against them
 * (solve-pass.test.ts, depth-passes.test.ts): straightforward, one question per pass.
 */
import { expected, tolerance, type Mask } from '../../language/simulation/dp.js';
import { NonFiniteValue } from '../../language/simulation/errors.js';
import type { Rewards, StateGraph } from '../../language/simulation/state-graph.js';

/** The former pass: best (or, minimising, worst) over choices of R + V[next], layer by layer. */
export function formerPass(g: StateGraph, R: Rewards, minimise: boolean): Float64Array {
    const C = g.nChoices, o = g.outcomes, V = new Float64Array(g.nStates);
    for (let t = g.horizon - 1; t >= 0; t--) {
        for (let s = g.layerStart[t]!; s < g.layerStart[t + 1]!; s++) {
            let v = minimise ? Infinity : -Infinity, first = true;
            for (let c = 0; c < C; c++) {
                const q = R[s * C + c]! + (o ? expected(o, V, s * C + c) : V[g.next[s * C + c]!]!);
                // The first choice's Q is taken as it is (a NaN stays), as the former pass did.
                if (first || (minimise ? q < v : q > v)) v = q;
                first = false;
            }
            V[s] = v;
        }
    }
    return V;
}

/**
 * The choices whose Q = R + V[next] is within tolerance of the best, at every non-terminal
 * state; a Q that is not a finite number throws NonFiniteValue.
 */
export function greedyMask(g: StateGraph, R: Rewards, V: Float64Array): Mask {
    const C = g.nChoices, next = g.next, inner = g.layerStart[g.horizon]!, o = g.outcomes;
    const mask = new Uint8Array(inner * C);
    for (let s = 0; s < inner; s++) {
        const base = s * C;
        let best = -Infinity;
        for (let c = 0; c < C; c++) {
            const q = R[base + c]! + (o ? expected(o, V, base + c) : V[next[base + c]!]!);
            if (q > best) best = q;
        }
        const tol = tolerance(best);
        for (let c = 0; c < C; c++) {
            const q = R[base + c]! + (o ? expected(o, V, base + c) : V[next[base + c]!]!);
            if (best - q <= tol) mask[base + c] = 1;
            else if (q - q !== 0) throw new NonFiniteValue(s);
        }
    }
    return mask;
}
