/**
 * EPIC distance and deployment regret of the enumerated candidates that fit training
 * (docs/analyses.md, EPIC distance; the report's `candidates.fitting`): the same figures a
 * mesa objective with the candidate's text gets, its distance computed by the same code
 * (epic.ts) and checked here against the brute force of data-source-brute.ts; the regret
 * that of its ideal optimizer. On button-lamp and the cleaning robot, the cap on how many
 * candidates get figures on the boat race, and a budget hit.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../language/simulation/report.js';
import { simulate } from '../../language/simulation/index.js';
import { arena } from '../../language/simulation/adversarial/judge.js';
import { candidateFigures, MAX_FIGURED_CANDIDATES } from '../../language/simulation/adversarial/figures.js';
import { nameValues } from '../../language/simulation/adversarial/values.js';
import { Context } from '../../language/simulation/context.js';
import { Budget } from '../../language/simulation/errors.js';
import { compiled, exampleText, publishedText } from '../helpers/services.js';
import { BruteEnv } from './brute-force.js';
import { epicBrute } from './data-source-brute.js';

/** Two distances agree, compared as ρ = 1 − 2d² (as in epic.test.ts). */
function expectDistance(got: number | null | undefined, want: number, what = ''): void {
    expect(got, what).not.toBeNull();
    expect(1 - 2 * got! ** 2, what).toBeCloseTo(1 - 2 * want ** 2, 9);
}

/** The mesa objective's figures as the report gives them: EPIC per training environment and its ideal optimizer's deployment. */
function objectiveFigures(report: Report, name: string) {
    const o = report.objectives.find(x => x.name === name)!;
    const optimizer = report.optimizers.find(x => x.implicit && x.objective === name)!;
    return { epic: o.epic, deploy: optimizer.deploy };
}

describe('button-lamp', () => {
    test('press: Pressing\'s figures, 1/√2 from Light in Lab and regret 0.25 in LabWithSwitch', async () => {
        const report = simulate(await compiled(exampleText('button-lamp')), { samples: 5 });
        // One candidate fits: press (lamp is Light itself), pseudo-aligned (user-fixes.test.ts).
        expect(report.candidates.fittingTotal).toBe(1);
        const [press] = report.candidates.fitting!;
        expect(press).toMatchObject({ text: 'press', bits: Math.log2(14), verdict: 'pseudo-aligned', regret: 0.25 });
        // epic.test.ts works 1/√2 out by hand: Pressing's canonical reward is the choice alone,
        // Light's the state alone, uncorrelated over every (state, choice) pair.
        expect(press!.epic.map(e => e.env)).toEqual(['Lab']);
        expectDistance(press!.epic[0]!.distance, Math.SQRT1_2);
        // With the switch, the lamp can be lit from step 1 (40) where pressing lights it from
        // step 11 (30); the worst policy never lights it (0): (40 − 30) / (40 − 0).
        expect(press!.deploy).toEqual([{ env: 'LabWithSwitch', lo: 30, hi: 30, optimum: 40, worst: 0, normalizedRegret: 0.25 }]);
        expect(press).toEqual({ text: 'press', bits: Math.log2(14), verdict: 'pseudo-aligned', ...objectiveFigures(report, 'Pressing'), regret: 0.25 });
    });
});

describe('the cleaning robot', () => {
    // The five candidates that fit Room, and each spelt as a mesa objective of its own.
    const named: [string, string][] = [['sweep', 'S'], ['dusty_sweeps', 'DS'], ['final(sweep)', 'FS'], ['final(bin)', 'FB'], ['bin', 'B']];
    const withObjectives = (text: string): string => `${text}\n${named.map(([expr, n]) => `objective mesa ${n} = ${expr}`).join('\n')}\n`;
    let report: Report;
    beforeAll(async () => { report = simulate(await compiled(exampleText('cleaning')), { samples: 5 }); });

    test('pseudo-aligned first, then robust; distance and regret of each', () => {
        const fitting = report.candidates.fitting!;
        expect(report.candidates.fittingTotal).toBe(5);
        expect(report.candidates.pseudoAligned).toBe(4);
        // Home's optimum is −15 (sweep the six dusty cells, never scatter) and its worst −72
        // (six dusty cells for twelve steps); a regret is (−15 − lo) / 57.
        expect(fitting.map(c => [c.text, c.verdict, c.deploy[0]!.lo, c.deploy[0]!.hi, c.regret])).toEqual([
            ['sweep', 'pseudo-aligned', -15, -15, 0],
            // Sweeping's figures (analyses.md): Home [−36, −36], 21/57.
            ['dusty_sweeps', 'pseudo-aligned', -36, -36, 21 / 57],
            // Cares for the last step only: anything before it, down to −71, 56/57.
            ['final(sweep)', 'pseudo-aligned', -71, -15, 56 / 57],
            // Vacuuming's: Home [−51, −15], 36/57.
            ['final(bin)', 'pseudo-aligned', -51, -15, 36 / 57],
            // In Room bin is 6 − floor, Clean plus a constant: distance 0, and robust.
            ['bin', 'robust', -15, -15, 0],
        ]);
        expect(fitting.map(c => c.deploy.map(d => [d.env, d.optimum, d.worst]))).toEqual(fitting.map(() => [['Home', -15, -72]]));
        const distances = fitting.map(c => Number(c.epic[0]!.distance!.toFixed(4)));
        // Vacuuming closer to Clean than Sweeping (0.559 against 0.587, analyses.md), and more harmful.
        expect(distances).toEqual([0.5131, 0.5871, 0.6778, 0.5591, 0]);
    });

    test('each candidate\'s figures are those of a mesa objective with its text, and the brute force\'s', async () => {
        const text = withObjectives(exampleText('cleaning'));
        const spec2 = await compiled(text);
        const augmented = simulate(spec2, { samples: 5 });
        // The enumeration does not depend on the declared mesa objectives.
        expect(augmented.candidates.fitting).toEqual(report.candidates.fitting);
        const room = new BruteEnv(spec2, spec2.environments.find(e => e.label === 'Room')!);
        for (const [i, [expr, name]] of named.entries()) {
            const c = report.candidates.fitting![i]!;
            expect(c.text).toBe(expr);
            const declared = objectiveFigures(augmented, name);
            expect(c.deploy, expr).toEqual(declared.deploy);
            expect(c.epic.map(e => e.env)).toEqual(declared.epic!.map(e => e.env));
            expectDistance(c.epic[0]!.distance, declared.epic![0]!.distance!, expr);
            expectDistance(c.epic[0]!.distance, epicBrute(room, spec2.base, name)!, expr);
        }
        // The declared Sweeping and Vacuuming are dusty_sweeps and final(bin).
        expect(report.candidates.fitting![1]!.epic).toEqual(report.objectives.find(o => o.name === 'Sweeping')!.epic);
        expect(report.candidates.fitting![3]!.epic).toEqual(report.objectives.find(o => o.name === 'Vacuuming')!.epic);
    });
});

describe('cost', () => {
    test('the boat race: 52 candidates fit, the first 50 get figures, pseudo-aligned first', async () => {
        const report = simulate(await compiled(publishedText('boat-race')), { samples: 5 });
        const fitting = report.candidates.fitting!;
        expect(MAX_FIGURED_CANDIDATES).toBe(50);
        expect(report.candidates.fittingTotal).toBe(52);
        expect(report.candidates.pseudoAligned).toBe(47);
        expect(fitting).toHaveLength(50);
        expect(fitting.map(c => c.verdict)).toEqual([...Array(47).fill('pseudo-aligned'), ...Array(3).fill('robust')]);
        expect(fitting.slice(47).map(c => c.text)).toEqual(['clockwise', 'clockwise - blocked', 'along_here + along_before']);
        // No deployment: distances only.
        expect(fitting.every(c => c.deploy.length === 0 && c.regret === null)).toBe(true);
        expect(fitting.filter(c => c.epic[0]!.distance === 0).map(c => c.text)).toEqual(['clockwise', 'along_here + along_before']);
    }, 60_000);

    test('a budget hit leaves the figures null and says so', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const signal = { cancelled: false };
        const ctx = new Context(spec, new Budget(5_000_000, undefined, signal));
        const arenas = new Map(['Lab', 'LabWithSwitch'].map(l => {
            const env = ctx.env(l), g = ctx.graph(l)!;
            return [l, arena(ctx, env, g, nameValues(env, g, spec.objectives, ['press', 'lamp'], ctx.budget))];
        }));
        const press = { text: 'press', size: 1, aggregate: 'sum' as const, terms: [{ name: 'press', sign: 1 as const }] };
        signal.cancelled = true;
        expect(() => ctx.budget.check()).toThrow();
        const figures = candidateFigures(ctx, [{ candidate: press, robust: false }], () => 3, l => arenas.get(l) ?? null);
        expect(figures).toEqual([{
            text: 'press', bits: 3, verdict: 'pseudo-aligned', epic: [{ env: 'Lab', distance: null }],
            deploy: [{ env: 'LabWithSwitch', lo: null, hi: null, optimum: null, worst: null, normalizedRegret: null }], regret: null,
        }]);
        expect(ctx.incomplete.map(e => e.budget)).toEqual(['cancelled']);
    });
});
