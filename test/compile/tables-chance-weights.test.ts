/**
 * What the compiler makes of tables, grids, chance and weights (docs/language.md):
 * tables resolved per environment (an environment's replaces an inherited or top-level
 * one), draws with their outcomes, drawing inits enumerated, the shown grid, and the
 * weights of training and deployment normalised.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledEnvironment, Expr } from '../../language/model/spec.js';
import { compiled } from '../helpers/services.js';

const SPEC = `grid maze { "#####" "#A G#" "#####" }
const bonus = [0, 1, 5]
environment Lab(p: 0..1) {
  horizon 3
  action right
  node x init 1 = min(x@1 + right, 3)
  node y init 1 = y@1
  node atGoal = maze[y][x] == 'G'
  node coin init 2 * uniform(0, 2) + bernoulli(0.5) = coin@1
  node slip = bernoulli(0.25)
  node reward = bonus[p] + choose(0.5: x, 0.5: 0)
  show maze at (x, y)
}
environment Wide extends Lab { grid maze { "######" "#A  G#" "######" } }
objective base B = atGoal
train Lab(p = 1) weight 3, Lab(p in 0..1)
deploy Wide(p = 0)
`;

function node(env: CompiledEnvironment, name: string) {
    return env.nodes.find(n => n.name === name)!;
}

describe('tables, grids, chance and weights compiled', () => {
    test('a grid is read through its codes, as the environment sees it', async () => {
        const spec = await compiled(SPEC);
        const lab = spec.environments.find(e => e.label === 'Lab(p=1)')!;
        const wide = spec.environments.find(e => e.label === 'Wide(p=0)')!;
        const read = (env: CompiledEnvironment) => (node(env, 'atGoal').rule as Extract<Expr, { kind: 'binary' }>).left as Extract<Expr, { kind: 'index' }>;
        expect(read(lab)).toMatchObject({ kind: 'index', table: 'maze', shape: [3, 5] });
        expect(read(lab).values.slice(5, 10)).toEqual([...'#A G#'].map(c => c.charCodeAt(0)));
        expect(read(wide)).toMatchObject({ shape: [3, 6] });
        expect((node(lab, 'atGoal').rule as Extract<Expr, { kind: 'binary' }>).right).toEqual({ kind: 'const', value: 71 });
        expect(lab.show).toMatchObject({ grid: 'maze', rows: ['#####', '#A G#', '#####'], x: 'x', y: 'y' });
        expect(wide.show?.rows).toEqual(['######', '#A  G#', '######']);
    });

    test('draws carry their outcomes; a table index by a parameter is bound', async () => {
        const spec = await compiled(SPEC);
        const lab = spec.environments.find(e => e.label === 'Lab(p=1)')!;
        expect(node(lab, 'slip').rule).toMatchObject({ kind: 'draw', options: [{ p: 0.75, value: { kind: 'const', value: 0 } }, { p: 0.25, value: { kind: 'const', value: 1 } }] });
        const reward = node(lab, 'reward').rule as Extract<Expr, { kind: 'binary' }>;
        expect(reward.left).toMatchObject({ kind: 'index', table: 'bonus', values: [0, 1, 5], indices: [{ kind: 'const', value: 1 }] });
        expect(reward.right).toMatchObject({ kind: 'draw', options: [{ p: 0.5, value: { kind: 'ref', name: 'x' } }, { p: 0.5, value: { kind: 'const', value: 0 } }] });
        expect(lab.chance).toBe(true);
    });

    test('an init that draws has every value with its probability', async () => {
        const spec = await compiled(SPEC);
        const coin = node(spec.environments[0]!, 'coin');
        // 2·uniform(0, 2) + bernoulli(0.5): 0..5, each 1/6.
        expect(coin.initOutcomes!.map(o => o.value).sort()).toEqual([0, 1, 2, 3, 4, 5]);
        for (const o of coin.initOutcomes!) expect(o.p).toBeCloseTo(1 / 6, 12);
    });

    test('weights: a range shares its use\'s weight, a label used twice adds up, the sum is 1', async () => {
        const spec = await compiled(SPEC);
        // Lab(p=1): 3 + 1/2; Lab(p=0): 1/2; total 4.
        expect(spec.train).toEqual(['Lab(p=1)', 'Lab(p=0)']);
        expect(spec.weights.train).toEqual([3.5 / 4, 0.5 / 4]);
        expect(spec.weights.deploy).toEqual([1]);
        expect(spec.weighted).toBe(true);
    });

    test('without weights every environment weighs the same, however the uses group them', async () => {
        const spec = await compiled(`environment E(k: 0..3) { horizon 2 action a node x = a * k }\nobjective base B = x\ntrain E(k = 3), E(k in 0..2)\n`);
        expect(spec.weights.train).toEqual([0.25, 0.25, 0.25, 0.25]);
    });

    test('without train every environment of the first weighs the same', async () => {
        const spec = await compiled(`environment E(k: 0..3) { horizon 2 action a node x = a * k }\nobjective base B = x\ntrain E\n`);
        expect(spec.weights.train).toEqual([0.25, 0.25, 0.25, 0.25]);
        expect(spec.weighted).toBe(false);
        expect(spec.environments[0]!.chance).toBe(false);
    });
});
