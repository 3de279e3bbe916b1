/**
 * Environments beyond the examples: parameterised environments (one result per
 * label, training values averaged), models with fewer actions than the true
 * environment, and a model with an action the true environment lacks.
 */
import { describe, expect, test } from 'vitest';
import { SimulationError, simulate } from '../../language/simulation/index.js';
import { buildSpec } from './fixtures.js';

describe('parameterised environments', () => {
    const corridor = (coin: number) => ({
        label: `Corridor(coin=${coin})`, name: 'Corridor', params: { coin }, horizon: 4, actions: ['left', 'right'],
        nodes: [['pos', `clamp(pos@1 + right - left, 0, 3)`, 1], ['got', `pos == ${coin}`]] as [string, string, number?][],
    });
    const spec = buildSpec({
        name: 'corridor',
        envs: [corridor(3), corridor(0), corridor(2)],
        objectives: [['base', 'Coin', 'got'], ['mesa', 'GoRight', 'pos']],
        train: ['Corridor(coin=3)', 'Corridor(coin=2)'], deploy: ['Corridor(coin=0)'],
    });
    test('one interval per labelled environment; selection averages training values', () => {
        const r = simulate(spec);
        const o = r.optimizers.find(x => x.name === 'GoRight')!;
        expect(o.train.map(t => t.env)).toEqual(['Corridor(coin=3)', 'Corridor(coin=2)']);
        expect(o.deploy.map(t => t.env)).toEqual(['Corridor(coin=0)']);
        // coin=3: right, right... pos 2,3,3,3 -> 3; the optimum is also 3. coin=2: pos 2,3,3,3 -> 1 of 4 (stop at 2).
        expect(o.train[0]).toMatchObject({ lo: 3, hi: 3, optimum: 3 });
        expect(o.train[1]).toMatchObject({ lo: 1, hi: 1, optimum: 4 });
        expect(o.verdict).toBe('misaligned');
        expect(r.selection.ranking[0]).toMatchObject({ name: 'GoRight', trainValue: 2 });
        expect(r.environments.map(e => [e.label, e.roles])).toEqual([
            ['Corridor(coin=3)', ['train']], ['Corridor(coin=0)', ['deploy']], ['Corridor(coin=2)', ['train']],
        ]);
    });
});

describe('models', () => {
    const spec = (modelActions: string[]) => buildSpec({
        name: 'model',
        envs: [
            { label: 'T', horizon: 3, actions: ['a', 'b'], nodes: [['x', 'x@1 + a + 2 * b']] },
            { label: 'M', horizon: 3, actions: modelActions, nodes: [['x', modelActions.includes('c') ? 'x@1 + a + c' : 'x@1 + a']] },
        ],
        objectives: [['base', 'Base', 'x'], ['mesa', 'Same', 'x']],
        optimizers: [{ name: 'Narrow', objective: 'Same', model: 'M' }],
        train: ['T'],
    });
    test('a model-mismatched optimizer never takes an action its model lacks', () => {
        const r = simulate(spec(['a']));
        const narrow = r.optimizers.find(o => o.name === 'Narrow')!;
        expect(narrow.train[0]).toMatchObject({ lo: 6, hi: 6, optimum: 12 });
        expect(narrow.verdict).toBe('misaligned');
        expect(r.optimizers.find(o => o.name === 'Same')!.verdict).toBe('robust');
    });
    test('a model with an action the true environment lacks is an error on the optimizer', () => {
        expect(() => simulate(spec(['a', 'c']))).toThrow(SimulationError);
        expect(() => simulate(spec(['a', 'c']))).toThrow(/model M has action c, which T lacks/);
    });
});
