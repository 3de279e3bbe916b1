/**
 * The reward timing of docs/simulation.md (Trajectory sample): whether the base reward is
 * the mesa reward shifted by a fixed number of steps. Only steps rewarded on either side
 * are compared per shift, so a sparse reward over a long horizon costs its rewarded steps
 * per shift, not the horizon; the answers are those of the definition, step by step,
 * checked against it on random tables (rewards dense and sparse, shifted, near the
 * tolerance, signed zeros).
 */
import { describe, expect, test } from 'vitest';
import { mulberry32, timingOf, type StepTable } from '../../language/simulation/sample.js';

/** The definition, step by step, over per-episode arrays. */
function reference(base: Float64Array[], mesa: Float64Array[]): { differs: boolean; shift: number | null } {
    const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    const differs = base.some((b, e) => b.some((x, t) => !same(x, mesa[e]![t]!)));
    if (!differs || base.length === 0) return { differs, shift: null };
    const H = Math.max(...base.map(b => b.length));
    const shifted = (k: number): boolean => base.every((b, e) =>
        [...b].every((x, t) => t - k >= mesa[e]!.length || same(x, t - k < 0 ? 0 : mesa[e]![t - k]!)));
    for (let k = 1; k < H; k++) {
        if (shifted(k)) return { differs, shift: k };
        if (shifted(-k)) return { differs, shift: -k };
    }
    return { differs, shift: null };
}

function table(episodes: Float64Array[]): StepTable {
    const start = new Int32Array(episodes.length + 1);
    episodes.forEach((e, i) => { start[i + 1] = start[i]! + e.length; });
    const values = new Float64Array(start[episodes.length]!);
    episodes.forEach((e, i) => values.set(e, start[i]!));
    return { values, start };
}

describe('reward timing', () => {
    test('agrees with the definition on 300 random tables', () => {
        const random = mulberry32(7);
        const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
        const outcomes = { same: 0, shifted: 0, neither: 0 };
        for (let run = 0; run < 300; run++) {
            const H = 1 + Math.floor(random() * 12), E = 1 + Math.floor(random() * 4);
            const density = pick([0.05, 0.3, 1]);
            const value = (): number => random() < density ? pick([1, -1, 2.5, 1e-10, -0, 3e-9]) : pick([0, 0, -0]);
            const base = Array.from({ length: E }, () => Float64Array.from({ length: H }, value));
            const shift = pick([0, 1, 2, -1, -3, 5]);
            const mesa = base.map(b => Float64Array.from({ length: H }, (_, t) =>
                random() < 0.1 ? value() : (t + shift >= 0 && t + shift < H ? b[t + shift]! : value())));
            const timing = timingOf(table(base), table(mesa));
            expect(timing, `run ${run}`).toEqual(reference(base, mesa));
            outcomes[!timing.differs ? 'same' : timing.shift !== null ? 'shifted' : 'neither']++;
        }
        // Every outcome is exercised.
        expect(Math.min(outcomes.same, outcomes.shifted, outcomes.neither)).toBeGreaterThan(20);
    });

    test('a final reward over 400 steps reads each step a bounded number of times', () => {
        const H = 400, E = 3;
        const base = Array.from({ length: E }, (_, e) => Float64Array.from({ length: H }, (_, t) => (t === H - 1 ? e + 1 : 0)));
        const mesa = base.map(b => Float64Array.from(b, (x, t) => (t === H - 1 ? x + 1 : 0)));
        let reads = 0;
        const counted = (t: StepTable): StepTable => ({
            start: t.start,
            values: new Proxy(t.values, { get: (target, key) => { if (typeof key === 'string' && /^\d+$/.test(key)) reads++; const v = Reflect.get(target, key) as unknown; return typeof v === 'function' ? v.bind(target) : v; } }),
        });
        expect(timingOf(counted(table(base)), counted(table(mesa)))).toEqual({ differs: true, shift: null });
        // Reading every step per shift would be about 2 × 399 shifts × 1,200 steps: 960,000 reads.
        expect(reads).toBeLessThanOrEqual(10 * E * H);
    });
});
