/**
 * The seeded trajectory sample: per environment, episodes of uniformly random
 * policies and of the behaviours (the base optimum and every optimizer), each
 * choosing uniformly among its allowed actions; per mesa objective, the (base, mesa)
 * returns and their Spearman rank correlation. Also the per-step reward timing of
 * each mesa objective against the base objective on the training samples.
 */
import type { RewardTiming, SamplePair, SampleReport } from './report.js';
import type { Mask } from './dp.js';
import type { StateGraph } from './state-graph.js';

/** mulberry32: a small, fast, seedable PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Ranks 1..n, ties given their average rank. */
export function ranks(xs: readonly number[]): number[] {
    const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
    const out = new Array<number>(xs.length);
    for (let i = 0; i < order.length;) {
        let j = i;
        while (j + 1 < order.length && order[j + 1]!.x === order[i]!.x) j++;
        const avg = (i + j) / 2 + 1;
        for (let k = i; k <= j; k++) out[order[k]!.i] = avg;
        i = j + 1;
    }
    return out;
}

/** Spearman's rank correlation (Pearson on average ranks); null when either side is constant or n < 2. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
    const n = xs.length;
    if (n < 2 || ys.length !== n) return null;
    const rx = ranks(xs), ry = ranks(ys);
    const mean = (n + 1) / 2;
    let sxy = 0, sxx = 0, syy = 0;
    for (let i = 0; i < n; i++) {
        const dx = rx[i]! - mean, dy = ry[i]! - mean;
        sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
    }
    if (sxx === 0 || syy === 0) return null;
    return sxy / Math.sqrt(sxx * syy);
}

/** A behaviour to sample: the graph it acts on and its allowed choices (undefined: uniformly random). */
export interface SamplePolicy { name: string; graph: StateGraph; mask?: Mask; episodes: number }

export interface Episodes {
    report: SampleReport;
    /** Per objective, per episode, the per-step (undiscounted) rewards. */
    steps: Map<string, Float64Array[]>;
}

/** Samples episodes of every policy; `objectives` are the base then the mesa objectives evaluable here. */
export function sampleEnvironment(
    label: string, policies: SamplePolicy[], base: string, mesa: string[], discount: number, random: () => number,
): Episodes {
    const names = [base, ...mesa];
    const returns = names.map(() => [] as number[]);
    const steps = new Map<string, Float64Array[]>(names.map(n => [n, []]));
    const used: string[] = [];
    for (const p of policies) {
        const g = p.graph, C = g.nChoices, H = g.horizon;
        const R = names.map(n => g.rewards.get(n)!);
        for (let e = 0; e < p.episodes; e++) {
            used.push(p.name);
            const totals = names.map(() => 0);
            const perStep = names.map(() => new Float64Array(H));
            let s = 0;
            for (let t = 0; t < H; t++) {
                let allowed = C;
                if (p.mask) { allowed = 0; for (let c = 0; c < C; c++) allowed += p.mask[s * C + c]!; }
                let pick = Math.floor(random() * allowed);
                let choice = 0;
                for (let c = 0; c < C; c++) {
                    if (p.mask && p.mask[s * C + c] === 0) continue;
                    if (pick-- === 0) { choice = c; break; }
                }
                const gt = Math.pow(discount, t);
                for (let i = 0; i < names.length; i++) {
                    const r = R[i]![s * C + choice]!;
                    totals[i] += r;
                    perStep[i]![t] = gt > 0 ? r / gt : r;
                }
                s = g.next[s * C + choice]!;
            }
            totals.forEach((v, i) => returns[i]!.push(v));
            perStep.forEach((v, i) => steps.get(names[i]!)!.push(v));
        }
    }
    const pairs: SamplePair[] = mesa.map((m, i) => ({
        base,
        mesa: m,
        baseReturns: returns[0]!,
        mesaReturns: returns[i + 1]!,
        spearman: spearman(returns[0]!, returns[i + 1]!),
    }));
    return { report: { env: label, episodes: used.length, policies: used, pairs }, steps };
}

const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** How a mesa objective's per-step rewards relate to the base's on sampled episodes (same order in both). */
export function rewardTiming(base: Float64Array[], mesa: Float64Array[]): RewardTiming {
    const differs = base.some((b, e) => b.some((x, t) => !same(x, mesa[e]![t]!)));
    if (!differs || base.length === 0) return { differs, shift: null };
    const H = Math.max(...base.map(b => b.length));
    const shifted = (k: number): boolean => base.every((b, e) => {
        const m = mesa[e]!;
        for (let t = 0; t < b.length; t++) {
            const u = t - k;
            if (u >= m.length) continue;
            if (!same(b[t]!, u < 0 ? 0 : m[u]!)) return false;
        }
        return true;
    });
    for (let k = 1; k < H; k++) {
        if (shifted(k)) return { differs, shift: k };
        if (shifted(-k)) return { differs, shift: -k };
    }
    return { differs, shift: null };
}
