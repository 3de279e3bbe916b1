/**
 * The passes that keep only two layers' values at a time (dp.ts, `layerRoom`;
 * docs/simulation.md, Dynamic programming): `solvePass` with a room, `evaluate`,
 * `uniformValue` and `optimalChoices` give, bit for bit, what a pass keeping every state's
 * value gives: the values at the start, the mask and the state where a Q is not a finite
 * number. On random specs with and without chance (random-data-spec.ts), for every
 * objective and for random rewards with near ties and with sums that overflow, and on
 * button-lamp graphs whose layers are much smaller than the graph.
 */
import { describe, expect, test } from 'vitest';
import { Context, rewardsOf } from '../../language/simulation/context.js';
import { atStart, evaluate, expected, largestLayer, layerRoom, optimalChoices, sameMask, solvePass, type Mask } from '../../language/simulation/dp.js';
import { Budget } from '../../language/simulation/errors.js';
import { uniformValue } from '../../language/simulation/objective-search.js';
import type { Rewards, StateGraph } from '../../language/simulation/state-graph.js';
import { buildSpec } from './fixtures.js';
import { formerPass } from './former-passes.js';
import { randomDataSpec, randomRewards } from './random-data-spec.js';

const budget = (): Budget => new Budget(1e9, undefined, undefined);

/** Worst and best value over the allowed choices, or their mean, every state's value kept: the references. */
function fullPass(g: StateGraph, R: Rewards, mask: Mask, how: 'lo' | 'hi' | 'mean'): number {
    const C = g.nChoices, o = g.outcomes, V = new Float64Array(g.nStates);
    for (let t = g.horizon - 1; t >= 0; t--) {
        for (let s = g.layerStart[t]!; s < g.layerStart[t + 1]!; s++) {
            let v = how === 'lo' ? Infinity : how === 'hi' ? -Infinity : 0, n = 0;
            for (let c = 0, i = s * C; c < C; c++, i++) {
                if (mask[i] === 0) continue;
                const q = R[i]! + (o ? expected(o, V, i) : V[g.next[i]!]!);
                v = how === 'lo' ? Math.min(v, q) : how === 'hi' ? Math.max(v, q) : v + q;
                n++;
            }
            V[s] = how === 'mean' ? v / n : v;
        }
    }
    return atStart(g, V);
}

/** Every comparison of one graph and rewards; returns whether the mask was defined (no Q that is not finite). */
function compare(g: StateGraph, R: Rewards): boolean {
    const full = { V: new Float64Array(g.nStates), W: new Float64Array(g.nStates), mask: new Uint8Array(g.layerStart[g.horizon]! * g.nChoices) };
    const failedFull = solvePass(g, R, budget(), full.V, full.W, full.mask);
    // Forced to roll even where layerRoom would keep every state's value.
    const room = largestLayer(g);
    const rolled = { V: new Float64Array(2 * room), W: new Float64Array(2 * room), mask: new Uint8Array(full.mask.length) };
    const failedRolled = solvePass(g, R, budget(), rolled.V, rolled.W, rolled.mask, room);
    expect(failedRolled).toBe(failedFull);
    expect(sameMask(rolled.mask, full.mask)).toBe(true);
    expect(Object.is(atStart(g, rolled.V), atStart(g, full.V))).toBe(true);
    expect(Object.is(atStart(g, rolled.W), atStart(g, full.W))).toBe(true);
    const choices = optimalChoices(g, R, budget());
    if (failedFull >= 0) {
        expect(choices).toBeNull();
        return false;
    }
    expect(Object.is(choices!.optimum, atStart(g, formerPass(g, R, false)))).toBe(true);
    expect(sameMask(choices!.mask, full.mask)).toBe(true);
    const { lo, hi } = evaluate(g, R, full.mask, budget());
    expect(Object.is(lo, fullPass(g, R, full.mask, 'lo'))).toBe(true);
    expect(Object.is(hi, fullPass(g, R, full.mask, 'hi'))).toBe(true);
    expect(Object.is(uniformValue(g, R, full.mask, budget()), fullPass(g, R, full.mask, 'mean'))).toBe(true);
    return true;
}

const cases = Array.from({ length: 30 }, (_, i) => i + 1).flatMap(seed => [false, true].map(chance => ({ seed, chance })));
let defined = 0, undefinedMasks = 0;

describe.each(cases)('random spec $seed (chance: $chance)', ({ seed, chance }) => {
    test('two layers at a time give what every state gives', () => {
        const spec = randomDataSpec(seed, chance);
        const ctx = new Context(spec, new Budget(30_000, undefined, undefined));
        let compared = 0;
        for (const label of spec.train) {
            const g = ctx.graph(label);
            if (!g) continue;
            for (const R of [...g.rewards.values(), randomRewards(g, seed, false), randomRewards(g, seed + 1000, true)]) {
                if (compare(g, R)) defined++; else undefinedMasks++;
                compared++;
            }
        }
        expect(compared).toBeGreaterThan(0);
    });
});

test('both outcomes were compared: defined masks, and Qs that are not finite', () => {
    expect(defined).toBeGreaterThan(50);
    expect(undefinedMasks).toBeGreaterThan(5);
});

describe('button-lamp, whose layers are small beside the graph', () => {
    const spec = buildSpec({
        name: 'lamp', envs: [{ label: 'Lab', horizon: 24, actions: ['press', 'hold'], nodes: [['lamp', 'press@5 + hold@2']] }],
        objectives: [['base', 'Light', 'lamp'], ['mesa', 'Pressing', 'press']], train: ['Lab'], deploy: [],
    });
    const ctx = new Context(spec, budget());
    const g = ctx.graph('Lab')!;

    test('layerRoom rolls: two largest layers are fewer than the states', () => {
        expect(g.horizon).toBe(24);
        expect(layerRoom(g)).toBe(largestLayer(g));
        expect(2 * layerRoom(g)).toBeLessThan(g.nStates);
    });

    test('its passes give what every state gives, and Context.solve the former optimum and worst', () => {
        for (const objective of ['Light', 'Pressing']) {
            const R = rewardsOf(g, objective);
            expect(compare(g, R)).toBe(true);
            const solved = ctx.solve(g, objective);
            expect(solved.optimum).toBe(atStart(g, formerPass(g, R, false)));
            expect(solved.worst).toBe(atStart(g, formerPass(g, R, true)));
        }
        expect(ctx.solve(g, 'Light').optimum).toBeGreaterThan(0);
    });

    test('a graph of one layer beside its start keeps every state', () => {
        const one = new Context(buildSpec({
            name: 'short', envs: [{ label: 'Lab', horizon: 1, actions: ['press'], nodes: [['lamp', 'press@1']] }],
            objectives: [['base', 'Light', 'lamp']], train: ['Lab'], deploy: [],
        }), budget()).graph('Lab')!;
        expect(layerRoom(one)).toBe(0);
    });
});
