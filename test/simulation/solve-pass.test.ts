/**
 * The one backward pass of `Context.solve` (dp.ts, `optimalAndWorst`; docs/simulation.md,
 * Dynamic programming) against the three passes it replaces: the optimal values, the worst
 * values, each by its own straightforward pass written here, and greedyMask of the optimal
 * values. On random specs with and without chance (random-data-spec.ts), for every
 * objective and for random rewards with near ties and with sums that overflow: the same
 * values bit for bit, the same mask, and the state where greedyMask throws (a Q that is not
 * a finite number) is the one the pass returns. Then `Context.solve` itself on the specs'
 * objectives: its optimum, worst and mask are those of the former passes.
 */
import { describe, expect, test } from 'vitest';
import { Context, rewardsOf } from '../../language/simulation/context.js';
import { atStart, expected, greedyMask, optimalAndWorst, sameMask, type Mask } from '../../language/simulation/dp.js';
import { Budget, NonFiniteValue } from '../../language/simulation/errors.js';
import type { Rewards, StateGraph } from '../../language/simulation/state-graph.js';
import { randomDataSpec, randomRewards } from './random-data-spec.js';

/** The former pass: best (or, minimising, worst) over choices of R + V[next], layer by layer. */
function formerPass(g: StateGraph, R: Rewards, minimise: boolean): Float64Array {
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
                const nonFinite = optimalAndWorst(g, R, V, W, new Budget(1e9, undefined, undefined), mask);
                const best = formerPass(g, R, false), worst = formerPass(g, R, true);
                expect(same(V, best, g.nStates), 'optimal values').toBe(true);
                expect(same(W, worst, g.nStates), 'worst values').toBe(true);
                const former = formerMask(g, R, best);
                if (former.failed !== undefined) {
                    expect(nonFinite).toBe(former.failed);
                    failures++;
                } else {
                    expect(nonFinite).toBe(-1);
                    expect(sameMask(mask, former.mask!)).toBe(true);
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
