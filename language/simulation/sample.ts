/**
 * The seeded trajectory sample: per environment, episodes of uniformly random
 * policies and of the behaviours (the base optimum and every optimizer), each
 * choosing uniformly among its allowed actions; per mesa objective, the (base, mesa)
 * returns and their Spearman rank correlation. Also the per-step reward timing of
 * each mesa objective against the base objective on the training samples.
 *
 * Where the environment draws, the same generator draws the initial state and each
 * step's outcome; a step's reward is then its expected reward given the state and the
 * choice (docs/simulation.md, Chance). Where it never draws, the generator is called
 * exactly as without chance.
 */
import type { RewardTiming, SamplePair, SampleReport } from './report.js';
import type { Mask } from './dp.js';
import type { Rewards, StateGraph } from './state-graph.js';

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
    // Indices sorted by value (an index array, not an object per value: samples can be large).
    const order = Array.from(xs, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b);
    const out = new Array<number>(xs.length);
    for (let i = 0; i < order.length;) {
        let j = i;
        while (j + 1 < order.length && xs[order[j + 1]!] === xs[order[i]!]) j++;
        const avg = (i + j) / 2 + 1;
        for (let k = i; k <= j; k++) out[order[k]!] = avg;
        i = j + 1;
    }
    return out;
}

/** Spearman's rank correlation (Pearson on average ranks); null when either side is constant or n < 2. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
    const n = xs.length;
    if (n < 2 || ys.length !== n) return null;
    return rankCorrelation(ranks(xs), ranks(ys));
}

/** Pearson's correlation of two rankings of 1..n (n ≥ 2); null when either is constant. */
function rankCorrelation(rx: readonly number[], ry: readonly number[]): number | null {
    const n = rx.length;
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

/** One sampled episode: the graph it ran on, the transition (state × choices + choice) it took at each step and the states it went through (t = 0..H). */
export interface Episode { graph: StateGraph; transitions: Int32Array; states: Int32Array }

/** The index drawn from probabilities p[from .. to) (summing to 1) by a uniform u in [0, 1). */
function drawIndex(p: Float64Array, from: number, to: number, u: number): number {
    let k = from;
    for (let acc = p[k]!; u >= acc && k + 1 < to; acc += p[k]!) k++;
    return k;
}

export interface Episodes {
    report: SampleReport;
    /**
     * Every episode, in order. Per-step rewards are read back from them (`stepTable`)
     * one objective at a time, not kept per objective and episode: with many objectives
     * that would be objectives × episodes arrays (docs/simulation.md, Trajectory sample).
     */
    episodes: Episode[];
}

/**
 * Samples episodes of every policy; `objectives` are the base then the mesa objectives
 * evaluable here. `spend` is charged in proportion to each episode's work (steps ×
 * objectives), so a budget can stop a large sample (docs/simulation.md, Budgets).
 */
export function sampleEnvironment(
    label: string, policies: SamplePolicy[], base: string, mesa: string[], discount: number, random: () => number,
    spend: (units: number) => void = () => undefined,
): Episodes {
    const names = [base, ...mesa];
    const returns = names.map(() => [] as number[]);
    const episodes: Episode[] = [];
    const used: string[] = [];
    const totals = new Float64Array(names.length);
    for (const p of policies) {
        const g = p.graph, C = g.nChoices, H = g.horizon;
        const R = names.map(n => g.rewards.get(n)!);
        for (let e = 0; e < p.episodes; e++) {
            spend(H * (names.length + C));
            used.push(p.name);
            totals.fill(0);
            const transitions = new Int32Array(H), states = new Int32Array(H + 1);
            const o = g.outcomes;
            let s = g.start ? drawIndex(g.start, 0, g.start.length, random()) : 0;
            states[0] = s;
            for (let t = 0; t < H; t++) {
                let allowed = C;
                if (p.mask) { allowed = 0; for (let c = 0; c < C; c++) allowed += p.mask[s * C + c]!; }
                let pick = Math.floor(random() * allowed);
                let choice = 0;
                for (let c = 0; c < C; c++) {
                    if (p.mask && p.mask[s * C + c] === 0) continue;
                    if (pick-- === 0) { choice = c; break; }
                }
                const tr = s * C + choice;
                transitions[t] = tr;
                for (let i = 0; i < names.length; i++) totals[i] += R[i]![tr]!;
                s = o ? o.next[drawIndex(o.p, o.start[tr]!, o.start[tr + 1]!, random())]! : g.next[tr]!;
                states[t + 1] = s;
            }
            // Summed forward, finite rewards may overflow where the core's backward sum does not
            // (1e308 + 1e308 − 1e308): then sum backward, as the dynamic programming does.
            for (let i = 0; i < names.length; i++) {
                const v = totals[i]!;
                returns[i]!.push(Number.isFinite(v) ? v : backwardSum(R[i]!, transitions));
            }
            episodes.push({ graph: g, transitions, states });
        }
    }
    // The base returns are ranked once for every pair.
    const n = returns[0]!.length;
    const baseRanks = n >= 2 ? ranks(returns[0]!) : [];
    const pairs: SamplePair[] = mesa.map((m, i) => ({
        base,
        mesa: m,
        baseReturns: returns[0]!,
        mesaReturns: returns[i + 1]!,
        spearman: n >= 2 && returns[i + 1]!.length === n ? rankCorrelation(baseRanks, ranks(returns[i + 1]!)) : null,
    }));
    return { report: { env: label, episodes: used.length, policies: used, pairs }, episodes };
}

/** An episode's (discounted) rewards summed from the last step back, r_1 + (r_2 + (… + r_H)): the core's order. */
function backwardSum(R: Rewards, transitions: Int32Array): number {
    let total = 0;
    for (let t = transitions.length - 1; t >= 0; t--) total = R[transitions[t]!]! + total;
    return total;
}

/** Per-step rewards of many episodes in one array: episode e's are values[start[e] .. start[e + 1]). */
export interface StepTable { values: Float64Array; start: Int32Array }

/** An objective's per-step rewards without the discount, over the episodes of several runs, in order. */
export function stepTable(runs: readonly { episodes: readonly Episode[]; discount: number }[], objective: string): StepTable {
    let steps = 0, count = 0;
    for (const run of runs) for (const e of run.episodes) { steps += e.transitions.length; count++; }
    const values = new Float64Array(steps), start = new Int32Array(count + 1);
    let at = 0, k = 0;
    for (const { episodes, discount } of runs) {
        for (const { graph, transitions } of episodes) {
            const R = graph.rewards.get(objective)!;
            start[k++] = at;
            for (let t = 0; t < transitions.length; t++) {
                const gt = Math.pow(discount, t);
                const r = R[transitions[t]!]!;
                values[at++] = gt > 0 ? r / gt : r;
            }
        }
    }
    start[k] = at;
    return { values, start };
}

const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** How a mesa objective's per-step rewards relate to the base's on sampled episodes (same order in both). */
export function rewardTiming(base: Float64Array[], mesa: Float64Array[], spend: (units: number) => void = () => undefined): RewardTiming {
    const table = (episodes: Float64Array[]): StepTable => {
        const start = new Int32Array(episodes.length + 1);
        episodes.forEach((e, i) => { start[i + 1] = start[i]! + e.length; });
        const values = new Float64Array(start[episodes.length]!);
        episodes.forEach((e, i) => values.set(e, start[i]!));
        return { values, start };
    };
    return timingOf(table(base), table(mesa), spend);
}

/**
 * `rewardTiming` on step tables of the same episodes. `spend` is charged for each
 * comparison of all episodes, so a budget can stop a search for a shift over a long
 * horizon (docs/simulation.md, Budgets).
 */
export function timingOf(base: StepTable, mesa: StepTable, spend: (units: number) => void = () => undefined): RewardTiming {
    const E = base.start.length - 1, b = base.values, m = mesa.values;
    const steps = b.length;
    spend(steps);
    let differs = false, H = 0;
    for (let e = 0; e < E; e++) {
        const from = base.start[e]!, to = base.start[e + 1]!, mFrom = mesa.start[e]!, mn = mesa.start[e + 1]! - mFrom;
        H = Math.max(H, to - from);
        for (let t = from; t < to && !differs; t++) if (t - from >= mn || !same(b[t]!, m[mFrom + t - from]!)) differs = true;
    }
    if (!differs || E === 0) return { differs, shift: null };
    // Where both sides are exactly 0 they agree at every shift, so only the steps with a
    // reward on either side are compared: a sparse reward (a `final`, say) costs its
    // rewarded steps per shift, not the horizon.
    const nzB = rewarded(base), nzM = rewarded(mesa);
    const shifted = (k: number): boolean => {
        for (let e = 0; e < E; e++) {
            const from = base.start[e]!, n = base.start[e + 1]! - from;
            const mFrom = mesa.start[e]!, mn = mesa.start[e + 1]! - mFrom;
            const agrees = (t: number): boolean => {
                const u = t - k;
                return u >= mn || same(b[from + t]!, u < 0 ? 0 : m[mFrom + u]!);
            };
            for (let i = nzB.start[e]!; i < nzB.start[e + 1]!; i++) if (!agrees(nzB.steps[i]!)) return false;
            for (let i = nzM.start[e]!; i < nzM.start[e + 1]!; i++) {
                const t = nzM.steps[i]! + k;
                if (t >= 0 && t < n && !agrees(t)) return false;
            }
        }
        return true;
    };
    for (let k = 1; k < H; k++) {
        spend(2 * (nzB.steps.length + nzM.steps.length) + E);
        if (shifted(k)) return { differs, shift: k };
        if (shifted(-k)) return { differs, shift: -k };
    }
    return { differs, shift: null };
}

/** Per episode of a step table, the steps (from 0) whose value is not exactly 0: episode e's are steps[start[e] .. start[e + 1]). */
function rewarded(table: StepTable): { steps: Int32Array; start: Int32Array } {
    const E = table.start.length - 1;
    let count = 0;
    for (let i = 0; i < table.values.length; i++) if (table.values[i] !== 0) count++;
    const steps = new Int32Array(count), start = new Int32Array(E + 1);
    let k = 0;
    for (let e = 0; e < E; e++) {
        start[e] = k;
        for (let i = table.start[e]!; i < table.start[e + 1]!; i++) if (table.values[i] !== 0) steps[k++] = i - table.start[e]!;
    }
    start[E] = k;
    return { steps, start };
}
