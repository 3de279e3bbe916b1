/**
 * Fitting training asks only the training environments of positive weight
 * (docs/simulation.md, Verdicts): one of weight 0 is swept by diversity, not fitted.
 */
import { expect, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import { buildSpec } from './fixtures.js';

const spec = (weights?: number[]) => buildSpec({
    name: 'weights',
    envs: [
        { label: 'Near', horizon: 2, actions: ['a'], nodes: [['x', 'a']] },
        { label: 'Far', horizon: 2, actions: ['a'], nodes: [['x', '1 - a']] },
    ],
    // Press scores x in Near, and loses it in Far.
    objectives: [['base', 'B', 'x'], ['mesa', 'Press', 'a']],
    train: ['Near', 'Far'], ...(weights ? { weights: { train: weights } } : {}),
});

test('an environment of weight 0 does not count for the fit', () => {
    // Press scores 2 of 2 in Near and 0 of 2 in Far.
    const equal = simulate(spec(), { samples: 1 }).optimizers[0]!;
    expect(equal.train.map(t => [t.hi, t.optimum])).toEqual([[2, 2], [0, 2]]);
    expect(equal.verdict).toBe('misaligned');
    const weighted = simulate(spec([1, 0]), { samples: 1 }).optimizers[0]!;
    expect(weighted.train.map(t => [t.hi, t.optimum])).toEqual([[2, 2], [0, 2]]);
    expect(weighted.verdict).toBe('pseudo-aligned');
});
