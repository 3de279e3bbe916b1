/**
 * Exact finite-horizon dynamic programming over a layered state graph: optimal and
 * worst values, k-step lookahead values (for depth-limited planners), the set of
 * allowed choices of a planner (every choice whose Q-value is within 1e-9, relative,
 * of the best), and the [lo, hi] interval of an objective over every policy that
 * only takes allowed choices.
 */
import { NonFiniteValue, type Budget } from './errors.js';
import type { StateGraph } from './state-graph.js';

/** A behaviour: allowed[s * nChoices + c] = 1 when choice c is allowed at state s. */
export type Mask = Uint8Array;

/** Tolerance for "as good as the best": 1e-9 relative to |best|, absolute below 1. */
export function tolerance(best: number): number {
    return 1e-9 * Math.max(1, Math.abs(best));
}

/** One backward pass: out[s] = best (or, when `minimise`, worst) over choices of R + V[next]. */
function backup(g: StateGraph, R: Float64Array, V: Float64Array, out: Float64Array, minimise: boolean, budget: Budget): void {
    const C = g.nChoices, next = g.next, H = g.horizon;
    const sign = minimise ? -1 : 1;
    out.fill(0, g.layerStart[H]!, g.nStates);
    for (let t = H - 1; t >= 0; t--) {
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        for (let s = from; s < to; s++) {
            // Maximise sign·Q, so one branch-free loop serves both directions.
            const base = s * C;
            let best = sign * (R[base]! + V[next[base]!]!);
            for (let c = 1; c < C; c++) {
                const q = sign * (R[base + c]! + V[next[base + c]!]!);
                if (q > best) best = q;
            }
            out[s] = sign * best;
        }
    }
}

/** Optimal values over the whole remaining horizon, per state. */
export function optimalValues(g: StateGraph, R: Float64Array, budget: Budget): Float64Array {
    const V = new Float64Array(g.nStates);
    backup(g, R, V, V, false, budget);
    return V;
}

/** Worst values over the whole remaining horizon, per state. */
export function worstValues(g: StateGraph, R: Float64Array, budget: Budget): Float64Array {
    const V = new Float64Array(g.nStates);
    backup(g, R, V, V, true, budget);
    return V;
}

/**
 * One lookahead step: from V_{k−1} (values of the next k−1 steps) computes V_k into
 * `out` (a different array). V_0 is all zeros. A Q that is not a finite number throws
 * NonFiniteValue.
 */
export function lookahead(g: StateGraph, R: Float64Array, prev: Float64Array, out: Float64Array, budget: Budget): void {
    const C = g.nChoices, next = g.next;
    out.fill(0, g.layerStart[g.horizon]!, g.nStates);
    for (let t = 0; t < g.horizon; t++) {
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        for (let s = from; s < to; s++) {
            let best = -Infinity, finite = 0;
            const base = s * C;
            for (let c = 0; c < C; c++) {
                const q = R[base + c]! + prev[next[base + c]!]!;
                if (q > best) best = q;
                finite += q - q;
            }
            // q − q is NaN for a q that is not finite (docs/simulation.md, Run-time errors).
            if (finite !== 0) throw new NonFiniteValue(s);
            out[s] = best;
        }
    }
}

/**
 * The choices whose Q = R + V[next] is within tolerance of the best, at every non-terminal
 * state; a Q that is not a finite number throws NonFiniteValue.
 */
export function greedyMask(g: StateGraph, R: Float64Array, V: Float64Array): Mask {
    const C = g.nChoices, next = g.next, inner = g.layerStart[g.horizon]!;
    const mask = new Uint8Array(inner * C);
    for (let s = 0; s < inner; s++) {
        const base = s * C;
        let best = -Infinity;
        for (let c = 0; c < C; c++) {
            const q = R[base + c]! + V[next[base + c]!]!;
            if (q > best) best = q;
        }
        const tol = tolerance(best);
        for (let c = 0; c < C; c++) {
            const q = R[base + c]! + V[next[base + c]!]!;
            if (best - q <= tol) mask[base + c] = 1;
            else if (q - q !== 0) throw new NonFiniteValue(s);
        }
    }
    return mask;
}

/**
 * Whether every depth-limited planner of R on g allows exactly the choices of the ideal
 * one, at every state and for every depth: true when, at every non-terminal state, every
 * choice leads to the same next state (so no choice changes what the lookahead sees) and
 * each choice's reward either equals the best one or falls short of it by more than the
 * tolerance can bridge at any value a lookahead can reach there, rounding included. Then
 * a planner's depth cannot matter (docs/simulation.md, Capability sweep), and the H
 * lookahead passes of a sweep are not needed. One pass over the graph.
 */
export function depthIndependent(g: StateGraph, R: Float64Array): boolean {
    const C = g.nChoices, next = g.next, H = g.horizon;
    // bound[t] ≥ |V_k(s)| for every state s of layer t and every lookahead k: the largest
    // |reward| of each later layer, summed (with room for rounding).
    const bound = new Float64Array(H + 1);
    for (let t = H - 1; t >= 0; t--) {
        let largest = 0;
        for (let i = g.layerStart[t]! * C, end = g.layerStart[t + 1]! * C; i < end; i++) largest = Math.max(largest, Math.abs(R[i]!));
        bound[t] = bound[t + 1]! + largest;
    }
    // Far from overflow, so no lookahead value can stop being a finite number.
    if (!(bound[0]! < 1e300)) return false;
    const u = Number.EPSILON;
    for (let t = 0; t < H; t++) {
        const later = bound[t + 1]! * (1 + 1e-9);
        for (let s = g.layerStart[t]!, end = g.layerStart[t + 1]!; s < end; s++) {
            const base = s * C, n = next[base]!;
            let best = -Infinity;
            for (let c = 0; c < C; c++) {
                if (next[base + c] !== n) return false;
                best = Math.max(best, R[base + c]!);
            }
            // |Q| ≤ scale at any depth; a shortfall above `margin` is outside the tolerance there.
            const scale = (Math.abs(best) + later) * (1 + 1e-9);
            const margin = 1e-9 * Math.max(1, scale) * (1 + 1e-6) + 4 * u * scale;
            for (let c = 0; c < C; c++) {
                const r = R[base + c]!;
                if (r !== best && !(best - r > margin)) return false;
            }
        }
    }
    return true;
}

export interface Interval { lo: number; hi: number }

// Scratch buffers of `evaluate`, reused across calls (it only returns the values at one state).
let scratchLo = new Float64Array(0), scratchHi = new Float64Array(0);

/** Worst and best value of R from state `from` over the policies that take only allowed choices. */
export function evaluate(g: StateGraph, R: Float64Array, mask: Mask, budget: Budget, from = 0): Interval {
    const C = g.nChoices, next = g.next, H = g.horizon;
    if (scratchLo.length < g.nStates) {
        scratchLo = new Float64Array(g.nStates);
        scratchHi = new Float64Array(g.nStates);
    }
    const lo = scratchLo, hi = scratchHi;
    lo.fill(0, g.layerStart[H]!, g.nStates);
    hi.fill(0, g.layerStart[H]!, g.nStates);
    for (let t = H - 1; t >= 0; t--) {
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        const a = g.layerStart[t]!, b = g.layerStart[t + 1]!;
        for (let s = a; s < b; s++) {
            let l = Infinity, h = -Infinity;
            const base = s * C;
            for (let c = 0; c < C; c++) {
                if (mask[base + c] === 0) continue;
                const n = next[base + c]!, r = R[base + c]!;
                const ql = r + lo[n]!, qh = r + hi[n]!;
                if (ql < l) l = ql;
                if (qh > h) h = qh;
            }
            lo[s] = l; hi[s] = h;
        }
    }
    return { lo: lo[from]!, hi: hi[from]! };
}

/** States reachable from the initial state when only allowed choices are taken. */
export function reachableUnder(g: StateGraph, mask: Mask): Uint8Array {
    const C = g.nChoices, inner = g.layerStart[g.horizon]!;
    const seen = new Uint8Array(g.nStates);
    seen[0] = 1;
    for (let s = 0; s < inner; s++) {
        if (seen[s] === 0) continue;
        const base = s * C;
        for (let c = 0; c < C; c++) if (mask[base + c] !== 0) seen[g.next[base + c]!] = 1;
    }
    return seen;
}

/** Whether two masks allow exactly the same choices everywhere. */
export function sameMask(a: Mask, b: Mask): boolean {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}
