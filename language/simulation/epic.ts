/**
 * EPIC distance (docs/analyses.md, EPIC distance) between each mesa objective and the base
 * objective, per training environment, exactly on its explored graph; the enumerated
 * candidates get theirs through `distanceToBase` (adversarial/figures.ts).
 *
 * With e(s, a) the per-step reward of choice a at state s (undiscounted; a `final`
 * objective's is its value at the last step, 0 before; with chance, the expected reward
 * given the state and the choice), avg(s) = mean of e(s, a) over the choices (0 at the
 * horizon) and m_t = mean of avg over the states of layer t (0 at the horizon), the
 * canonical reward of a transition from s (layer t) by a to s' is
 *
 *     C(s, a, s') = e(s, a) + γ·avg(s') − avg(s) − γ·m_{t+1}
 *
 * (the canonicalisation of docs/analyses.md, with A uniform over the choices, S' from the
 * dynamics and S uniform over the states of s''s layer). Every (state, choice) pair of layers 0..H−1
 * weighs the same, and its successors weigh their probabilities. The distance is
 * √((1 − ρ)/2) for ρ the Pearson correlation of the two canonical rewards, computed as
 * half the root mean square difference of their standardised values (the same number,
 * without the rounding that 1 − ρ suffers near ρ = 1); null when either canonical reward
 * does not vary (its standard deviation at most 1e-9 times the largest |e|).
 */
import type { EpicEntry, ObjectiveReport } from './report.js';
import { rewardsOf, type Context } from './context.js';
import { BudgetExceeded, type Budget } from './errors.js';
import { aggregateOf, stepDivisors } from './identifiability.js';
import type { Rewards, StateGraph } from './state-graph.js';

/** Sets `epic` on every objective: per training environment for a mesa objective, empty for the base one. */
export function addEpic(ctx: Context, objectives: readonly ObjectiveReport[]): void {
    const spec = ctx.spec;
    const labels = [...new Set(spec.train)].filter(l => !ctx.env(l).qualitative);
    for (const o of objectives) {
        o.epic = o.role === 'mesa' ? labels.filter(l => ctx.evaluable(l, o.name) && ctx.evaluable(l, spec.base)).map(env => ({ env, distance: null })) : [];
    }
    if (ctx.budget.stopped) return;
    try {
        for (const label of labels) {
            const g = ctx.graph(label);
            if (!g) continue;
            let base: Canonical | undefined;
            for (const o of objectives) {
                const entry: EpicEntry | undefined = o.epic?.find(e => e.env === label);
                if (!entry) continue;
                base ??= baseCanonical(ctx, g, label);
                entry.distance = distanceToBase(g, base, aggregateOf(spec, o.name), rewardsOf(g, o.name), ctx.budget);
            }
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
    }
}

/** The base objective's canonical rewards on the graph of a training environment. */
export function baseCanonical(ctx: Context, g: StateGraph, label: string): Canonical {
    return canonical(g, ctx.env(label).discount, aggregateOf(ctx.spec, ctx.spec.base), rewardsOf(g, ctx.spec.base), ctx.budget);
}

/**
 * The EPIC distance to the base objective of any objective given by its (discounted)
 * rewards R on g, a declared one's or an enumerated candidate's (adversarial/figures.ts).
 */
export function distanceToBase(g: StateGraph, base: Canonical, aggregate: 'sum' | 'final', R: Rewards, budget: Budget): number | null {
    return epicDistance(g, base, canonical(g, base.gamma, aggregate, R, budget), budget);
}

/** What the canonical reward of one objective needs: per-step rewards, per-state and per-layer means. */
export interface Canonical {
    gamma: number;
    /** The graph's (discounted) rewards, and per layer what they are divided by (stepDivisors; 0: the reward counts as 0). */
    R: Rewards;
    divisor: Float64Array;
    /** avg(s) per state (0 at the horizon). */
    avg: Float64Array;
    /** m_t per layer t = 0..H (m_H = 0). */
    layerMean: Float64Array;
    /** The largest |e|. */
    scale: number;
}

/** e(i) at layer t. */
function rewardAt(x: Canonical, i: number, t: number): number {
    const d = x.divisor[t]!;
    return d === 0 ? 0 : x.R[i]! / d;
}

export function canonical(g: StateGraph, gamma: number, aggregate: 'sum' | 'final', R: Rewards, budget: Budget): Canonical {
    const C = g.nChoices, H = g.horizon;
    const x: Canonical = { gamma, R, divisor: stepDivisors(H, gamma, aggregate), avg: new Float64Array(g.nStates), layerMean: new Float64Array(H + 1), scale: 0 };
    for (let t = 0; t < H; t++) {
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        budget.tick(to - from);
        let layer = 0;
        for (let s = from; s < to; s++) {
            let sum = 0;
            for (let c = 0; c < C; c++) {
                const r = rewardAt(x, s * C + c, t);
                sum += r;
                x.scale = Math.max(x.scale, Math.abs(r));
            }
            x.avg[s] = sum / C;
            layer += x.avg[s]!;
        }
        x.layerMean[t] = layer / (to - from);
    }
    return x;
}

/**
 * A sum over every transition (s, a, s') of its weight (the successor's probability; the
 * uniform 1/N over (state, choice) pairs is applied by the caller) times a function of
 * both canonical rewards there, cx and cy: for `pass` 0, Σ w·cx and Σ w·cy; for 1,
 * Σ w·(cx − mx)² and Σ w·(cy − my)²; for 2, Σ w·((cx − mx)/dx − (cy − my)/dy)² (and 0).
 * One loop with the pass chosen inside, rather than a callback per transition: the sums
 * stay in registers.
 */
function transitionSums(g: StateGraph, x: Canonical, y: Canonical, budget: Budget, pass: 0 | 1 | 2,
    mx = 0, my = 0, dx = 1, dy = 1): [number, number] {
    const C = g.nChoices, H = g.horizon, next = g.next, o = g.outcomes;
    let a = 0, b = 0;
    for (let t = 0; t < H; t++) {
        const from = g.layerStart[t]!, to = g.layerStart[t + 1]!;
        budget.tick(to - from);
        // The part of C(s, a, s') that depends only on (s, a): e(s, a) − avg(s) − γ·m_{t+1}.
        const px = x.gamma * x.layerMean[t + 1]!, py = y.gamma * y.layerMean[t + 1]!;
        for (let s = from; s < to; s++) {
            for (let c = 0; c < C; c++) {
                const i = s * C + c;
                const fx = rewardAt(x, i, t) - x.avg[s]! - px, fy = rewardAt(y, i, t) - y.avg[s]! - py;
                const first = o ? o.start[i]! : 0, end = o ? o.start[i + 1]! : 1;
                for (let j = first; j < end; j++) {
                    const n = o ? o.next[j]! : next[i]!, w = o ? o.p[j]! : 1;
                    const cx = fx + x.gamma * x.avg[n]!, cy = fy + y.gamma * y.avg[n]!;
                    if (pass === 0) { a += w * cx; b += w * cy; }
                    else if (pass === 1) { a += w * (cx - mx) ** 2; b += w * (cy - my) ** 2; }
                    else a += w * ((cx - mx) / dx - (cy - my) / dy) ** 2;
                }
            }
        }
    }
    return [a, b];
}

/** √((1 − ρ)/2) of two objectives' canonical rewards on g; null when either does not vary. */
export function epicDistance(g: StateGraph, x: Canonical, y: Canonical, budget: Budget): number | null {
    const N = g.layerStart[g.horizon]! * g.nChoices;
    if (N === 0) return null;
    const [sx, sy] = transitionSums(g, x, y, budget, 0);
    const mx = sx / N, my = sy / N;
    const [vx, vy] = transitionSums(g, x, y, budget, 1, mx, my);
    const dx = Math.sqrt(vx / N), dy = Math.sqrt(vy / N);
    if (!(dx > 1e-9 * x.scale) || !(dy > 1e-9 * y.scale)) return null;
    const [d2] = transitionSums(g, x, y, budget, 2, mx, my, dx, dy);
    return Math.min(1, Math.sqrt(d2 / N) / 2);
}
