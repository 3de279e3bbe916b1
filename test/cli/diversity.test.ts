/**
 * The diversity threshold in the built `mesa` binary's output (docs/cli.md): one line
 * after the verdict table of `mesa simulate`, the `diversity` field of its JSON, and the
 * `diversity-threshold` info of `mesa check`. The spec and its hand-computed figures
 * are those of test/findings/diversity-e2e.test.ts: Right 4.815, Seeker 4.645, s* = 3/65.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixture = 'test/cli/fixtures/coin-share.mesa';

function mesa(...args: string[]) {
    return spawnSync(process.execPath, [join(root, 'bin', 'mesa.cjs'), ...args], { cwd: root, encoding: 'utf8' });
}

beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs', 'cli'], { cwd: root });
});

describe('the diversity threshold on the command line', () => {
    test('mesa simulate: the selection, then the threshold line', () => {
        const r = mesa('simulate', fixture);
        expect(r.status).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines.slice(-2)).toEqual([
            'selected: Right (scores: Right 4.815, Seeker 4.645)',
            'diversity: Selection picks Seeker only when at least 4.6% of training is in Level(coin in 0..3); at the declared 2.0% it picks Right.',
        ]);
    });

    test('mesa simulate --json: the exact threshold', () => {
        const report = JSON.parse(mesa('simulate', fixture, '--json', '-').stdout) as { diversity: { threshold: number; environments: string[] } };
        expect(report.diversity.threshold).toBeCloseTo(3 / 65, 14);
        expect(report.diversity.environments).toEqual(['Level(coin=0)', 'Level(coin=1)', 'Level(coin=2)', 'Level(coin=3)']);
    });

    test('mesa check: the info on train', () => {
        const r = mesa('check', fixture);
        expect(r.stdout).toContain(`${fixture}:11:1: info [diversity-threshold] Selection picks Seeker only when at least 4.6% of training is in Level(coin in 0..3); at the declared 2.0% it picks Right.`);
    });
});
