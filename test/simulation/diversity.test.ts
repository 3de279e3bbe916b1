/**
 * The diversity sweep (docs/analyses.md, Weights and the diversity sweep) on hand-built
 * reports: which environments are swept, the points where the winners change, and the
 * exact threshold, each computed by hand from the score lines a + b·s.
 */
import { describe, expect, test } from 'vitest';
import { diversitySweep, sweptWeights } from '../../language/simulation/diversity.js';
import { select } from '../../language/simulation/select.js';
import { optimizer, weightedSpec } from './diversity-fixtures.js';

// A 0.98, B 0.02; optimum 10 in A, 32 in B; depth penalty 0.25.
// Proxy (depth 1) scores 10 in A, misfits B with 0: line (1 − s)·10 + s·0 − 0.25 = 9.75 − 10s.
// Robust (depth 5) fits both:                     (1 − s)·10 + s·32 − 1.25 = 8.75 + 22s.
// They cross where 1 = 32s: s* = 1/32 = 0.03125 (3.1%).
const spec = weightedSpec([['A', 0.98], ['B', 0.02]], 0.25);
const proxy = optimizer('Proxy', 'misaligned', [['A', 10, 10], ['B', 0, 32]], 1);
const robust = optimizer('Robust', 'robust', [['A', 10, 10], ['B', 32, 32]], 5);

describe('the diversity sweep', () => {
    test('Proxy wins at the declared 2% and misfits B: B is swept, Robust wins from exactly 1/32', () => {
        expect(select(spec, [proxy, robust]).winners).toEqual(['Proxy']);
        expect(diversitySweep(spec, [proxy, robust])).toEqual({
            environments: ['B'],
            threshold: 1 / 32,
            points: [
                { share: 0, winners: ['Proxy'] },
                { share: 1 / 32, winners: ['Proxy', 'Robust'] },
                { share: 1, winners: ['Robust'] },
            ],
        });
    });

    test('a third optimizer: Robust wins only between two crossings; the crossing where no winner changes is no point', () => {
        // Late (depth 2) misfits A with 0 and fits B: −0.5 + 32s. It meets Robust where 9.25 = 10s (s = 0.925)
        // and Proxy where 10.25 = 42s (s ≈ 0.244), where Robust is above both (8.75 + 22·0.244 ≈ 14.12): no change there.
        const late = optimizer('Late', 'misaligned', [['A', 0, 10], ['B', 32, 32]], 2);
        const d = diversitySweep(spec, [proxy, robust, late])!;
        expect(d.environments).toEqual(['B']);
        expect(d.threshold).toBe(1 / 32);
        expect(d.points.map(p => p.winners)).toEqual([['Proxy'], ['Proxy', 'Robust'], ['Robust', 'Late'], ['Late']]);
        expect(d.points.map(p => p.share)).toEqual([0, 1 / 32, 0.925, 1]);
    });

    test('no share makes a robust optimizer win: Costly (depth 200, −50 at every share) never reaches Proxy', () => {
        // Costly: (1 − s)·10 + 32s − 50 = −40 + 22s ≤ −18 < Proxy's 9.75 − 10s ≥ −0.25.
        const costly = optimizer('Costly', 'robust', [['A', 10, 10], ['B', 32, 32]], 200);
        expect(diversitySweep(spec, [proxy, costly])).toEqual({
            environments: ['B'],
            threshold: null,
            points: [{ share: 0, winners: ['Proxy'] }, { share: 1, winners: ['Proxy'] }],
        });
    });

    test('the winner fits every training environment: no sweep', () => {
        expect(diversitySweep(spec, [robust])).toBeNull();
        // Pseudo-aligned but fitting training (button-lamp's Pressing): still no sweep.
        expect(diversitySweep(spec, [optimizer('Fits', 'pseudo-aligned', [['A', 10, 10], ['B', 32, 32]], 1), robust])).toBeNull();
    });

    test('the winner misfits every training environment: nothing to trade the share against', () => {
        const bad = optimizer('Bad', 'misaligned', [['A', 9, 10], ['B', 0, 32]], 1);
        const costly = optimizer('Costly', 'robust', [['A', 10, 10], ['B', 32, 32]], 200);
        expect(select(spec, [bad, costly]).winners).toEqual(['Bad']);
        expect(diversitySweep(spec, [bad, costly])).toBeNull();
    });

    test('swept environments share s in proportion to their weights, the others 1 − s in proportion to theirs', () => {
        // A 0.5 | B1 0.125, B2 0.375 swept: at s = 0.5, A gets 0.5, B1 0.5·¼ = 0.125, B2 0.5·¾ = 0.375.
        expect(sweptWeights([0.5, 0.125, 0.375], [false, true, true], 0.5)).toEqual([0.5, 0.125, 0.375]);
        // At s = 0.25 the same environments get 0.75, 0.0625 and 0.1875.
        expect(sweptWeights([0.5, 0.125, 0.375], [false, true, true], 0.25)).toEqual([0.75, 0.0625, 0.1875]);
        // Swept environments of weight 0 share equally: B1, B2 get s/2 each.
        expect(sweptWeights([1, 0, 0], [false, true, true], 0.5)).toEqual([0.5, 0.25, 0.25]);
        // Proxy misfits B1 (optimum 8) and B2 (optimum 40) with 0; Robust fits: at s = 1 it scores ¼·8 + ¾·40 − 1.25 = 30.75,
        // so its line is 8.75 + 22s again and s* = 1/32 (equal shares inside the swept set would give ½·8 + ½·40 = 24 and 1/34).
        const three = weightedSpec([['A', 0.6], ['B1', 0.1], ['B2', 0.3]], 0.25);
        const p = optimizer('Proxy', 'misaligned', [['A', 10, 10], ['B1', 0, 8], ['B2', 0, 40]], 1);
        const r = optimizer('Robust', 'robust', [['A', 10, 10], ['B1', 8, 8], ['B2', 40, 40]], 5);
        // At the declared 40%, Proxy scores 0.6·10 − 0.25 = 5.75 and Robust 6 + 0.8 + 12 − 1.25 = 17.55: Robust already wins.
        expect(select(three, [p, r]).winners).toEqual(['Robust']);
        // With B1 at 1/256 and B2 at 3/256 (1/64 together), Proxy scores 63/64·10 − 0.25 = 9.59375 and Robust
        // 9.84375 + 8/256 + 120/256 − 1.25 = 9.09375: Proxy wins, and the sweep finds the same threshold.
        const light = weightedSpec([['A', 63 / 64], ['B1', 1 / 256], ['B2', 3 / 256]], 0.25);
        expect(select(light, [p, r]).winners).toEqual(['Proxy']);
        const d = diversitySweep(light, [p, r])!;
        expect(d.environments).toEqual(['B1', 'B2']);
        expect(d.threshold).toBe(1 / 32);
    });

    test('a swept environment of weight 0 (train A, B weight 0): the sweep asks how much of B selection needs', () => {
        const zero = weightedSpec([['A', 1], ['B', 0]], 0.25);
        // Proxy fits A, the only environment of positive weight: it fits training, but is not robust.
        const p = optimizer('Proxy', 'pseudo-aligned', [['A', 10, 10], ['B', 0, 32]], 1);
        expect(select(zero, [p, robust]).winners).toEqual(['Proxy']);
        const d = diversitySweep(zero, [p, robust])!;
        expect(d.environments).toEqual(['B']);
        expect(d.threshold).toBe(1 / 32);
    });

    test('an optimizer with a missing value where the sweep puts weight takes no part', () => {
        const partial = optimizer('Partial', 'unknown', [['A', 10, 10], ['B', null, 32]], 1);
        const d = diversitySweep(spec, [proxy, robust, partial], ['Proxy'])!;
        expect(d.points.flatMap(p => p.winners)).not.toContain('Partial');
        expect(d.threshold).toBe(1 / 32);
    });
});
