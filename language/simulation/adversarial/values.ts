/**
 * Per-transition values of an environment's names: x's value at the step each transition
 * takes. A candidate's rewards are then a signed sum of these arrays, discounted per
 * layer (or, for `final`, the last layer's values alone), exactly as the core computes a
 * declared objective's rewards.
 *
 * The values come from objectives of their own, one undiscounted current reference per
 * name (codegen.ts, `StepObjective`; a current reference leaves the state layout as it
 * is). An environment the distinguishing search derives is compiled once with them and
 * explored: its graph's rewards are the values (`exploredValues`). A graph explored
 * without them (a training or deployment environment, explored once for every analysis)
 * is replayed instead: compiled once more with them, its step run over every (state,
 * choice) (`nameValues`). Where the step draws, a name's value on a transition is its
 * expectation over the step's outcomes, summed in the order exploration sums a declared
 * objective's expected reward (explore.ts), so both ways give the same bits; the replay
 * is charged per outcome.
 */
import type { CompiledEnvironment, CompiledObjective } from '../../model/spec.js';
import { compileEnvironment, type StepObjective } from '../codegen.js';
import type { Budget } from '../errors.js';
import type { EnvGraph, Rewards } from '../state-graph.js';
import { readState } from '../state-store.js';
import type { Candidate } from './enumerate.js';
import { put, widen, type RewardArray } from '../reward-arrays.js';

/** values.get(x)[state * nChoices + choice] = x's value at the step that transition takes. */
export type NameValues = Map<string, Rewards>;

/** The objective that carries a name's values (a name no objective can have). */
const valueObjective = (name: string): string => `\u0000${name}`;

/** The names among `names` that the environment has, in that order. */
export function ownNames(env: CompiledEnvironment, names: readonly string[]): string[] {
    const own = new Set([...env.actions, ...env.nodes.map(n => n.name)]);
    return names.filter(n => own.has(n));
}

/** One undiscounted objective per name, each a current reference to it. */
export function nameObjectives(env: CompiledEnvironment, names: readonly string[]): StepObjective[] {
    return names.map(n => ({
        name: valueObjective(n), role: 'mesa', aggregate: 'sum', expression: { kind: 'ref', name: n, delay: 0 },
        size: 1, text: n, location: env.location, undiscounted: true,
    }));
}

/** The values of names off a graph explored with their `nameObjectives`: its rewards, as they are. */
export function exploredValues(g: EnvGraph, names: readonly string[]): NameValues {
    return new Map(names.map(n => [n, g.rewards.get(valueObjective(n))!]));
}

/** The values of the names the environment has, on a graph already explored without them. */
export function nameValues(
    env: CompiledEnvironment, g: EnvGraph, layout: CompiledObjective[], names: string[], budget: Budget,
): NameValues {
    const own = ownNames(env, names);
    // An undiscounted objective that is the name itself, summed, has the name's values as its
    // rewards, bit for bit: the graph holds them already.
    const held = new Map<string, Rewards>();
    if (env.discount === 1) {
        for (const o of layout) {
            const e = o.expression, R = g.rewards.get(o.name);
            if (R && o.aggregate === 'sum' && e.kind === 'ref' && e.delay === 0 && own.includes(e.name)) held.set(e.name, R);
        }
    }
    const wanted = own.filter(n => !held.has(n));
    if (wanted.length === 0) return new Map(own.map(n => [n, held.get(n)!]));
    const ce = compileEnvironment(env, [...layout, ...nameObjectives(env, wanted)], { search: true });
    if (ce.slotNames.join('\u0000') !== g.slotNames.join('\u0000')) {
        throw new Error(`state layout of ${env.label} changed when replaying it`);
    }
    const offset = ce.objectives.length - wanted.length;
    const W = g.width, C = g.nChoices, H = g.horizon;
    const inner = g.layerStart[H]! * C;
    // Single precision where exact (reward-arrays.ts): a name's values are mostly small integers.
    const out: RewardArray[] = wanted.map(() => new Float32Array(inner));
    const S = new Float64Array(Math.max(1, 2 * W));
    const R = new Float64Array(Math.max(1, ce.objectives.length));
    const first = new Float64Array(Math.max(1, out.length)), spread = new Float64Array(Math.max(1, out.length));
    // The step reads the state at S[0..W) and writes the next one at S[W..2W).
    const step = ce.step, draws = ce.draws;
    for (let t = 0; t < H; t++) {
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        budget.tick(to - from);
        for (let s = from; s < to; s++) {
            readState(g, s, S);
            for (let ch = 0; ch < C; ch++) {
                const tr = s * C + ch;
                if (!draws) {
                    step(S, 0, S, W, ch, 1, t + 1, R);
                    for (let k = 0; k < out.length; k++) put(out, k, tr, R[offset + k]!);
                    continue;
                }
                // The expectation over the outcomes: the first one's value plus the others' weighted differences.
                let any = false;
                draws.first();
                do {
                    budget.spend(ce.cost);
                    step(S, 0, S, W, ch, 1, t + 1, R);
                    const p = draws.probability();
                    if (!(p > 0)) continue;
                    for (let k = 0; k < out.length; k++) {
                        const v = R[offset + k]!;
                        if (!any) { first[k] = v; spread[k] = 0; } else spread[k] = spread[k]! + p * (v - first[k]!);
                    }
                    any = true;
                } while (draws.advance());
                for (let k = 0; k < out.length; k++) put(out, k, tr, first[k]! + spread[k]!);
            }
        }
    }
    const computed = new Map(wanted.map((n, k) => [n, out[k]!]));
    return new Map(own.map(n => [n, held.get(n) ?? computed.get(n)!]));
}

/**
 * Writes a candidate's per-transition rewards into `R` (length ≥ the graph's transitions)
 * and returns the array that holds them: `R`, or, when `R` is single precision and a reward
 * is not exact there, a double-precision copy (reward-arrays.ts) that the caller keeps.
 */
export function candidateRewards(g: EnvGraph, values: NameValues, gamma: number, c: Candidate, R: RewardArray): RewardArray {
    const C = g.nChoices, H = g.horizon;
    const columns = c.terms.map(t => values.get(t.name)!), signs = c.terms.map(t => t.sign);
    // One and two terms (most candidates) read their columns without a loop; the sums are
    // formed in the same order either way, from 0, so the rewards are the same to the bit.
    const n = columns.length, v0 = columns[0]!, v1 = columns[1]!, s0 = signs[0]!, s1 = signs[1]!;
    const final = c.aggregate === 'final';
    let out = R;
    for (let t = 0; t < H; t++) {
        const from = g.layerStart[t]! * C, to = g.layerStart[t + 1]! * C;
        if (final && t !== H - 1) { out.fill(0, from, to); continue; }
        const w = final ? 1 : Math.pow(gamma, t);
        for (let tr = from; tr < to; tr++) {
            let r: number;
            if (n === 1) r = 0 + s0 * v0[tr]!;
            else if (n === 2) r = 0 + s0 * v0[tr]! + s1 * v1[tr]!;
            else {
                r = 0;
                for (let k = 0; k < n; k++) r += signs[k]! * columns[k]![tr]!;
            }
            const v = final ? r : w * r;
            out[tr] = v;
            if (out[tr] !== v) out = widen(out, tr, v);
        }
    }
    return out;
}

/** Whether every name a candidate reads has values here. */
export function readable(values: NameValues, c: Candidate): boolean {
    return c.terms.every(t => values.has(t.name));
}
