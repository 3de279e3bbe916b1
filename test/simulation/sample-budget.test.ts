/**
 * The trajectory sample under budgets (docs/simulation.md, Budgets; Trajectory sample):
 * sampling and the reward timing are charged in proportion to their work, so a time
 * budget stops a sample of many objectives and the report says so; per-step rewards are
 * read back from the episodes' transitions, one objective at a time.
 */
import { describe, expect, test } from 'vitest';
import { analyseOptimizer } from '../../language/simulation/analyse.js';
import { Context } from '../../language/simulation/context.js';
import { Budget, CHECK_UNITS } from '../../language/simulation/errors.js';
import { simulate } from '../../language/simulation/index.js';
import { sampleAll } from '../../language/simulation/samples.js';
import { buildSpec } from './fixtures.js';
import { proxyKind } from '../../language/model/relation.js';

/** `n` identical mesa objectives on a four-state environment. */
const identical = (n: number) => buildSpec({
    name: 'identical',
    envs: [{ label: 'E', horizon: 3, actions: ['a'], nodes: [['x', 'a']] }],
    objectives: [['base', 'B', 'x'], ...Array.from({ length: n }, (_, i): ['mesa', string, string] => ['mesa', `M${i}`, 'x'])],
    train: ['E'],
});

/** A clock the test sets; the budget reads it at every check. */
function settableClock(): { now: () => number; at: number; reads: number } {
    const c = { at: 0, reads: 0, now: () => { c.reads++; return c.at; } };
    return c;
}

describe('the sample of 300 identical objectives', () => {
    const spec = identical(300);

    test('time running out while sampling stops it: no sample, the time budget named', () => {
        const clock = settableClock();
        const ctx = new Context(spec, new Budget(200_000, 2_000, undefined, clock.now));
        const base = spec.objectives[0]!;
        const analysed = spec.objectives.slice(1).map(o =>
            analyseOptimizer(ctx, { name: o.name, objective: o.name, model: null, depth: null }, true, o, 1, proxyKind(spec, base.name)));
        expect(analysed.every(a => a.report.verdict === 'robust')).toBe(true);
        clock.at = 2_001;
        const reads = clock.reads;
        const samples = sampleAll(ctx, analysed, 1, 100);
        expect(samples.reports).toEqual([]);
        expect(samples.timing.size).toBe(0);
        expect(ctx.incomplete.map(i => [i.budget, i.limit])).toEqual([['time', 2_000]]);
        // It looked at the clock after a bounded amount of sampling, then stopped.
        expect(clock.reads - reads).toBe(1);
    });

    test('sampling is charged in proportion to its episodes', () => {
        const reads = (samples: number): number => {
            let n = 0;
            simulate(spec, { samples, adversarial: false, timeBudgetMs: 1e9, clock: () => n++ });
            return n;
        };
        const few = reads(10), many = reads(100);
        // 300 policies more of a tenth as many episodes, each reading 301 objectives over 3 steps.
        const units = (samples: number) => (samples + 301 * Math.max(1, Math.round(samples / 10))) * 3 * (301 + 2);
        expect(many - few).toBeGreaterThanOrEqual(Math.floor((units(100) - units(10)) / CHECK_UNITS) - 1);
        expect(many - few).toBeGreaterThan(20);
    });

    test('under the editor budgets the run stops with the time budget named', () => {
        let t = 0;
        const report = simulate(identical(1_000), { maxStates: 200_000, timeBudgetMs: 2_000, clock: () => (t += 5) });
        expect(report.incomplete.map(i => i.budget)).toEqual(['time']);
        expect(report.samples).toEqual([]);
    });
});
