/**
 * Witnesses: a reachable state where a behaviour's allowed actions differ from the
 * base objective's optimal actions, with the remembered values there and one action
 * sequence reaching it (taken within the behaviour when the state is on its policy).
 * With chance, the sequence reaches the state with positive probability, and the witness
 * says which (docs/simulation.md, Chance).
 */
import type { Witness } from './report.js';
import type { Acting } from './behaviour.js';
import type { Mask } from './dp.js';
import { draws, layerOf, type StateGraph } from './state-graph.js';
import { stateValue } from './state-store.js';

function choices(names: string[], mask: Mask, s: number): string[] {
    const C = names.length, out: string[] = [];
    for (let c = 0; c < C; c++) if (mask[s * C + c] !== 0) out.push(names[c]!);
    return out;
}

/** Whether transition tr leads to state `target` (with positive probability). */
function leadsTo(g: StateGraph, tr: number, target: number): boolean {
    const o = g.outcomes;
    if (!o) return g.next[tr] === target;
    for (let k = o.start[tr]!, end = o.start[tr + 1]!; k < end; k++) if (o.next[k] === target) return true;
    return false;
}

/**
 * The probability that taking `choices` in turn from the start reaches `target`: the
 * distribution over states, carried forward step by step (1 when nothing draws).
 */
export function pathProbability(g: StateGraph, choices: readonly number[], target: number): number {
    if (!draws(g)) return 1;
    const C = g.nChoices, o = g.outcomes;
    let now = new Map<number, number>();
    for (let s = 0; s < g.layerStart[1]!; s++) now.set(s, g.start ? g.start[s]! : 1);
    for (const c of choices) {
        const later = new Map<number, number>();
        const add = (s: number, p: number): void => { later.set(s, (later.get(s) ?? 0) + p); };
        for (const [s, p] of now) {
            const tr = s * C + c;
            if (!o) { add(g.next[tr]!, p); continue; }
            for (let k = o.start[tr]!, end = o.start[tr + 1]!; k < end; k++) add(o.next[k]!, p * o.p[k]!);
        }
        now = later;
    }
    return now.get(target) ?? 0;
}

/** One path (choices) from an initial state to s, through states of `allowed` and choices of `mask` when given. */
function pathTo(a: Acting, s: number, mask?: Mask, allowed?: Uint8Array): number[] {
    const g = a.graph, C = g.nChoices;
    const path: number[] = [];
    let cur = s;
    for (let t = layerOf(g, s); t > 0; t--) {
        const from = g.layerStart[t - 1]!, to = g.layerStart[t]!;
        let found = -1, choice = -1;
        for (let p = from; p < to && found < 0; p++) {
            if (allowed && allowed[p] === 0) continue;
            for (let c = 0; c < C; c++) {
                if ((!mask || mask[p * C + c] !== 0) && leadsTo(g, p * C + c, cur)) { found = p; choice = c; break; }
            }
        }
        if (found < 0) return pathTo(a, s);
        path.push(choice);
        cur = found;
    }
    return path.reverse();
}

export function buildWitness(
    a: Acting, s: number, optimizer: Mask, base: Mask, of: Witness['of'], onPolicy: Uint8Array | undefined,
): Witness {
    const g = a.graph;
    const st = a.product ? a.product.trueIndex[s]! : s;
    const env = a.env;
    const values: Record<string, number> = {};
    for (let j = 0; j < env.width; j++) values[env.slotNames[j]!] = stateValue(env, st, j);
    const isOn = onPolicy !== undefined && onPolicy[s] !== 0;
    const path = isOn ? pathTo(a, s, optimizer, onPolicy) : pathTo(a, s);
    return {
        env: env.label,
        step: layerOf(g, s) + 1,
        values,
        path: path.map(c => g.choiceNames[c]!),
        optimizerActions: choices(g.choiceNames, optimizer, s),
        baseActions: choices(g.choiceNames, base, s),
        of,
        onPolicy: isOn,
        probability: pathProbability(g, path, s),
    };
}
