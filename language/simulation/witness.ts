/**
 * Witnesses: a reachable state where a behaviour's allowed actions differ from the
 * base objective's optimal actions, with the remembered values there and one action
 * sequence reaching it (taken within the behaviour when the state is on its policy).
 */
import type { Witness } from './report.js';
import type { Acting } from './behaviour.js';
import type { Mask } from './dp.js';
import { layerOf } from './state-graph.js';

function choices(names: string[], mask: Mask, s: number): string[] {
    const C = names.length, out: string[] = [];
    for (let c = 0; c < C; c++) if (mask[s * C + c] !== 0) out.push(names[c]!);
    return out;
}

/** One path from the initial state to s, through states of `allowed` and choices of `mask` when given. */
function pathTo(a: Acting, s: number, mask?: Mask, allowed?: Uint8Array): string[] {
    const g = a.graph, C = g.nChoices;
    const path: string[] = [];
    let cur = s;
    for (let t = layerOf(g, s); t > 0; t--) {
        const from = g.layerStart[t - 1]!, to = g.layerStart[t]!;
        let found = -1, choice = -1;
        for (let p = from; p < to && found < 0; p++) {
            if (allowed && allowed[p] === 0) continue;
            for (let c = 0; c < C; c++) {
                if (g.next[p * C + c] === cur && (!mask || mask[p * C + c] !== 0)) { found = p; choice = c; break; }
            }
        }
        if (found < 0) return pathTo(a, s);
        path.push(g.choiceNames[choice]!);
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
    for (let j = 0; j < env.width; j++) values[env.slotNames[j]!] = env.states[st * env.width + j]!;
    const isOn = onPolicy !== undefined && onPolicy[s] !== 0;
    return {
        env: env.label,
        step: layerOf(g, s) + 1,
        values,
        path: isOn ? pathTo(a, s, optimizer, onPolicy) : pathTo(a, s),
        optimizerActions: choices(g.choiceNames, optimizer, s),
        baseActions: choices(g.choiceNames, base, s),
        of,
        onPolicy: isOn,
    };
}
