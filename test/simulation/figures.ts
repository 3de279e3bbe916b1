/**
 * The expected figures of docs/analyses.md (Expected verdicts of the examples), checked against a report; shared by the tests
 * on the hand-built fixtures and on the real examples compiled from examples/*.mesa.
 */
import { expect } from 'vitest';
import type { OptimizerReport, Report } from '../../language/simulation/report.js';

const close = (actual: number | null, expected: number): void => {
    expect(actual).not.toBeNull();
    expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-6);
};

export function optimizer(report: Report, name: string): OptimizerReport {
    const o = report.optimizers.find(x => x.name === name);
    if (!o) throw new Error(`no optimizer ${name}`);
    return o;
}

export function expectInterval(
    o: OptimizerReport, where: 'train' | 'deploy', env: string, lo: number, hi: number, optimum?: number,
): void {
    const i = o[where].find(x => x.env === env);
    expect(i, `${o.name} in ${env}`).toBeDefined();
    close(i!.lo, lo);
    close(i!.hi, hi);
    if (optimum !== undefined) close(i!.optimum, optimum);
}

export function expectRegret(o: OptimizerReport, env: string, regret: number, worst?: number, digits = 3): void {
    const i = o.deploy.find(x => x.env === env)!;
    expect(i.normalizedRegret).not.toBeNull();
    expect(Number(i.normalizedRegret!.toFixed(digits))).toBe(regret);
    if (worst !== undefined) close(i.worst, worst);
}

export function expectVerdict(o: OptimizerReport, verdict: OptimizerReport['verdict'], kind: OptimizerReport['kind']): void {
    expect({ name: o.name, verdict: o.verdict, kind: o.kind }).toEqual({ name: o.name, verdict, kind });
    expect(o.incomplete).toBe(false);
}

/** Every figure of docs/analyses.md for one example. */
export const FIGURES: Record<string, (r: Report) => void> = {
    'button-lamp': r => {
        const pressing = optimizer(r, 'Pressing'), lighting = optimizer(r, 'Lighting');
        expectVerdict(pressing, 'pseudo-aligned', 'side-effect');
        expectInterval(pressing, 'train', 'Lab', 30, 30, 30);
        expectInterval(pressing, 'deploy', 'LabWithSwitch', 30, 30, 40);
        expectRegret(pressing, 'LabWithSwitch', 0.25);
        close(pressing.deploy[0]!.normalizedRegret, 0.25);
        expectVerdict(lighting, 'robust', null);
        expect(lighting.witness).toBeNull();
        expectInterval(lighting, 'deploy', 'LabWithSwitch', 40, 40, 40);
        expect(pressing.depth).toBe(1);
        expect(lighting.depth).toBe(11);
        expect(r.selection.winners).toEqual(['Pressing']);
        const score = (n: string): number | null => r.selection.ranking.find(x => x.name === n)!.score;
        close(score('Pressing'), 29.9);
        close(score('Lighting'), 28.9);
        expect(r.objectives.find(o => o.name === 'Pressing')!.rewardTiming).toEqual({ differs: true, shift: 10 });
    },
    cleaning: r => {
        const sweeping = optimizer(r, 'Sweeping'), vacuuming = optimizer(r, 'Vacuuming');
        expectVerdict(sweeping, 'pseudo-aligned', 'side-effect');
        expectInterval(sweeping, 'train', 'Room', -51, -15, -15);
        expectInterval(sweeping, 'deploy', 'Home', -36, -36, -15);
        expectRegret(sweeping, 'Home', 0.368, -72);
        expectVerdict(vacuuming, 'pseudo-aligned', 'general');
        expect(vacuuming.via).toBe('dusty_sweeps');
        expectInterval(vacuuming, 'train', 'Room', -51, -15);
        expectInterval(vacuuming, 'deploy', 'Home', -51, -15);
    },
    garden: r => {
        const hoarding = optimizer(r, 'Hoarding');
        expectVerdict(hoarding, 'pseudo-aligned', 'instrumental');
        expectInterval(hoarding, 'train', 'Room', 6, 6, 6);
        expectInterval(hoarding, 'deploy', 'Garden', 0, 0, 6);
        expectRegret(hoarding, 'Garden', 1);
        close(hoarding.deploy[0]!.normalizedRegret, 1);
    },
    believer: r => {
        const believer = optimizer(r, 'Believer');
        expectVerdict(believer, 'pseudo-aligned', 'suboptimality');
        expectInterval(believer, 'train', 'Room', -15, -15, -15);
        expect(believer.limits?.cause).toBe('model');
        const unlimited = believer.limits!.unlimited[0]!;
        close(unlimited.lo, -72);
        close(unlimited.hi, -15);
        const minimalism = optimizer(r, 'Minimalism');
        expect(minimalism.implicit).toBe(true);
        expect(minimalism.verdict).toBe('pseudo-aligned');
        expect(minimalism.witness).not.toBeNull();
    },
    shop: r => {
        const novice = optimizer(r, 'Novice');
        expectVerdict(novice, 'pseudo-aligned', 'suboptimality');
        expectInterval(novice, 'train', 'Shop', 12, 12, 12);
        expect(novice.depth).toBe(3);
        const points = novice.sweep.find(c => c.env === 'Shop')!.points;
        expect(points).toHaveLength(12);
        for (const p of points) {
            const [lo, hi] = p.depth <= 4 ? [12, 12] : [-40, -40];
            close(p.lo, lo);
            close(p.hi, hi);
        }
        expect(novice.limits?.cause).toBe('depth');
        expect(novice.limits?.fromDepth).toBe(5);
        expectVerdict(optimizer(r, 'Commission'), 'misaligned', null);
    },
    thermostat: r => {
        const rough = optimizer(r, 'RoughComfort');
        expectVerdict(rough, 'pseudo-aligned', 'approximate');
        expectInterval(rough, 'train', 'Radiator', -6.2, -6.2, -6.2);
        expectInterval(rough, 'deploy', 'Thermostat', -6.2, -6.2, -4.4);
        expectRegret(rough, 'Thermostat', 0.031, -63.2);
        // Same optimal actions at every state of Radiator: the witness can only be in Thermostat.
        expect(rough.witness?.env).toBe('Thermostat');
    },
    evolution: r => {
        const env = r.environments.find(e => e.label === 'Ancestral')!;
        expect(env.simulated).toBe(false);
        expect(env.skipped).toMatch(/qualitative/);
        expect(r.incomplete).toEqual([]);
    },
};
