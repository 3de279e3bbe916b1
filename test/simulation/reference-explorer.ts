/**
 * A straightforward explorer for the tests of the state store: the same breadth-first
 * exploration as language/simulation/explore.ts, written plainly over the compiled step,
 * each layer's states deduplicated by a Map from their values joined as text (so two
 * states are the same iff their values are `===`-equal: −0 and 0 print alike). Outcomes
 * of a step that draws are merged per successor, rewards are their expectation written as
 * the first outcome's plus the weighted differences, and the most probable successor (the
 * first on ties) is the transition's `next`, as docs/simulation.md (Chance) says.
 */
import type { CompiledEnv } from '../../language/simulation/codegen.js';
import { forEachInitial } from '../../language/simulation/chance.js';

export interface ReferenceGraph {
    nStates: number;
    layerStart: number[];
    next: number[];
    rewards: Map<string, number[]>;
    /** Every state's values, state after state. */
    values: number[];
    /** Initial probabilities, when several initial states. */
    start?: number[];
    /** Per transition, its successors and their probabilities (only when the step draws). */
    outcomes?: { start: number[]; next: number[]; p: number[] };
}

export function referenceGraph(ce: CompiledEnv): ReferenceGraph {
    const W = ce.width, C = ce.nChoices, H = ce.env.horizon, nObj = ce.objectives.length;
    const states: Float64Array[] = [];
    let seen = new Map<string, number>();
    const lookUp = (v: Float64Array): number => {
        const key = Array.from(v).join(',');
        let s = seen.get(key);
        if (s === undefined) {
            s = states.length;
            states.push(Float64Array.from(v));
            seen.set(key, s);
        }
        return s;
    };
    let start: number[] | undefined;
    if (ce.initDraws.length === 0) {
        lookUp(ce.initial);
    } else {
        const p: number[] = [];
        const candidate = new Float64Array(W);
        forEachInitial(ce.initial, ce.initDraws, candidate, q => {
            const s = lookUp(candidate);
            p[s] = (p[s] ?? 0) + q;
        });
        if (states.length > 1) start = p;
    }
    const layerStart = [0, states.length];
    const next: number[] = [];
    const rewards = ce.objectives.map((): number[] => []);
    const outcomes = ce.draws ? { start: [] as number[], next: [] as number[], p: [] as number[] } : undefined;
    const R = new Float64Array(Math.max(1, nObj));
    for (let t = 0; t < H; t++) {
        seen = new Map();
        const g = Math.pow(ce.env.discount, t);
        for (let s = layerStart[t]!; s < layerStart[t + 1]!; s++) {
            for (let ch = 0; ch < C; ch++) {
                const out = new Float64Array(Math.max(1, W));
                if (!ce.draws) {
                    ce.step(states[s]!, 0, out, 0, ch, g, t + 1, R);
                    next.push(lookUp(out.subarray(0, W)));
                    for (let o = 0; o < nObj; o++) rewards[o]!.push(R[o]!);
                    continue;
                }
                const succ: number[] = [], prob: number[] = [];
                const first = new Float64Array(nObj), spread = new Float64Array(nObj);
                let any = false;
                ce.draws.first();
                do {
                    ce.step(states[s]!, 0, out, 0, ch, g, t + 1, R);
                    const p = ce.draws.probability();
                    if (!(p > 0)) continue;
                    const n = lookUp(out.subarray(0, W));
                    const k = succ.indexOf(n);
                    if (k >= 0) prob[k] = prob[k]! + p; else { succ.push(n); prob.push(p); }
                    for (let o = 0; o < nObj; o++) {
                        if (!any) first[o] = R[o]!; else spread[o] = spread[o]! + p * (R[o]! - first[o]!);
                    }
                    any = true;
                } while (ce.draws.advance());
                outcomes!.start.push(outcomes!.next.length);
                outcomes!.next.push(...succ);
                outcomes!.p.push(...prob);
                let best = 0;
                for (let k = 1; k < succ.length; k++) if (prob[k]! > prob[best]!) best = k;
                next.push(succ[best]!);
                for (let o = 0; o < nObj; o++) rewards[o]!.push(first[o]! + spread[o]!);
            }
        }
        layerStart.push(states.length);
    }
    outcomes?.start.push(outcomes.next.length);
    return {
        nStates: states.length,
        layerStart,
        next,
        rewards: new Map(ce.objectives.map((o, i) => [o.name, rewards[i]!])),
        values: states.flatMap(v => Array.from(v)),
        ...(start ? { start } : {}),
        ...(outcomes ? { outcomes } : {}),
    };
}
