/**
 * Identifiability by data source (docs/analyses.md, Identifiability by data source): for
 * each optimizer that fits training, which kinds of training data would tell its
 * objective from the base objective, computed exactly on the explored graphs of the
 * training environments of positive weight.
 *
 * - behaviour: at some reachable state it allows a choice the base objective's optimum
 *   does not;
 * - returns: no positive affine map M = a·B + b (a > 0) holds between the two objectives'
 *   episode returns over every trajectory any policy can produce, every outcome of
 *   positive probability included. There may be exponentially many trajectories, so the
 *   map is found from the trajectories of greatest and least base return, then checked on
 *   all of them at once: the greatest and least of M − a·B over all trajectories are two
 *   backward passes, and the map holds iff both equal b;
 * - rewards: the same over the per-step rewards of every reachable transition.
 *
 * A transition's reward is the graph's, the expected reward given the state and the choice
 * (docs/simulation.md, Chance); per-step rewards are undiscounted (a `final` objective's is
 * its value at the last step, 0 before), returns discounted as the objective says.
 */
import type { CompiledSpec } from '../model/spec.js';
import type { Analysed } from './analyse.js';
import { rewardsOf, type Context } from './context.js';
import { tolerance } from './dp.js';
import { BudgetExceeded, type Budget } from './errors.js';
import type { EnvResult } from './optimizer.js';
import type { EnvGraph, Rewards, StateGraph } from './state-graph.js';

/** The training environments that give data: each label of positive weight, once. */
export function dataEnvironments(spec: CompiledSpec): string[] {
    return [...new Set(spec.train.filter((_, i) => (spec.weights.train[i] ?? 1) > 0))];
}

/**
 * Sets `distinguishedBy` on every optimizer: figures for those whose verdict is robust or
 * pseudo-aligned, null for the others. A budget hit records it and leaves the rest null.
 */
export function addIdentifiability(ctx: Context, analysed: readonly Analysed[]): void {
    for (const a of analysed) a.report.distinguishedBy = null;
    if (ctx.budget.stopped) return;
    const labels = dataEnvironments(ctx.spec);
    const byObjective = new Map<string, { returns: boolean; rewards: boolean } | null>();
    try {
        for (const a of analysed) {
            const o = a.report;
            if ((o.verdict !== 'robust' && o.verdict !== 'pseudo-aligned') || o.incomplete) continue;
            const results = labels.map(l => a.results.get(l) ?? null);
            if (results.some(r => r === null)) continue;
            if (!byObjective.has(o.objective)) byObjective.set(o.objective, compareObjectives(ctx, labels, o.objective));
            const data = byObjective.get(o.objective);
            if (!data) continue;
            o.distinguishedBy = { behaviour: results.some(r => fallsShort(r!, ctx.budget)), ...data };
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        for (const a of analysed) a.report.distinguishedBy = null;
    }
}

/** Whether a behaviour allows, at some state, a choice the base optimum does not. */
function fallsShort(r: EnvResult, budget: Budget): boolean {
    const g = r.a.graph, n = g.layerStart[g.horizon]! * g.nChoices;
    budget.spend(n);
    for (let i = 0; i < n; i++) if (r.mask[i] === 1 && r.baseMask[i] === 0) return true;
    return false;
}

/** Returns and rewards of an objective against the base objective; null when a graph is missing. */
function compareObjectives(ctx: Context, labels: string[], objective: string): { returns: boolean; rewards: boolean } | null {
    const spec = ctx.spec;
    const graphs: EnvGraph[] = [];
    for (const l of labels) {
        const g = ctx.graph(l);
        if (!g) return null;
        graphs.push(g);
    }
    const aggregate = (name: string) => aggregateOf(spec, name);
    const pairs = graphs.map(g => ({ g, B: rewardsOf(g, spec.base), M: rewardsOf(g, objective) }));
    const returns = !affine(pairs.map(({ g, B, M }) => ({
        extremes: (k: number, X: 'B' | 'M') => pathExtremes(g, X === 'B' ? B : M, k, X === 'B' ? M : B, ctx.budget),
    })));
    const rewards = !affine(pairs.map(({ g, B, M }) => {
        const discount = ctx.env(g.label).discount;
        const wB = stepDivisors(g.horizon, discount, aggregate(spec.base)), wM = stepDivisors(g.horizon, discount, aggregate(objective));
        return {
            extremes: (k: number, X: 'B' | 'M') => X === 'B'
                ? stepExtremes(g, B, wB, k, M, wM, ctx.budget)
                : stepExtremes(g, M, wM, k, B, wB, ctx.budget),
        };
    }));
    return { returns, rewards };
}

/**
 * How an objective aggregates: a declared one as declared; an objective an optimizer with a
 * range learned is named by its text (docs/analyses.md, Algorithmic range), `final(...)` or a sum.
 */
export function aggregateOf(spec: CompiledSpec, name: string): 'sum' | 'final' {
    return spec.objectives.find(o => o.name === name)?.aggregate ?? (/^final\(.*\)$/.test(name) ? 'final' : 'sum');
}

/**
 * Over a collection (of trajectories or of transitions), the greatest and least of the sum of
 * X + k·Y, and the sum of Y along one element attaining each.
 */
export interface Extremes { max: number; min: number; atMax: number; atMin: number }

/** One part of a collection (one environment's), queried by which series is X ('B' or 'M', the other is Y). */
interface Part { extremes: (k: number, X: 'B' | 'M') => Extremes }

function merge(parts: Extremes[]): Extremes {
    let out: Extremes = { max: -Infinity, min: Infinity, atMax: 0, atMin: 0 };
    for (const p of parts) {
        if (p.max > out.max) out = { ...out, max: p.max, atMax: p.atMax };
        if (p.min < out.min) out = { ...out, min: p.min, atMin: p.atMin };
    }
    return out;
}

/** Whether some M = a·B + b with a > 0 holds on every element of the collection (within the tie tolerance). */
export function affine(parts: readonly Part[]): boolean {
    const b = merge(parts.map(p => p.extremes(0, 'B')));
    const scaleB = Math.max(Math.abs(b.max), Math.abs(b.min));
    if (b.max - b.min <= tolerance(scaleB)) {
        // B is constant: so must M be (a map with a > 0 cannot undo a spread).
        const m = merge(parts.map(p => p.extremes(0, 'M')));
        return m.max - m.min <= tolerance(Math.max(Math.abs(m.max), Math.abs(m.min)));
    }
    const rise = b.atMax - b.atMin;
    if (!(rise > tolerance(Math.max(Math.abs(b.atMax), Math.abs(b.atMin))))) return false;
    const a = rise / (b.max - b.min), shift = b.atMax - a * b.max;
    const d = merge(parts.map(p => p.extremes(-a, 'M')));
    const scale = Math.max(Math.abs(b.atMax), Math.abs(b.atMin), a * scaleB, Math.abs(d.max), Math.abs(d.min));
    const tol = tolerance(scale);
    return d.max - shift <= tol && shift - d.min <= tol;
}

/**
 * Over every trajectory of g from any initial state, through every choice and every outcome
 * of positive probability: the greatest and least return of X + k·Y, with Y's return along
 * one trajectory attaining each. Two backward passes in one.
 */
export function pathExtremes(g: StateGraph, X: Rewards, k: number, Y: Rewards, budget: Budget): Extremes {
    const C = g.nChoices, H = g.horizon, next = g.next, o = g.outcomes, L = g.layerStart;
    // Layer t reads only layer t + 1: two layers of values (even and odd t), not one per state.
    let widest = 0;
    for (let t = 0; t <= H; t++) widest = Math.max(widest, L[t + 1]! - L[t]!);
    const buffers = [0, 1].map(() => ({
        hi: new Float64Array(widest), lo: new Float64Array(widest), yHi: new Float64Array(widest), yLo: new Float64Array(widest),
    }));
    for (let t = H - 1; t >= 0; t--) {
        budget.tick(L[t + 1]! - L[t]!);
        const here = buffers[t & 1]!, later = buffers[(t + 1) & 1]!, base = L[t + 1]!;
        // The last layer's states end the episode: their values are 0.
        if (t === H - 1) { later.hi.fill(0); later.lo.fill(0); later.yHi.fill(0); later.yLo.fill(0); }
        const { hi, lo, yHi, yLo } = later;
        for (let s = L[t]!, end = L[t + 1]!; s < end; s++) {
            let h = -Infinity, l = Infinity, yh = 0, yl = 0;
            for (let c = 0; c < C; c++) {
                const i = s * C + c, x = X[i]! + k * Y[i]!, y = Y[i]!;
                const first = o ? o.start[i]! : 0, last = o ? o.start[i + 1]! : 1;
                for (let j = first; j < last; j++) {
                    const n = (o ? o.next[j]! : next[i]!) - base;
                    if (x + hi[n]! > h) { h = x + hi[n]!; yh = y + yHi[n]!; }
                    if (x + lo[n]! < l) { l = x + lo[n]!; yl = y + yLo[n]!; }
                }
            }
            const at = s - L[t]!;
            here.hi[at] = h; here.lo[at] = l; here.yHi[at] = yh; here.yLo[at] = yl;
        }
    }
    const out: Extremes = { max: -Infinity, min: Infinity, atMax: 0, atMin: 0 };
    const first = H === 0 ? { hi: new Float64Array(L[1]!), lo: new Float64Array(L[1]!), yHi: new Float64Array(L[1]!), yLo: new Float64Array(L[1]!) } : buffers[0]!;
    for (let s = 0; s < L[1]!; s++) {
        if (first.hi[s]! > out.max) { out.max = first.hi[s]!; out.atMax = first.yHi[s]!; }
        if (first.lo[s]! < out.min) { out.min = first.lo[s]!; out.atMin = first.yLo[s]!; }
    }
    return out;
}

/**
 * Per layer t, what an objective's reward is divided by to give its undiscounted per-step
 * reward: γ^t for a summed objective (explore.ts discounts by Math.pow(γ, t)), 1 for a
 * `final` one. 0 where γ^t underflows to 0: such a step's reward is 0 whatever it was, so it
 * carries no data and is left out.
 */
export function stepDivisors(horizon: number, discount: number, aggregate: 'sum' | 'final'): Float64Array {
    const w = new Float64Array(horizon);
    for (let t = 0; t < horizon; t++) w[t] = aggregate === 'final' || discount === 1 ? 1 : Math.pow(discount, t);
    return w;
}

/**
 * Over every transition of g: the greatest and least of x + k·y for the per-step rewards
 * x = X / wx and y = Y / wy, with y at one transition attaining each.
 */
function stepExtremes(g: StateGraph, X: Rewards, wx: Float64Array, k: number, Y: Rewards, wy: Float64Array,
    budget: Budget): Extremes {
    const C = g.nChoices;
    const out: Extremes = { max: -Infinity, min: Infinity, atMax: 0, atMin: 0 };
    for (let t = 0; t < g.horizon; t++) {
        const from = g.layerStart[t]! * C, to = g.layerStart[t + 1]! * C;
        budget.spend(to - from);
        const dx = wx[t]!, dy = wy[t]!;
        if (dx === 0 || dy === 0) continue;
        for (let i = from; i < to; i++) {
            const y = Y[i]! / dy, x = X[i]! / dx + k * y;
            if (x > out.max) { out.max = x; out.atMax = y; }
            if (x < out.min) { out.min = x; out.atMin = y; }
        }
    }
    return out;
}

/** The kinds of data, as sentences name them. */
const KINDS = [['behaviour', 'behaviour'], ['returns', 'returns'], ['rewards', 'per-step rewards']] as const;

/**
 * What `distinguishedBy` says, in one sentence: "Behaviour cannot tell them apart; returns and
 * per-step rewards can." (docs/analyses.md, Identifiability by data source).
 */
export function distinguishedSentence(d: { behaviour: boolean; returns: boolean; rewards: boolean }): string {
    const join = (words: string[]): string => words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
    const can = KINDS.filter(([k]) => d[k]).map(([, w]) => w), cannot = KINDS.filter(([k]) => !d[k]).map(([, w]) => w);
    const upper = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
    if (cannot.length === 0) return 'Behaviour, returns and per-step rewards can each tell them apart.';
    if (can.length === 0) return 'Neither behaviour, returns nor per-step rewards can tell them apart in training.';
    return `${upper(join(cannot))} cannot tell them apart; ${join(can)} can.`;
}
