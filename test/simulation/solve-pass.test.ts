/**
 * The one backward pass of `Context.solve` (dp.ts, `solvePass`; docs/simulation.md,
 * Dynamic programming), and `optimalChoices` (the same pass without the worst values),
 * against the passes they replace: the optimal values, the worst
 * values, each by its own straightforward pass written here, and greedyMask of the optimal
 * values. On random specs with and without chance (random-data-spec.ts), for every
 * objective and for random rewards with near ties and with sums that overflow: the same
 * values bit for bit, the same mask, and the state where greedyMask throws (a Q that is not
 * a finite number) is the one the pass returns. Then `Context.solve` itself on the specs'
 * objectives: its optimum, worst and mask are those of the former passes.
 */
import { describe, expect, test } from 'vitest';
import { Context, rewardsOf } from '../../language/simulation/context.js';
import { atStart, optimalChoices, sameMask, solvePass, type Mask } from '../../language/simulation/dp.js';
import { formerPass, greedyMask } from './former-passes.js';
import { Budget, NonFiniteValue } from '../../language/simulation/errors.js';
import type { Rewards, StateGraph } from '../../language/simulation/state-graph.js';
import { randomDataSpec, randomRewards } from './random-data-spec.js';

/** The mask greedyMask gives, or the state where it throws. */
function formerMask(g: StateGraph, R: Rewards, V: Float64Array): { mask?: Mask; failed?: number } {
    try {
        return { mask: greedyMask(g, R, V) };
    } catch (e) {
        if (!(e instanceof NonFiniteValue)) throw e;
        return { failed: e.state };
    }
}

const same = (a: Float64Array, b: Float64Array, n: number): boolean => {
    for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
};

/** Comparisons where greedyMask threw, and where it gave a mask, over every spec. */
let failing = 0, passing = 0;

const cases = Array.from({ length: 40 }, (_, i) => i + 1).flatMap(seed => [false, true].map(chance => ({ seed, chance })));

describe.each(cases)('random spec $seed (chance: $chance)', ({ seed, chance }) => {
    const spec = randomDataSpec(seed, chance);
    const ctx = new Context(spec, new Budget(30_000, undefined, undefined));

    test('one pass gives the former optimal and worst values, mask and failing state', () => {
        let compared = 0, failures = 0;
        for (const label of spec.train) {
            const g = ctx.graph(label);
            if (!g) continue;
            for (const R of [...g.rewards.values(), randomRewards(g, seed, false), randomRewards(g, seed + 1000, true)]) {
                const V = new Float64Array(g.nStates), W = new Float64Array(g.nStates);
                const mask = new Uint8Array(g.layerStart[g.horizon]! * g.nChoices);
                const nonFinite = solvePass(g, R, new Budget(1e9, undefined, undefined), V, W, mask);
                const best = formerPass(g, R, false), worst = formerPass(g, R, true);
                expect(same(V, best, g.nStates), 'optimal values').toBe(true);
                expect(same(W, worst, g.nStates), 'worst values').toBe(true);
                const former = formerMask(g, R, best);
                // Without the worst values: what the candidate judgements and the objective search ask.
                const choices = optimalChoices(g, R, new Budget(1e9, undefined, undefined));
                if (former.failed !== undefined) {
                    expect(nonFinite).toBe(former.failed);
                    expect(choices).toBeNull();
                    failures++;
                } else {
                    expect(nonFinite).toBe(-1);
                    expect(sameMask(mask, former.mask!)).toBe(true);
                    expect(choices!.optimum, 'the optimum without the worst values').toBe(atStart(g, best));
                    expect(sameMask(choices!.mask, former.mask!)).toBe(true);
                }
                compared++;
            }
        }
        expect(compared).toBeGreaterThan(0);
        failing += failures;
        passing += compared - failures;
    });

    test('Context.solve keeps the former optimum, worst and mask', () => {
        for (const label of spec.train) {
            const g = ctx.graph(label);
            if (!g) continue;
            for (const objective of g.rewards.keys()) {
                const R = rewardsOf(g, objective);
                const best = formerPass(g, R, false), worst = formerPass(g, R, true);
                const solved = ctx.solve(g, objective);
                expect(solved.optimum).toBe(atStart(g, best));
                expect(solved.worst).toBe(atStart(g, worst));
                expect(sameMask(solved.mask, greedyMask(g, R, best))).toBe(true);
            }
        }
    });
});

test('both outcomes were compared: masks, and states where a Q is not finite', () => {
    expect(failing).toBeGreaterThan(10);
    expect(passing).toBeGreaterThan(100);
});
