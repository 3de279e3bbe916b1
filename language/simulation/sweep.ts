/**
 * The capability sweep of one optimizer: in each training environment, the base
 * objective's interval under the depth-limited behaviour for depth 1..H (with the
 * optimizer's model, if any), and depth(O): the least depth at which every behaviour
 * attains the optimizer's own objective's optimum in every training environment.
 */
import type { CapabilityCurve } from './report.js';
import { actingIn, depthSeries, liftFromPlan, type Acting, type Planner } from './behaviour.js';
import { rewardsOf, type Context } from './context.js';
import { depthIndependent, evaluate, tolerance, type Mask } from './dp.js';

export interface SweepResult {
    curves: CapabilityCurve[];
    /** Least sufficient depth, or null when no depth attains the own optimum (or it cannot be evaluated). */
    depth: number | null;
    /** True when some training environment could not be explored. */
    incomplete: boolean;
}

/**
 * The depth-limited behaviours for depth 1..H, each with whether it differs from the
 * previous depth's: one depth pass per depth d, over the states with d or more steps
 * left (depth-passes.ts), unless no choice of the plan changes what comes next, where every
 * depth behaves as the ideal planner and the sweep is linear in the graph, not H times
 * it (docs/simulation.md, Capability sweep).
 */
function behaviours(ctx: Context, a: Acting, objective: string, H: number): Iterable<[number, Mask, boolean]> {
    if (!depthIndependent(a.plan, rewardsOf(a.plan, objective))) return depthSeries(ctx, a, objective, H);
    const ideal = liftFromPlan(a, ctx.solve(a.plan, objective).mask);
    return Array.from({ length: H }, (_, i): [number, Mask, boolean] => [i + 1, ideal, i === 0]);
}

export function capabilitySweep(ctx: Context, planner: Planner): SweepResult {
    const spec = ctx.spec;
    const curves: CapabilityCurve[] = [];
    let incomplete = false;
    /** Per training environment, whether depth d (index d − 1) attains the own optimum. */
    const attains: boolean[][] = [];
    let ownKnown = true;
    for (const label of spec.train) {
        const a = ctx.env(label).qualitative ? null : actingIn(ctx, planner, label);
        if (!a) {
            incomplete ||= !ctx.env(label).qualitative;
            curves.push({ env: label, points: [] });
            continue;
        }
        const H = a.env.horizon;
        const Rbase = rewardsOf(a.graph, spec.base);
        const ownHere = a.graph.rewards.get(planner.objective);
        const ownOptimum = ownHere ? ctx.solve(a.env, planner.objective).optimum : NaN;
        if (!ownHere) ownKnown = false;
        const points: CapabilityCurve['points'] = [];
        const ok: boolean[] = [];
        for (const [d, mask, changed] of behaviours(ctx, a, planner.objective, H)) {
            // Depths often share a behaviour (all ties below some depth, the ideal above another).
            if (!changed) {
                points.push({ ...points[points.length - 1]!, depth: d });
                if (ownHere) ok.push(ok[ok.length - 1]!);
                continue;
            }
            const iv = evaluate(a.graph, Rbase, mask, ctx.budget);
            points.push({ depth: d, lo: iv.lo, hi: iv.hi });
            if (ownHere) {
                const own = evaluate(a.graph, ownHere, mask, ctx.budget);
                ok.push(ownOptimum - own.lo <= tolerance(ownOptimum));
            }
        }
        curves.push({ env: label, points });
        attains.push(ok);
    }
    let depth: number | null = null;
    if (ownKnown && !incomplete) {
        const maxH = Math.max(0, ...attains.map(x => x.length));
        for (let d = 1; d <= maxH && depth === null; d++) {
            // Beyond an environment's horizon its behaviour is the one at depth H.
            if (attains.every(x => x[Math.min(d, x.length) - 1] === true)) depth = d;
        }
    }
    return { curves, depth, incomplete };
}
