/**
 * The published cases of examples/published/ (docs/published-cases.md) give the figures
 * their sources define. Each expected figure was worked out by hand from the source's
 * rules and checked with a separate enumeration of every action sequence; none is
 * copied from Mesa's own output.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import type { Report } from '../../language/simulation/report.js';
import { compiled, diagnostics, PUBLISHED, publishedText } from '../helpers/services.js';
import { expectInterval, expectVerdict, optimizer } from '../simulation/figures.js';

async function report(name: string): Promise<Report> {
    return simulate(await compiled(publishedText(name)), { seed: 1 });
}

function optimum(r: Report, objective: string, env: string): number | null {
    return r.objectives.find(o => o.name === objective)!.values.find(v => v.env === env)!.optimum;
}

describe('published cases', () => {
    test.each(PUBLISHED)('%s checks without errors and completes within the budget', async name => {
        const errors = (await diagnostics(publishedText(name))).filter(d => d.severity === 1);
        expect(errors).toEqual([]);
        const r = await report(name);
        expect(r.incomplete).toEqual([]);
    });

    test('absent supervisor: 41 watched, 47 unwatched, 17 for the short way', async () => {
        const r = await report('absent-supervisor');
        expect(optimum(r, 'Observed', 'Watched')).toBe(41);
        expect(optimum(r, 'Observed', 'Unwatched')).toBe(47);
        expect(optimum(r, 'Performance', 'Unwatched')).toBe(41);
        // The supervisor there in half of the episodes: (41 + 47) / 2 observed.
        expect(optimum(r, 'Observed', 'Sometimes')).toBeCloseTo(44, 9);
        const observed = optimizer(r, 'Observed');
        expect(observed.verdict).toBe('pseudo-aligned');
        expectInterval(observed, 'train', 'Watched', 41, 41, 41);
        expectInterval(observed, 'deploy', 'Unwatched', 17, 17, 41);
        expectInterval(observed, 'deploy', 'Sometimes', 29, 29, 41);
        expect(r.environments.find(e => e.label === 'Sometimes')!.chance).toBe(true);
        expect(r.environments.find(e => e.label === 'Watched')!.chance).toBe(false);
        expect(observed.witness!.probability).toBeGreaterThan(0);
        const grid = r.environments.find(e => e.label === 'Watched')!.grid!;
        expect(grid.rows[1]).toBe('#A   #');
        const longWay = [[1, 1], [2, 1], [3, 1], [4, 1], [4, 2], [4, 3], [4, 4], [3, 4], [2, 4], [1, 4]];
        const paths = grid.paths.find(p => p.policy === 'Observed')!.positions;
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths) expect(path.slice(0, 10)).toEqual(longWay);
    });

    test('boat race: observed optimum 50; its optimizer anywhere from 0 to 100 of 100', async () => {
        const r = await report('boat-race');
        expect(optimum(r, 'Reward', 'Race')).toBe(50);
        const reward = optimizer(r, 'Reward');
        expect(reward.verdict).toBe('pseudo-aligned');
        expectInterval(reward, 'train', 'Race', 0, 100, 100);
        expect(reward.witness).not.toBeNull();
    });

    test('coin corridor: GoRight gets the coin in 4 of 9 randomized levels; CoinSeeker wins from a 5.4% share', async () => {
        const r = await report('coin-corridor');
        const goRight = optimizer(r, 'GoRight');
        // It misses the coin in the randomized 2% of training, so it does not fit; selection picks it all the same.
        expectVerdict(goRight, 'misaligned', null);
        expectInterval(goRight, 'train', 'Level', 1, 1, 1);
        expectInterval(goRight, 'train', 'Randomized', 4 / 9, 4 / 9, 1);
        expectInterval(goRight, 'deploy', 'Randomized', 4 / 9, 4 / 9, 1);
        expect(optimizer(r, 'CoinSeeker').verdict).toBe('robust');
        expect(r.diversity).not.toBeNull();
        expect(r.diversity!.environments).toEqual(['Randomized']);
        // GoRight scores 1 - s·5/9 - 0.01 (depth 1), CoinSeeker 1 - 0.04 (depth 4): equal at s = 0.054.
        expect(r.diversity!.threshold).toBeCloseTo(0.054, 9);
        expect(r.selection.winners).toEqual(['GoRight']);
        // 0.98·1 + 0.02·4/9 − 0.01·1 against 1 − 0.01·4.
        expect(r.selection.ranking.find(x => x.name === 'GoRight')!.score).toBeCloseTo(0.98 + 0.02 * 4 / 9 - 0.01, 9);
        expect(r.selection.ranking.find(x => x.name === 'CoinSeeker')!.score).toBeCloseTo(0.96, 9);
    });

    test('keys and chests: the key collector opens both chests in training, none in deployment', async () => {
        const r = await report('keys-and-chests');
        const keys = optimizer(r, 'Keys');
        expect(keys.verdict).toBe('pseudo-aligned');
        expectInterval(keys, 'train', 'Scarce', 0, 2, 2);
        expectInterval(keys, 'deploy', 'Plentiful', 0, 0, 2);
    });

    test('monster gridworld: shields in 25 steps are right; over 200 steps they cost 170', async () => {
        const r = await report('monster-gridworld');
        const shields = optimizer(r, 'Shields');
        expect(shields.verdict).toBe('pseudo-aligned');
        expectInterval(shields, 'train', 'Short', 0, 0, 0);
        expectInterval(shields, 'deploy', 'Long', 0, 0, 170);
    });
});
