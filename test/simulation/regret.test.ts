/**
 * Normalized regret (docs/simulation.md, Intervals and regret): differences within the
 * tie tolerance are ties, so rounding error never shows up as regret.
 */
import { describe, expect, test } from 'vitest';
import { formatVerdictTable, simulate } from '../../language/simulation/index.js';
import { buildSpec } from './fixtures.js';

describe('normalized regret', () => {
    test('optimum − worst within the tolerance: regret 0, not 1', () => {
        // 0.6 + 1 - 1 is 0.6000000000000001: the optimum and the worst differ by rounding only.
        const spec = buildSpec({
            name: 'rounding', envs: [{ label: 'E', horizon: 1, actions: ['push'], nodes: [['y', '0.6 + push - push']] }],
            objectives: [['base', 'B', 'y'], ['mesa', 'O', 'y']], train: ['E'], deploy: ['E'],
        });
        const report = simulate(spec);
        const o = report.optimizers.find(x => x.name === 'O')!;
        expect(o.deploy[0]!.optimum! - o.deploy[0]!.worst!).toBeGreaterThan(0);
        expect(o.verdict).toBe('robust');
        expect(o.deploy[0]!.normalizedRegret).toBe(0);
        expect(formatVerdictTable(report)).toContain('E [0.6, 0.6] of 0.6 (regret 0.000)');
    });

    test('a real shortfall keeps its regret', () => {
        const spec = buildSpec({
            name: 'shortfall', envs: [
                { label: 'T', horizon: 2, actions: ['a', 'b'], nodes: [['x', 'a']] },
                { label: 'D', horizon: 2, actions: ['a', 'b'], nodes: [['x', 'a + 3 * b']] },
            ],
            objectives: [['base', 'B', 'x'], ['mesa', 'A', 'a']], train: ['T'], deploy: ['D'],
        });
        const d = simulate(spec).optimizers.find(x => x.name === 'A')!.deploy[0]!;
        expect(d).toMatchObject({ lo: 2, hi: 2, optimum: 6, worst: 0 });
        expect(d.normalizedRegret).toBeCloseTo(4 / 6, 12);
    });
});
