/**
 * The simulation core's contracts besides the figures: determinism, run-time errors
 * with locations, budgets that say so, Spearman's rank correlation, the verdict table.
 */
import { describe, expect, test } from 'vitest';
import { formatVerdictTable, SimulationError, simulate, spearman } from '../../language/simulation/index.js';
import { ranks } from '../../language/simulation/sample.js';
import { rewardTiming } from '../../language/simulation/sample.js';
import { buildSpec, buttonLamp, cleaning, shop } from './fixtures.js';

describe('determinism', () => {
    test('same spec and seed give byte-identical JSON', () => {
        for (const spec of [buttonLamp, cleaning, shop]) {
            const a = JSON.stringify(simulate(spec, { seed: 7 }));
            const b = JSON.stringify(simulate(spec, { seed: 7 }));
            expect(a).toBe(b);
        }
    });
    test('the seed drives the sample', () => {
        const a = simulate(cleaning, { seed: 1 }).samples[0]!.pairs[0]!.baseReturns;
        const b = simulate(cleaning, { seed: 2 }).samples[0]!.pairs[0]!.baseReturns;
        expect(a).not.toEqual(b);
        expect(simulate(cleaning, { seed: 2 }).seed).toBe(2);
    });
});

describe('run-time errors', () => {
    test('division by zero is a SimulationError at the division, never NaN', () => {
        const spec = buildSpec({
            name: 'div', envs: [{ label: 'E', horizon: 3, actions: ['press'], nodes: [['r', '1 / press']] }],
            objectives: [['base', 'B', 'r'], ['mesa', 'M', 'press']], train: ['E'],
        });
        let error: unknown;
        try { simulate(spec); } catch (e) { error = e; }
        expect(error).toBeInstanceOf(SimulationError);
        expect((error as SimulationError).message).toMatch(/^Division by zero in /);
        expect((error as SimulationError).location?.range.start.line).toBe(0);
    });
    test('a guarded division is fine', () => {
        const spec = buildSpec({
            name: 'div', envs: [{ label: 'E', horizon: 3, actions: ['press'], nodes: [['r', 'if press > 0 then 1 / press else 0']] }],
            objectives: [['base', 'B', 'r'], ['mesa', 'M', 'press']], train: ['E'],
        });
        expect(simulate(spec).optimizers[0]!.train[0]!.optimum).toBe(3);
    });
    test('an objective reading a name its environment lacks is a located error', () => {
        const spec = buildSpec({
            name: 'lacks',
            envs: [{ label: 'A', horizon: 2, actions: ['a'], nodes: [['x', 'a']] }, { label: 'B', horizon: 2, actions: ['a', 'b'], nodes: [['x', 'a + b']] }],
            objectives: [['base', 'Base', 'x'], ['mesa', 'M', 'b']], train: ['A'], deploy: ['B'],
        });
        expect(() => simulate(spec)).toThrow(/objective M reads 'b', which environment A lacks/);
    });
});

describe('budgets', () => {
    const counter = (horizon: number, rule: string): ReturnType<typeof buildSpec> => buildSpec({
        name: 'counter', envs: [{ label: 'Counter', horizon, actions: ['inc'], nodes: [['c', rule]] }],
        objectives: [['base', 'Count', 'c'], ['mesa', 'Inc', 'inc']], train: ['Counter'],
    });
    test('a counter over a range of 10^9 stops at the state cap and says so', () => {
        const r = simulate(counter(1_000_000_000, 'c@1 + inc'), { maxStates: 200_000 });
        expect(r.incomplete).toHaveLength(1);
        expect(r.incomplete[0]).toMatchObject({ budget: 'states', limit: 200_000, env: 'Counter' });
        expect(r.incomplete[0]!.message).toMatch(/state budget of 200000 states/);
        const o = r.optimizers[0]!;
        expect(o).toMatchObject({ verdict: 'unknown', incomplete: true });
        expect(o.train[0]).toMatchObject({ lo: null, hi: null, optimum: null });
        expect(r.environments[0]!).toMatchObject({ simulated: false, states: null });
        expect(formatVerdictTable(r)).toMatch(/incomplete: the state budget/);
    });
    test('with the CLI default cap, a one-state-per-step counter over 10^9 steps stops too', () => {
        const r = simulate(counter(1_000_000_000, 'c@1 + 1'));
        expect(r.incomplete[0]).toMatchObject({ budget: 'states', limit: 10_000_000 });
    });
    test('the time budget is named when hit', () => {
        const r = simulate(counter(3000, 'c@1 + inc'), { timeBudgetMs: 20 });
        expect(r.incomplete.some(i => i.budget === 'time' && i.limit === 20)).toBe(true);
        expect(r.optimizers[0]!.incomplete).toBe(true);
    });
    test('cancellation stops the run and says so', () => {
        const r = simulate(buttonLamp, { signal: { cancelled: true } });
        expect(r.incomplete.map(i => i.budget)).toEqual(['cancelled']);
        expect(r.optimizers.every(o => o.incomplete && o.verdict === 'unknown')).toBe(true);
    });
});

describe('Spearman rank correlation', () => {
    test('average ranks for ties', () => {
        expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
        expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
    });
    test('monotone, reversed and constant', () => {
        expect(spearman([1, 2, 3], [10, 100, 1000])).toBe(1);
        expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
        expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
    });
    test('reward timing finds a shift', () => {
        const mesa = [Float64Array.from([1, 0, 1, 1, 0])];
        const base = [Float64Array.from([0, 0, 1, 0, 1])];
        expect(rewardTiming(base, mesa)).toEqual({ differs: true, shift: 2 });
        expect(rewardTiming(mesa, mesa)).toEqual({ differs: false, shift: null });
    });
});

describe('verdict table', () => {
    test('one row per optimizer with intervals and normalized regret', () => {
        const text = formatVerdictTable(simulate(buttonLamp));
        const lines = text.split('\n');
        expect(lines[0]).toMatch(/^optimizer\s+verdict\s+kind\s+train\s+deploy$/);
        expect(text).toMatch(/Pressing\s+pseudo-aligned\s+side-effect\s+Lab \[30, 30\] of 30\s+LabWithSwitch \[30, 30\] of 40 \(regret 0\.250\)/);
        expect(text).toMatch(/Lighting\s+robust\s+-\s+Lab \[30, 30\] of 30\s+LabWithSwitch \[40, 40\] of 40 \(regret 0\.000\)/);
        expect(text).toMatch(/selected: Pressing \(scores: Pressing 29\.9, Lighting 28\.9\)/);
    });
});
