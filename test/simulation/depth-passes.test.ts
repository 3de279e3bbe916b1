/**
 * The depth passes (depth-passes.ts, docs/simulation.md, Capability sweep) against the
 * straightforward computation they replace: for each depth d, a fresh mask from
 * greedyMask of V_{d−1} over the whole graph, then one lookahead step over the whole
 * graph to V_d. On random specs (random-data-spec.ts, their horizons raised to 3–9 so
 * that windows end before the horizon at many layers; chance specs included, where
 * every Q is an expectation over outcomes), for each objective and for random rewards
 * with near ties and with sums that overflow: the same mask at every depth, whether it
 * changed, masks handed out that stay as they were, and the same state of the first Q
 * that is not finite. Then the callers, each against its former code kept here:
 * behaviour() at every depth, the sweep's depthSeries (with a model too, whose masks are
 * lifted to the product) and depth(O) through assess; released passes hand their buffers,
 * zeroed, to the next ones, and a run keeps none once it is over.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../language/simulation/simulate.js';
import { compiled, exampleText } from '../helpers/services.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { actingIn, behaviour, depthSeries, liftFromPlan, type Acting, type Planner } from '../../language/simulation/behaviour.js';
import { Context, rewardsOf } from '../../language/simulation/context.js';
import { DepthPasses, releaseSpare, spareCount } from '../../language/simulation/depth-passes.js';
import { atStart, depthIndependent, evaluate, expected, optimalValues, sameMask, tolerance, type Mask } from '../../language/simulation/dp.js';
import { greedyMask } from './former-passes.js';
import { Budget, NonFiniteValue } from '../../language/simulation/errors.js';
import { planning } from '../../language/simulation/finite.js';
import { assess, groundOf, rewardsIn } from '../../language/simulation/objective-search.js';
import { commonTrainingNames } from '../../language/simulation/adversarial/judge.js';
import type { Rewards, StateGraph } from '../../language/simulation/state-graph.js';
import { randomDataSpec, randomRewards } from './random-data-spec.js';

/** The former lookahead step: V_k from V_{k−1} over every layer. */
function lookahead(g: StateGraph, R: Rewards, prev: Float64Array, out: Float64Array): void {
    const C = g.nChoices, o = g.outcomes;
    out.fill(0, g.layerStart[g.horizon]!, g.nStates);
    for (let s = 0; s < g.layerStart[g.horizon]!; s++) {
        let best = -Infinity, finite = 0;
        for (let c = 0; c < C; c++) {
            const q = R[s * C + c]! + (o ? expected(o, prev, s * C + c) : prev[g.next[s * C + c]!]!);
            if (q > best) best = q;
            finite += q - q;
        }
        if (finite !== 0) throw new NonFiniteValue(s);
        out[s] = best;
    }
}

/** The former series: the masks of depth 1..maxDepth, and the state where a Q stopped being finite (then at depth masks.length + 1). */
function reference(g: StateGraph, R: Rewards, maxDepth: number): { masks: Mask[]; failed: number | null } {
    let prev = new Float64Array(g.nStates), cur = new Float64Array(g.nStates);
    const masks: Mask[] = [];
    try {
        for (let d = 1; d <= maxDepth; d++) {
            const mask = greedyMask(g, R, prev);
            lookahead(g, R, prev, cur);
            [prev, cur] = [cur, prev];
            masks.push(mask);
        }
    } catch (e) {
        if (!(e instanceof NonFiniteValue)) throw e;
        return { masks, failed: e.state };
    }
    return { masks, failed: null };
}

/** The former behaviour(): H − 1 lookahead steps then greedyMask, each under `planning`. */
function oldBehaviour(ctx: Context, a: Acting, p: Planner, depth: number): Mask {
    if (depth >= a.plan.horizon) return liftFromPlan(a, ctx.solve(a.plan, p.objective).mask);
    const R = rewardsOf(a.plan, p.objective);
    if (depthIndependent(a.plan, R)) return liftFromPlan(a, ctx.solve(a.plan, p.objective).mask);
    const within = <T>(window: number, plan: () => T): T => planning(ctx.spec, a.plan, p.objective, depth, window, plan, p.location);
    let prev = new Float64Array(a.plan.nStates), cur = new Float64Array(a.plan.nStates);
    for (let k = 1; k < depth; k++) {
        within(k, () => lookahead(a.plan, R, prev, cur));
        [prev, cur] = [cur, prev];
    }
    return liftFromPlan(a, within(depth, () => greedyMask(a.plan, R, prev)));
}

/** The former depthSeries. */
function* oldSeries(ctx: Context, a: Acting, objective: string, maxDepth: number): Generator<[number, Mask]> {
    const R = rewardsOf(a.plan, objective);
    let prev = new Float64Array(a.plan.nStates), cur = new Float64Array(a.plan.nStates);
    for (let d = 1; d <= maxDepth; d++) {
        if (d >= a.plan.horizon) { yield [d, liftFromPlan(a, ctx.solve(a.plan, objective).mask)]; continue; }
        const within = <T>(plan: () => T): T => planning(ctx.spec, a.plan, objective, d, d, plan);
        yield [d, liftFromPlan(a, within(() => greedyMask(a.plan, R, prev)))];
        within(() => lookahead(a.plan, R, prev, cur));
        [prev, cur] = [cur, prev];
    }
}

/** Runs a computation: its value, or the message of what it threw. */
function outcome<T>(run: () => T): { value?: T; error?: string } {
    try {
        return { value: run() };
    } catch (e) {
        return { error: (e as Error).message };
    }
}

/**
 * A random spec with its environments' horizons set to `horizon`, F's two steps longer
 * for odd seeds: a model planner then plans at layers its true environment never
 * reaches, where masks may differ and still lift to the same one.
 */
function longer(seed: number, chance: boolean, horizon: number): CompiledSpec {
    const spec = randomDataSpec(seed, chance);
    const extra = (label: string): number => (label === 'F' && seed % 2 === 1 ? 2 : 0);
    return { ...spec, environments: spec.environments.map(e => ({ ...e, horizon: horizon + extra(e.label) })) };
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const cases = SEEDS.flatMap(seed => [false, true].map(chance => ({ seed, chance, horizon: chance ? 3 + (seed % 3) : 3 + (seed % 5) })));

describe.each(cases)('random spec $seed (chance: $chance, horizon $horizon)', ({ seed, chance, horizon }) => {
    const spec = longer(seed, chance, horizon);
    const ctx = new Context(spec, new Budget(30_000, undefined, undefined));

    test('the passes give the former masks, changes and failures at every depth', () => {
        let compared = 0;
        for (const label of spec.train) {
            const g = ctx.graph(label);
            if (!g) continue;
            const rewards = [...g.rewards.values(), randomRewards(g, seed, false), randomRewards(g, seed + 1000, true)];
            for (const R of rewards) {
                const ref = reference(g, R, g.horizon + 1);
                const passes = new DepthPasses(g, R);
                const handed: Mask[] = [];
                for (let d = 1; d <= g.horizon + 1; d++) {
                    const got = outcome(() => passes.next(new Budget(1e9, undefined, undefined)));
                    if (d > ref.masks.length) {
                        // The former series failed at depth d: the passes fail there, at the same state.
                        expect(got.error).toBe(new NonFiniteValue(ref.failed!).message);
                        break;
                    }
                    expect(got.error).toBeUndefined();
                    const want = ref.masks[d - 1]!;
                    expect(got.value, `changed at depth ${d}`).toBe(d === 1 || !sameMask(ref.masks[d - 2]!, want));
                    expect(sameMask(passes.mask, want), `mask at depth ${d}`).toBe(true);
                    if (!got.value) expect(passes.mask).toBe(handed[handed.length - 1]);
                    handed.push(passes.mask);
                    compared++;
                }
                // A mask once handed out is never written again.
                handed.forEach((m, i) => expect(sameMask(m, ref.masks[i]!), `mask of depth ${i + 1} kept`).toBe(true));
            }
        }
        if (ctx.graph('E')) expect(compared).toBeGreaterThan(0);
    });

    test('behaviour() and depthSeries give what they gave, with and without a model', () => {
        const g = ctx.graph('E');
        if (!g) return;
        g.rewards.set('Huge', randomRewards(g, seed + 2000, true));
        const planners: Planner[] = [...spec.objectives.map(o => o.name), 'Huge'].flatMap(objective => [
            { name: objective, objective, model: null, depth: null },
            { name: `${objective} in F`, objective, model: 'F', depth: null },
        ]);
        for (const p of planners) {
            const a = outcome(() => actingIn(ctx, p, 'E'));
            if (!a.value) continue;
            const acting = a.value;
            for (let d = 1; d <= acting.plan.horizon; d++) {
                const now = outcome(() => behaviour(ctx, acting, p, d)), before = outcome(() => oldBehaviour(ctx, acting, p, d));
                expect(now.error, `${p.name} depth ${d}`).toBe(before.error);
                if (before.value) expect(sameMask(now.value!, before.value), `${p.name} depth ${d}`).toBe(true);
            }
            const got: [number, Mask, boolean][] = [], want: [number, Mask][] = [];
            const now = outcome(() => { for (const x of depthSeries(ctx, acting, p.objective, acting.env.horizon + 1)) got.push(x); });
            const before = outcome(() => { for (const x of oldSeries(ctx, acting, p.objective, acting.env.horizon + 1)) want.push(x); });
            expect(now.error).toBe(before.error);
            expect(got.map(x => x[0])).toEqual(want.map(x => x[0]));
            got.forEach(([d, mask, changed], i) => {
                expect(sameMask(mask, want[i]![1]), `${p.name} series depth ${d}`).toBe(true);
                expect(changed, `${p.name} series change at depth ${d}`).toBe(i === 0 || !sameMask(want[i - 1]![1], want[i]![1]));
            });
        }
    });

    test('depth(O) is what the former search found', () => {
        const ground = groundOf(ctx, commonTrainingNames(ctx));
        if (!ground) return;
        for (const o of spec.objectives) {
            const judged = assess(ctx, ground, { declared: o }, { expected: false, depth: true });
            if (!judged) continue;
            // The former search: every depth's greedy mask judged, up to the longest horizon.
            const parts = ground.train.map(a => {
                const R = rewardsIn(a, { declared: o })!, V = optimalValues(a.graph, R, ctx.budget);
                const optimum = atStart(a.graph, V);
                return { a, R, ideal: greedyMask(a.graph, R, V), ref: reference(a.graph, R, a.graph.horizon - 1),
                    attains: (m: Mask) => optimum - evaluate(a.graph, R, m, ctx.budget).lo <= tolerance(optimum) };
            });
            let want: number | null = null;
            const maxH = Math.max(...parts.map(p => p.a.graph.horizon));
            for (let d = 1; d <= maxH && want === null; d++) {
                if (parts.some(p => d < p.a.graph.horizon && p.ref.masks.length < d)) break;
                if (parts.every(p => p.attains(d >= p.a.graph.horizon || depthIndependent(p.a.graph, p.R) ? p.ideal : p.ref.masks[d - 1]!))) want = d;
            }
            expect(judged.depth, o.name).toBe(want);
        }
    });
});

describe('released passes hand their buffers on', () => {
    test('the next passes over a graph of the same size reuse them, and give what fresh ones give', () => {
        const spec = longer(7, false, 6);
        const ctx = new Context(spec, new Budget(30_000, undefined, undefined));
        const g = ctx.graph('E')!;
        const budget = new Budget(1e9, undefined, undefined);
        const [first, second] = [randomRewards(g, 7, false), randomRewards(g, 8, false)];
        const used = new DepthPasses(g, first, false);
        for (let d = 1; d <= g.horizon; d++) used.next(budget);
        const buffer = used.mask.buffer;
        used.release();
        const reused = new DepthPasses(g, second, false);
        expect(reused.mask.buffer).toBe(buffer);
        releaseSpare();
        const fresh = new DepthPasses(g, second, false);
        expect(fresh.mask.buffer).not.toBe(buffer);
        for (let d = 1; d <= g.horizon; d++) {
            expect(reused.next(budget), `changed at depth ${d}`).toBe(fresh.next(budget));
            expect(sameMask(reused.mask, fresh.mask), `mask at depth ${d}`).toBe(true);
        }
        // Passes whose masks are handed out keep them: they hand nothing on.
        const stable = new DepthPasses(g, first);
        stable.next(budget);
        const kept = stable.mask.buffer;
        stable.release();
        expect(new DepthPasses(g, second, false).mask.buffer).not.toBe(kept);
    });

    test('a run keeps none once it is over: a language server lives on after it', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        // Its selection weighs depth, so the learning path judges depth(O) of every objective it scores.
        expect(spec.select.depth).toBe(0.1);
        const stages: string[] = [];
        simulate(spec, { progress: stage => stages.push(stage) });
        expect(stages).toContain('learning path');
        expect(spareCount()).toBe(0);
        // Within the run the learning path's depth(O) handed its buffers on: one objective judged leaves one set.
        const ctx = new Context(spec, new Budget(1e6, undefined, undefined));
        const ground = groundOf(ctx, commonTrainingNames(ctx))!;
        assess(ctx, ground, { declared: spec.objectives.find(o => o.name === 'Pressing')! }, { expected: false, depth: true });
        expect(spareCount()).toBe(1);
        releaseSpare();
    });
});
