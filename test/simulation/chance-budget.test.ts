/**
 * Budgets with chance (docs/simulation.md, Budgets): exploration is charged per outcome,
 * so one step that draws a million outcomes still meets the time budget and
 * cancellation after a bounded amount of work.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { Budget, BudgetExceeded, CHECK_UNITS } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { simulate } from '../../language/simulation/index.js';
import { buildSpec } from './fixtures.js';

/** Six digits drawn every step: 10^6 outcomes, merged to 55 sums. */
const fanOut = buildSpec({
    name: 'fan-out',
    envs: [{ label: 'Dice', horizon: 3, actions: ['a'], nodes: [['s', Array.from({ length: 6 }, () => 'uniform(0, 9)').join(' + ')], ['t', 's@1 + a']] }],
    objectives: [['base', 'B', 't'], ['mesa', 'M', 'a']],
    train: ['Dice'],
});

describe('a step of huge fan-out', () => {
    test('exploration checks the clock after a bounded number of outcomes', () => {
        const compiled = compileEnvironment(fanOut.environments[0]!, fanOut.objectives);
        let calls = 0;
        const step = compiled.step;
        const ce = { ...compiled, step: (...a: Parameters<typeof step>) => { calls++; step(...a); } };
        let reads = 0;
        const budget = new Budget(1e9, 500, undefined, () => reads++ * 50);
        let thrown: unknown;
        try { explore(ce, budget); } catch (e) { thrown = e; }
        expect(thrown).toBeInstanceOf(BudgetExceeded);
        expect((thrown as BudgetExceeded).budget).toBe('time');
        // Stopped within the first step's million outcomes, one check per CHECK_UNITS units.
        expect(calls).toBeLessThan(1_000_000);
        expect(calls).toBeLessThanOrEqual(budget.checks * Math.ceil(CHECK_UNITS / ce.cost));
    });

    test('a cancellation stops it too, and the report says so', () => {
        let reads = 0;
        const signal = { get cancelled(): boolean { return ++reads >= 3; } };
        const report = simulate(fanOut, { timeBudgetMs: 600_000, signal });
        expect(reads).toBe(3);
        expect(report.incomplete.map(i => i.budget)).toEqual(['cancelled']);
        expect(report.optimizers.every(o => o.verdict === 'unknown')).toBe(true);
    });

    test('with a small fan-out the same environment is solved exactly', () => {
        // Two digits of 0..1: their sum is 0, 1, 2 with 1/4, 1/2, 1/4; t reads it a step later.
        const small = buildSpec({
            name: 'dice', envs: [{ label: 'Dice', horizon: 3, actions: ['a'], nodes: [['s', 'uniform(0, 1) + uniform(0, 1)'], ['t', 's@1 + a']] }],
            objectives: [['base', 'B', 't']], train: ['Dice'],
        });
        // t: step 1 reads s's init 0; steps 2 and 3 read a sum of mean 1; pressing adds 1 each step.
        const [values] = simulate(small, { samples: 1 }).objectives[0]!.values;
        expect(values).toEqual({ env: 'Dice', optimum: 2 + 3, worst: 2 });
    });
});
