/**
 * The capability sweep's cost (docs/simulation.md, Capability sweep): one pass per depth
 * over the layers with that many steps left, unless no choice changes what comes next; then
 * every depth behaves as the ideal planner and the sweep is linear in the graph. So a
 * one-action environment of horizon H, whose H + 1 states each lead to one next state,
 * costs budget units in proportion to H, not H². The shortcut is exact: where it holds,
 * every depth's lookahead mask equals the ideal one.
 */
import { describe, expect, test } from 'vitest';
import { actingIn, behaviour, depthSeries } from '../../language/simulation/behaviour.js';
import { Context, rewardsOf } from '../../language/simulation/context.js';
import { depthIndependent, sameMask } from '../../language/simulation/dp.js';
import { Budget } from '../../language/simulation/errors.js';
import { capabilitySweep } from '../../language/simulation/sweep.js';
import { buildSpec } from './fixtures.js';

const oneAction = (horizon: number, rule = 'a', discount = 1, mesa = 'a') => buildSpec({
    name: 'long', envs: [{ label: 'E', horizon, discount, actions: ['a'], nodes: [['x', rule]] }],
    objectives: [['base', 'B', 'x'], ['mesa', 'M', mesa]],
    optimizers: [{ name: 'Deep', objective: 'M', depth: horizon - 1 }],
    train: ['E'],
});

/** Budget units a sweep of M spends in E (exploration and the first solve excluded). */
function sweepUnits(spec: ReturnType<typeof oneAction>): { units: number; points: number; distinct: number } {
    const budget = new Budget(1e9, undefined, undefined);
    const ctx = new Context(spec, budget);
    ctx.solve(ctx.graph('E')!, 'B');
    const before = budget.spent;
    const sweep = capabilitySweep(ctx, { name: 'M', objective: 'M', model: null, depth: null });
    const points = sweep.curves[0]!.points;
    return { units: budget.spent - before, points: points.length, distinct: new Set(points.map(p => `${p.lo},${p.hi}`)).size };
}

describe('a one-action environment over a long horizon', () => {
    test('the sweep costs units in proportion to the horizon', () => {
        const small = sweepUnits(oneAction(2_000)), large = sweepUnits(oneAction(4_000));
        expect([small.points, large.points]).toEqual([2_000, 4_000]);
        expect([small.distinct, large.distinct]).toEqual([1, 1]);
        // One lookahead per depth would cost about 5·H² units: 20 million at H = 2,000.
        expect(small.units).toBeLessThan(50 * 2_000);
        expect(large.units).toBeLessThanOrEqual(2 * small.units + 100);
    });

    test('a declared depth costs units in proportion to the horizon too', () => {
        const spec = oneAction(3_000);
        const budget = new Budget(1e9, undefined, undefined);
        const ctx = new Context(spec, budget);
        const a = actingIn(ctx, { name: 'Deep', objective: 'M', model: null, depth: 2_999 }, 'E')!;
        const before = budget.spent;
        const mask = behaviour(ctx, a, { name: 'Deep', objective: 'M', model: null, depth: 2_999 });
        expect(budget.spent - before).toBeLessThan(50 * 3_000);
        expect(sameMask(mask, ctx.solve(a.plan, 'M').mask)).toBe(true);
    });
});

describe('depth independence', () => {
    const holds = (spec: ReturnType<typeof oneAction>, objective: string) => {
        const ctx = new Context(spec, new Budget(1e9, undefined, undefined));
        const g = ctx.graph('E')!;
        return { ctx, g, result: depthIndependent(g, rewardsOf(g, objective)) };
    };

    test.each([
        ['rewards 0 and 1', oneAction(12), 'M', true],
        ['discounted, negative rewards', oneAction(12, 'a', 0.9, '-3 * a + 1'), 'M', true],
        ['a remembered node: choices lead to different states', oneAction(12, 'min(x@1 + a, 1)'), 'B', false],
        ['a gap the tolerance can bridge', oneAction(12, 'a', 1, 'a * 0.000000000001'), 'M', false],
        ['a gap the tolerance bridges only at larger depths', oneAction(12, 'a', 1, 'a * 0.000000002 + 1'), 'M', false],
        ['equal rewards', oneAction(12, 'a', 1, '5'), 'M', true],
    ])('%s', (_, spec, objective, expected) => {
        const { ctx, g, result } = holds(spec, objective);
        expect(result).toBe(expected);
        // Exactness: where it holds, every depth's lookahead mask is the ideal one.
        if (result) {
            const a = actingIn(ctx, { name: objective, objective, model: null, depth: null }, 'E')!;
            const ideal = ctx.solve(g, objective).mask;
            for (const [, mask] of depthSeries(ctx, a, objective, g.horizon)) expect(sameMask(mask, ideal)).toBe(true);
        }
    });

    test('the tolerance does depend on the depth there: the shortcut would have been wrong', () => {
        const { ctx, g } = holds(oneAction(12, 'a', 1, 'a * 0.000000002 + 1'), 'M');
        const a = actingIn(ctx, { name: 'M', objective: 'M', model: null, depth: null }, 'E')!;
        const [[, first]] = depthSeries(ctx, a, 'M', 1);
        // Depth 1 sees |Q| ≈ 1 and keeps only a; the ideal planner sees |Q| ≈ 12 and allows waiting too.
        expect(first[0]! + first[1]!).toBe(1);
        expect(ctx.solve(g, 'M').mask[0]! + ctx.solve(g, 'M').mask[1]!).toBe(2);
    });
});
