/**
 * Exact finite-horizon dynamic programming over a layered state graph: optimal and
 * worst values, the set of allowed choices of a planner (every choice whose Q-value is
 * within 1e-9, relative, of the best), and the [lo, hi] interval of an objective over
 * every policy that only takes allowed choices. The k-step lookahead of depth-limited
 * planners is in depth-passes.ts.
 *
 * With chance (docs/simulation.md, Chance) every value is an expectation: a choice's Q
 * is its expected reward plus the expected value of its successors, and a value "at the
 * start" is the expectation over the initial states. Each pass tests once whether the
 * graph draws (`o`, the same for the whole pass) and otherwise runs as it does without chance.
 */
import type { Budget } from './errors.js';
import type { Outcomes, Rewards, StateGraph } from './state-graph.js';

/** A behaviour: allowed[s * nChoices + c] = 1 when choice c is allowed at state s. */
export type Mask = Uint8Array;

/** Tolerance for "as good as the best": 1e-9 relative to |best|, absolute below 1. */
export function tolerance(best: number): number {
    return 1e-9 * Math.max(1, Math.abs(best));
}

/**
 * The expected value of V over the successors of transition i: the first successor's value
 * plus the others' differences from it, weighted, so that successors of equal value give
 * exactly that value (a sum of probabilities may round away from 1). State s's value is at
 * V[s + shift] (`solvePass` keeps a layer's values away from its states' numbers).
 */
export function expected(o: Outcomes, V: Float64Array, i: number, shift = 0): number {
    let k = o.start[i]!;
    const end = o.start[i + 1]!, first = V[o.next[k]! + shift]!;
    let spread = 0;
    for (k++; k < end; k++) spread += o.p[k]! * (V[o.next[k]! + shift]! - first);
    return first + spread;
}

/** The expectation of V over the initial states (V[0] when there is one). */
export function atStart(g: StateGraph, V: Float64Array): number {
    const p = g.start;
    if (!p) return V[0]!;
    const first = V[0]!;
    let spread = 0;
    for (let s = 1; s < p.length; s++) spread += p[s]! * (V[s]! - first);
    return first + spread;
}

/** Optimal values over the whole remaining horizon, per state. */
export function optimalValues(g: StateGraph, R: Rewards, budget: Budget): Float64Array {
    const V = new Float64Array(g.nStates);
    const C = g.nChoices, next = g.next, H = g.horizon, o = g.outcomes;
    for (let t = H - 1; t >= 0; t--) {
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        for (let s = g.layerStart[t]!, to = g.layerStart[t + 1]!; s < to; s++) {
            const base = s * C;
            let best = R[base]! + (o ? expected(o, V, base) : V[next[base]!]!);
            for (let c = 1; c < C; c++) {
                const q = R[base + c]! + (o ? expected(o, V, base + c) : V[next[base + c]!]!);
                if (q > best) best = q;
            }
            V[s] = best;
        }
    }
    return V;
}

/**
 * The room each of two alternating layers needs when a pass keeps only the values of the
 * layer it fills and of the next one, a successor being always in the next layer: the
 * largest layer's states; 0, every state's value kept, when two such layers would not be
 * smaller than the graph. With room r > 0, layer t's values are at (t mod 2) · r on
 * (`layerShift`), and layer 0's, the only ones a pass returns, where every state's would be.
 */
export function layerRoom(g: StateGraph): number {
    const largest = largestLayer(g);
    return 2 * largest < g.nStates ? largest : 0;
}

/** The states of the graph's largest layer. */
export function largestLayer(g: StateGraph): number {
    let largest = 0;
    for (let t = 0; t <= g.horizon; t++) largest = Math.max(largest, g.layerStart[t + 1]! - g.layerStart[t]!);
    return largest;
}

/** State s of layer t has its value at s + layerShift(g, room, t) in a pass of `room` (`layerRoom`). */
export function layerShift(g: StateGraph, room: number, t: number): number {
    return room === 0 ? 0 : (t & 1) * room - g.layerStart[t]!;
}

/** Zeroes the terminal layer's values (layer H, where every pass starts) in each buffer of a pass of `room`. */
export function zeroTerminal(g: StateGraph, room: number, ...buffers: (Float64Array | null)[]): void {
    const last = layerShift(g, room, g.horizon), from = g.layerStart[g.horizon]! + last, to = g.nStates + last;
    for (const b of buffers) b?.fill(0, from, to);
}

/**
 * One backward pass: the optimal values into V, the worst values into W when it is given,
 * and the greedy choices of the optimal values into `mask` when it is given (every choice
 * whose Q is within `tolerance` of the best Q that is a number); the graph's transitions
 * and rewards are read once for all three. With `room` 0, V and W hold every state's value
 * (at least nStates each); with `room` (`layerRoom`), 2 · room values, two layers' at a
 * time, so that a pass that needs only the values at the start and the mask writes no
 * page per state. The mask holds the non-terminal states' choices. Returns the first
 * state, in state order, where a Q outside the tolerance is not a finite number, or −1.
 */
export function solvePass(g: StateGraph, R: Rewards, budget: Budget, V: Float64Array, W: Float64Array | null, mask: Mask | null, room = 0): number {
    const C = g.nChoices, next = g.next, H = g.horizon, o = g.outcomes;
    zeroTerminal(g, room, V, W);
    let nonFinite = -1;
    for (let t = H - 1; t >= 0; t--) {
        // Counted as the passes it replaces: one for the optimal values, one for the worst.
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        if (W) budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        const here = layerShift(g, room, t), there = layerShift(g, room, t + 1);
        for (let s = g.layerStart[t + 1]! - 1, from = g.layerStart[t]!; s >= from; s--) {
            const base = s * C;
            let hi = R[base]! + (o ? expected(o, V, base, there) : V[next[base]! + there]!);
            // The greedy choices' best skips a Q that is not a number.
            let best = hi > -Infinity ? hi : -Infinity;
            for (let c = 1; c < C; c++) {
                const qh = R[base + c]! + (o ? expected(o, V, base + c, there) : V[next[base + c]! + there]!);
                if (qh > hi) hi = qh;
                if (qh > best) best = qh;
            }
            V[s + here] = hi;
            if (W) {
                let lo = R[base]! + (o ? expected(o, W, base, there) : W[next[base]! + there]!);
                for (let c = 1; c < C; c++) {
                    const ql = R[base + c]! + (o ? expected(o, W, base + c, there) : W[next[base + c]! + there]!);
                    if (ql < lo) lo = ql;
                }
                W[s + here] = lo;
            }
            if (!mask) continue;
            const tol = tolerance(best);
            for (let c = 0; c < C; c++) {
                const q = R[base + c]! + (o ? expected(o, V, base + c, there) : V[next[base + c]! + there]!);
                if (best - q <= tol) mask[base + c] = 1;
                else if (q - q !== 0) nonFinite = s;
            }
        }
    }
    return nonFinite;
}

/** The optimum at the start and the greedy choices of R, or null when a Q is not a finite number (the values go to the scratch buffers). */
export function optimalChoices(g: StateGraph, R: Rewards, budget: Budget): { optimum: number; mask: Mask } | null {
    const { room, pair: [V] } = layerScratch(g);
    const mask = new Uint8Array(g.layerStart[g.horizon]! * g.nChoices);
    return solvePass(g, R, budget, V, null, mask, room) < 0 ? { optimum: atStart(g, V), mask } : null;
}

/**
 * Whether every depth-limited planner of R on g allows exactly the choices of the ideal
 * one, at every state and for every depth: true when, at every non-terminal state, every
 * choice leads to the same next state (so no choice changes what the lookahead sees) and
 * each choice's reward either equals the best one or falls short of it by more than the
 * tolerance can bridge at any value a lookahead can reach there, rounding included. Then
 * a planner's depth cannot matter (docs/simulation.md, Capability sweep), and the H
 * lookahead passes of a sweep are not needed. One pass over the graph. A graph that
 * draws is not examined (false): the sweep then makes its H passes.
 */
export function depthIndependent(g: StateGraph, R: Rewards): boolean {
    const C = g.nChoices, next = g.next, H = g.horizon;
    if (g.outcomes) return false;
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

// Two scratch buffers of values per state, reused by every pass that only returns a few
// figures or a mask (`evaluate`, `Context.solve`, the candidate judgements): a graph of
// millions of states costs no fresh pages per pass.
let scratchLo = new Float64Array(0), scratchHi = new Float64Array(0);

/** The two scratch buffers, with room for n states each; valid until the next pass that uses them. */
export function scratchPair(n: number): [Float64Array, Float64Array] {
    if (scratchLo.length < n) {
        scratchLo = new Float64Array(n);
        scratchHi = new Float64Array(n);
    }
    return [scratchLo, scratchHi];
}

/** The scratch buffers for a pass over g that keeps two layers' values at a time (`layerRoom`), or every state's (room 0). */
export function layerScratch(g: StateGraph): { room: number; pair: [Float64Array, Float64Array] } {
    const room = layerRoom(g);
    return { room, pair: scratchPair(room === 0 ? g.nStates : 2 * room) };
}

/** Lets the scratch buffers go: for a thread done with its passes for a while (a worker between the parts of a run). */
export function releaseScratch(): void {
    scratchLo = new Float64Array(0);
    scratchHi = new Float64Array(0);
}

/** Worst and best (expected) value of R at the start (over the initial states) over the policies that take only allowed choices. */
export function evaluate(g: StateGraph, R: Rewards, mask: Mask, budget: Budget): Interval {
    const C = g.nChoices, next = g.next, H = g.horizon, o = g.outcomes;
    const { room, pair: [lo, hi] } = layerScratch(g);
    zeroTerminal(g, room, lo, hi);
    for (let t = H - 1; t >= 0; t--) {
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        const a = g.layerStart[t]!, b = g.layerStart[t + 1]!;
        const here = layerShift(g, room, t), there = layerShift(g, room, t + 1);
        for (let s = a; s < b; s++) {
            let l = Infinity, h = -Infinity;
            const base = s * C;
            for (let c = 0; c < C; c++) {
                if (mask[base + c] === 0) continue;
                const r = R[base + c]!;
                let ql: number, qh: number;
                if (o) {
                    ql = r + expected(o, lo, base + c, there); qh = r + expected(o, hi, base + c, there);
                } else {
                    const n = next[base + c]! + there;
                    ql = r + lo[n]!; qh = r + hi[n]!;
                }
                if (ql < l) l = ql;
                if (qh > h) h = qh;
            }
            lo[s + here] = l; hi[s + here] = h;
        }
    }
    return { lo: atStart(g, lo), hi: atStart(g, hi) };
}

/** States reachable (with positive probability) from the initial states when only allowed choices are taken. */
export function reachableUnder(g: StateGraph, mask: Mask): Uint8Array {
    const C = g.nChoices, inner = g.layerStart[g.horizon]!, o = g.outcomes;
    const seen = new Uint8Array(g.nStates);
    seen.fill(1, 0, g.layerStart[1]!);
    for (let s = 0; s < inner; s++) {
        if (seen[s] === 0) continue;
        const base = s * C;
        for (let c = 0; c < C; c++) {
            if (mask[base + c] === 0) continue;
            if (!o) { seen[g.next[base + c]!] = 1; continue; }
            for (let k = o.start[base + c]!, end = o.start[base + c + 1]!; k < end; k++) seen[o.next[k]!] = 1;
        }
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
