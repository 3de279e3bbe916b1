/**
 * The passes of depth-limited planning (docs/simulation.md, Capability sweep): depth 1,
 * 2, 3, … in turn, each one backward step of k-step lookahead that also gives the
 * planner's allowed choices at that depth.
 *
 * A planner of depth d at a state of layer t weighs each choice by its Q over the next d
 * steps, the current one included: Q_d = R + V_{d−1}(next), with V_0 = 0 and V_d its best
 * Q_d. Once d ≥ H − t the window reaches the horizon, so Q_d there is the exact Q and
 * stays bit for bit the same at every larger depth (the same sums of the same numbers).
 * The pass for depth d therefore only visits the layers t < H − d + 1, where the window
 * still ends before the horizon or has just reached it; the later layers keep their
 * values and allowed choices from the pass that made them exact. One pass both writes
 * V_d and compares the allowed choices with those of depth d − 1, so a caller knows
 * without looking at the whole graph whether the behaviour changed.
 */
import { expected, type Mask } from './dp.js';
import { NonFiniteValue, type Budget } from './errors.js';
import type { Rewards, StateGraph } from './state-graph.js';

/** Buffers of released passes, the newest last, for passes over graphs of the same size (one per training environment at most, in practice). */
const spare: { values: Float64Array; scratch: Float64Array; allowed: Mask }[] = [];
const MAX_SPARE = 4;

/** Lets the released passes' buffers go: at the end of a run, and with dp.ts's `releaseScratch` on a worker done with its passes for a while. */
export function releaseSpare(): void {
    spare.length = 0;
}

/** How many released passes' buffers are kept (for tests). */
export function spareCount(): number {
    return spare.length;
}

export class DepthPasses {
    private d = 0;
    /** V_d after the pass for depth d (exact only at the layers a later pass reads), and the buffer the next pass writes. */
    private values: Float64Array;
    private scratch: Float64Array;
    private allowed: Mask;
    /** Whether the current mask was handed out (with `stable`): the next change then writes a copy. */
    private shared = false;
    private readonly q: Float64Array;

    /**
     * Passes of rewards R on g. With `stable`, a mask once read through `mask` is never
     * written again: a later pass that changes it writes a new one. Without, passes
     * update one mask in place.
     */
    constructor(readonly g: StateGraph, readonly R: Rewards, private readonly stable = true) {
        const n = g.nStates, m = g.layerStart[g.horizon]! * g.nChoices;
        const reused = spare.findIndex(b => b.values.length === n && b.allowed.length === m);
        if (reused >= 0) {
            const b = spare.splice(reused, 1)[0]!;
            this.values = b.values.fill(0);
            this.scratch = b.scratch.fill(0);
            this.allowed = b.allowed.fill(0);
        } else {
            this.values = new Float64Array(n);
            this.scratch = new Float64Array(n);
            this.allowed = new Uint8Array(m);
        }
        this.q = new Float64Array(g.nChoices);
    }

    /**
     * Hands the buffers on to the next passes over a graph of as many states, which then
     * needs no fresh pages: for passes whose masks no one keeps. The passes are spent.
     */
    release(): void {
        if (this.stable) return;
        spare.push({ values: this.values, scratch: this.scratch, allowed: this.allowed });
        if (spare.length > MAX_SPARE) spare.shift();
        this.values = this.scratch = new Float64Array(0);
        this.allowed = new Uint8Array(0);
    }

    /** The depth of the last pass (0 before the first). */
    get depth(): number {
        return this.d;
    }

    /** The choices a planner of the current depth allows: mask[s · nChoices + c] = 1 when c is allowed at s. */
    get mask(): Mask {
        if (this.stable) this.shared = true;
        return this.allowed;
    }

    /**
     * The pass for the next depth d: V_d and the allowed choices at depth d (those within
     * the tie tolerance of the best Q_d, as dp.ts's `solvePass` finds them). Returns
     * whether they differ from depth d − 1's (always true for d = 1, never for d > H). A
     * Q_d that is not a finite number throws NonFiniteValue at the first such state in
     * state order; the passes are then spent.
     */
    next(budget: Budget): boolean {
        const g = this.g;
        const d = ++this.d;
        // Layers t ≥ H − d + 1 were exact at depth H − t < d already (see the header).
        const layers = Math.min(g.horizon, g.horizon - d + 1);
        const prev = this.values, out = this.scratch;
        const pass = !g.outcomes && g.nChoices === 2 ? pairPass : plainPass;
        const m = pass(g, this.R, prev, out, this.allowed, this.shared, layers, this.q, budget);
        this.values = out;
        this.scratch = prev;
        if (m !== this.allowed && m !== null) { this.allowed = m; this.shared = false; }
        return m !== null || d === 1;
    }
}

/**
 * One pass over layers 0..layers−1: writes V into `out` from `prev` and the allowed
 * choices into `m` (into a copy of it first, when `copy`); in a graph that draws, each Q
 * is an expectation over the successors. Returns the mask written when some choice
 * changed, else null.
 */
function plainPass(g: StateGraph, R: Rewards, prev: Float64Array, out: Float64Array, m: Mask, copy: boolean,
    layers: number, q: Float64Array, budget: Budget): Mask | null {
    const C = g.nChoices, next = g.next, o = g.outcomes;
    let changed = false;
    for (let t = 0; t < layers; t++) {
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        budget.tick(to - from);
        for (let s = from; s < to; s++) {
            const base = s * C;
            let best = -Infinity, finite = 0;
            for (let c = 0; c < C; c++) {
                const v = R[base + c]! + (o ? expected(o, prev, base + c) : prev[next[base + c]!]!);
                q[c] = v;
                if (v > best) best = v;
                finite += v - v;
            }
            // v − v is NaN for a v that is not finite (docs/simulation.md, Run-time errors).
            if (finite !== 0) throw new NonFiniteValue(s);
            out[s] = best;
            // The tie tolerance, as dp.ts's `tolerance`.
            const tol = 1e-9 * Math.max(1, Math.abs(best));
            for (let c = 0; c < C; c++) {
                const bit = best - q[c]! <= tol ? 1 : 0;
                if (m[base + c] === bit) continue;
                if (copy) { m = m.slice(); copy = false; }
                m[base + c] = bit;
                changed = true;
            }
        }
    }
    return changed ? m : null;
}

/** `plainPass` for two choices (one action and waiting), written out: about twice as fast. */
function pairPass(g: StateGraph, R: Rewards, prev: Float64Array, out: Float64Array, m: Mask, copy: boolean,
    layers: number, _q: Float64Array, budget: Budget): Mask | null {
    const next = g.next;
    let changed = false;
    for (let t = 0; t < layers; t++) {
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        budget.tick(to - from);
        for (let s = from; s < to; s++) {
            const i = 2 * s;
            const q0 = R[i]! + prev[next[i]!]!, q1 = R[i + 1]! + prev[next[i + 1]!]!;
            if ((q0 - q0) + (q1 - q1) !== 0) throw new NonFiniteValue(s);
            const best = q1 > q0 ? q1 : q0;
            out[s] = best;
            const tol = 1e-9 * Math.max(1, Math.abs(best));
            const b0 = best - q0 <= tol ? 1 : 0, b1 = best - q1 <= tol ? 1 : 0;
            if (m[i] === b0 && m[i + 1] === b1) continue;
            if (copy) { m = m.slice(); copy = false; }
            m[i] = b0;
            m[i + 1] = b1;
            changed = true;
        }
    }
    return changed ? m : null;
}
