/**
 * Weighted training and the diversity sweep from Mesa text (docs/analyses.md, Weights
 * and the diversity sweep), through the compiler, the core and the checks as `mesa
 * check` runs them. Figures by hand for a corridor of 5 cells, horizon 8, the coin at
 * cell `coin`, reward 1 per step on the coin:
 * - optimum: coin 4 → 5 (steps 4..8), coin 0 → 8, 1 → 8, 2 → 7, 3 → 6;
 * - Right (reward for moving right) walks to the end: coin 4 → 5, coin 0 → 0, 1..3 → 1; depth 1;
 * - Seeker (the coin) is optimal everywhere; depth 4 (a shorter lookahead from cell 0 sees no coin at cell 4);
 * - weights: coin 4 0.98, coins 0..3 0.02 / 4 = 0.005 each; penalty depth 0.1;
 * - Right 0.98·5 + 0.005·3 − 0.1 = 4.815, Seeker 0.98·5 + 0.005·29 − 0.4 = 4.645: Right wins;
 * - swept: coins 0..3 (Right misfits each), a quarter each; lines Right 4.9 + (0.75 − 5)s = 4.9 − 4.25s,
 *   Seeker 4.6 + (7.25 − 5)s = 4.6 + 2.25s; s* = 0.3 / 6.5 = 3/65 ≈ 4.6%.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHECK_DEFAULTS, diagnoseText } from '../../cli/check.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, services } from '../helpers/services.js';

const text = readFileSync(join(import.meta.dirname, '..', 'cli', 'fixtures', 'coin-share.mesa'), 'utf8');
const levels = ['Level(coin=0)', 'Level(coin=1)', 'Level(coin=2)', 'Level(coin=3)'];

describe('weights and the diversity sweep from a spec', () => {
    test('selection by weighted training value: Right 4.815, Seeker 4.645', async () => {
        const report = simulate(await compiled(text));
        expect(report.selection.winners).toEqual(['Right']);
        const [right, seeker] = report.selection.ranking;
        expect(right!.name).toBe('Right');
        expect(right!.score).toBeCloseTo(4.815, 12);
        expect(seeker!.name).toBe('Seeker');
        expect(seeker!.depth).toBe(4);
        expect(seeker!.score).toBeCloseTo(4.645, 12);
    });

    test('the sweep: coins 0..3 swept, Seeker wins from 3/65', async () => {
        const d = simulate(await compiled(text)).diversity!;
        expect(d.environments).toEqual(levels);
        expect(d.threshold).toBeCloseTo(3 / 65, 14);
        expect(d.points.map(p => p.winners)).toEqual([['Right'], ['Right', 'Seeker'], ['Seeker']]);
        expect(d.points[0]!.share).toBe(0);
        expect(d.points[1]!.share).toBe(d.threshold);
        expect(d.points[2]!.share).toBe(1);
    });

    test('mesa check: diversity-threshold on train, and Right is picked although it misfits', async () => {
        const all = await diagnoseText(services, text, 'coin-share.mesa', CHECK_DEFAULTS);
        const threshold = all.filter(d => d.code === 'diversity-threshold');
        expect(threshold).toHaveLength(1);
        expect(threshold[0]!.severity).toBe('info');
        expect(threshold[0]!.message).toBe('Selection picks Seeker only when at least 4.6% of training is in Level(coin in 0..3); at the declared 2.0% it picks Right.');
        const line = text.split('\n').findIndex(l => l.startsWith('train '));
        expect(threshold[0]!.range.start).toEqual({ line, character: 0 });
        expect(threshold[0]!.range.end).toEqual({ line, character: 5 });
        expect(all.find(d => d.code === 'misaligned')!.message).toBe(
            "Right does not fit training: in Level(coin=0) its behaviour scores [0, 0] against Coin's optimum 8, yet selection picks it: its score after penalties is the best.");
    });

    test('without weights every level weighs 1/5: Seeker 0.2·34 − 0.4 = 6.4 beats Right 0.2·8 − 0.1 = 1.5, no sweep', async () => {
        const report = simulate(await compiled(text.replace(/^train .*$/m, 'train Level(coin = 4), Level(coin in 0..3)')));
        expect(report.selection.winners).toEqual(['Seeker']);
        expect(report.selection.ranking.map(r => r.score)).toEqual([6.4, 1.5].map(x => expect.closeTo(x, 12)));
        expect(report.diversity).toBeNull();
    });

    test('a level of weight 0 does not count for the fit: Right fits training, and the sweep asks how much of coin 0 selection needs', async () => {
        // Training is coin 4 alone (coin 0 weighs 0): Right 5 − 0.1 = 4.9 beats Seeker 5 − 0.4 = 4.6. Right fits
        // coin 4 but misfits coin 0, so it is pseudo-aligned, not misaligned. Lines: Right 4.9 + (0 − 5)s,
        // Seeker 4.6 + (8 − 5)s; s* = 0.3 / 8 = 0.0375 (3.8%).
        const spec = await compiled(text.replace(/^train .*$/m, 'train Level(coin = 4), Level(coin = 0) weight 0'));
        const report = simulate(spec);
        expect(report.optimizers.find(o => o.name === 'Right')!.verdict).toBe('pseudo-aligned');
        expect(report.selection.ranking.map(r => [r.name, r.score])).toEqual([['Right', expect.closeTo(4.9, 12)], ['Seeker', expect.closeTo(4.6, 12)]]);
        expect(report.diversity!.environments).toEqual(['Level(coin=0)']);
        expect(report.diversity!.threshold).toBeCloseTo(0.0375, 14);
        const all = await diagnoseText(services, text.replace(/^train .*$/m, 'train Level(coin = 4), Level(coin = 0) weight 0'), 'zero.mesa', CHECK_DEFAULTS);
        expect(all.find(d => d.code === 'diversity-threshold')!.message).toBe(
            'Selection picks Seeker only when at least 3.8% of training is in Level(coin=0); at the declared 0.0% it picks Right.');
        expect(all.filter(d => d.code === 'misaligned')).toEqual([]);
    });
});
