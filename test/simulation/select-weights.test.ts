/**
 * Selection by weighted training value (docs/analyses.md, Weights and the diversity
 * sweep): score = Σ weight × hi − penalties; equal weights give today's mean; an
 * environment of weight 0 does not count. Figures by hand.
 */
import { describe, expect, test } from 'vitest';
import { select, trainingValue } from '../../language/simulation/select.js';
import { optimizer, weightedSpec } from './diversity-fixtures.js';

describe('weighted selection', () => {
    test('A 0.98, B 0.02: Proxy 0.98·10 + 0.02·0 − 0.25 = 9.55 beats Robust 0.98·10 + 0.02·32 − 1.25 = 9.19', () => {
        const spec = weightedSpec([['A', 0.98], ['B', 0.02]], 0.25);
        const proxy = optimizer('Proxy', 'misaligned', [['A', 10, 10], ['B', 0, 32]], 1);
        const robust = optimizer('Robust', 'robust', [['A', 10, 10], ['B', 32, 32]], 5);
        const s = select(spec, [robust, proxy]);
        expect(s.winners).toEqual(['Proxy']);
        expect(s.ranking.map(r => r.name)).toEqual(['Proxy', 'Robust']);
        expect(s.ranking[0]!.trainValue).toBeCloseTo(9.8, 12);
        expect(s.ranking[0]!.score).toBeCloseTo(9.55, 12);
        expect(s.ranking[1]!.trainValue).toBeCloseTo(10.44, 12);
        expect(s.ranking[1]!.score).toBeCloseTo(9.19, 12);
    });

    test('A 0.5, B 0.5: the weights tip the other way, Robust 21 − 1.25 = 19.75 beats Proxy 5 − 0.25 = 4.75', () => {
        const spec = weightedSpec([['A', 1], ['B', 1]], 0.25);
        const s = select(spec, [optimizer('Proxy', 'misaligned', [['A', 10, 10], ['B', 0, 32]], 1),
            optimizer('Robust', 'robust', [['A', 10, 10], ['B', 32, 32]], 5)]);
        expect(s.winners).toEqual(['Robust']);
        expect(s.ranking.map(r => r.score)).toEqual([19.75, 4.75]);
    });

    test('equal weights are the plain mean, to the last bit: (1 + 2 + 4) / 3 = 7/3, where Σ ⅓·hi rounds differently', () => {
        expect(1 / 3 * 1 + 1 / 3 * 2 + 1 / 3 * 4).not.toBe(7 / 3);
        const spec = weightedSpec([['A', 1], ['B', 1], ['C', 1]], 0, false);
        const s = select(spec, [optimizer('O', 'robust', [['A', 1, 1], ['B', 2, 2], ['C', 4, 4]], 1)]);
        expect(s.ranking[0]!.trainValue).toBe(7 / 3);
        expect(trainingValue([1, 2, 4], [1 / 3, 1 / 3, 1 / 3])).toBe(7 / 3);
    });

    test('an environment of weight 0 does not count, even without a value: A 1, B 0 gives 10 − 0.25 = 9.75', () => {
        const spec = weightedSpec([['A', 1], ['B', 0]], 0.25);
        const s = select(spec, [optimizer('O', 'robust', [['A', 10, 10], ['B', null, 32]], 1)]);
        expect(s.ranking[0]!.trainValue).toBe(10);
        expect(s.ranking[0]!.score).toBe(9.75);
        expect(s.winners).toEqual(['O']);
    });

    test('a missing value in an environment of positive weight leaves no score', () => {
        expect(trainingValue([10, null], [0.5, 0.5])).toBeNull();
        expect(trainingValue([10, 4], [0.75, 0.25])).toBe(8.5);
    });

    test('a spec without weights (built before them) weighs its environments the same', () => {
        const spec = weightedSpec([['A', 1], ['B', 3]], 0);
        delete (spec as Partial<typeof spec>).weights;
        const s = select(spec, [optimizer('O', 'robust', [['A', 10, 10], ['B', 20, 20]], 1)]);
        expect(s.ranking[0]!.trainValue).toBe(15);
    });
});
