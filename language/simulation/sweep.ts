/**
 * The capability sweep of one optimizer: in each training environment, the base
 * objective's interval under the depth-limited behaviour for depth 1..H (with the
 * optimizer's model, if any), and depth(O): the least depth at which every behaviour
 * attains the optimizer's own objective's optimum in every training environment.
 */
import type { CapabilityCurve, LearningPathReport } from './report.js';
import { actingIn, depthSeries, liftFromPlan, type Acting, type Planner } from './behaviour.js';
import { rewardsOf, type Context } from './context.js';
import { depthIndependent, evaluate, tolerance, type Mask } from './dp.js';

/** The sweep of one objective's planner in one training environment where it plans in that environment itself. */
export interface SweepJob {
    env: string;
    objective: string;
}

/** One environment's part of a sweep: its curve, and whether each depth attains the objective's own optimum (empty when it cannot be evaluated there). */
export interface EnvSweep {
    points: CapabilityCurve['points'];
    attains: boolean[];
}

/**
 * Sweeps run elsewhere (the CLI's pool; docs/simulation.md, Worker threads), and the
 * learning path after them: the run says which sweeps it will ask for, and whether it will
 * ask for its learning path, before its optimizers are analysed, and takes each when it
 * gets to it, exactly as it would have computed it. The core knows only this interface.
 */
export interface SweepFarm {
    /** The sweeps this run's analyses will ask for, in the order they will, and whether it will ask for its learning path once they are done. */
    start(ctx: Context, jobs: SweepJob[], learningPath: boolean): void;
    /** The sweep of a job, done elsewhere; undefined: compute it here. Throws what the run's budget throws while it waits. */
    take(job: SweepJob): EnvSweep | undefined;
    /** No more sweeps will be asked for in this run. */
    end(): void;
    /** The learning path, computed elsewhere over the same graphs; undefined: compute it here (a budget hit while waiting included). */
    learningPath(): LearningPathReport | null | undefined;
}

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

/**
 * The sweeps an analysis of these planners will ask for, in the order it will: one per
 * training environment and objective of a planner that plans in the environment it acts
 * in, where depth can matter (the others are linear in the graph, or need a product).
 */
export function sweepJobs(ctx: Context, planners: Planner[]): SweepJob[] {
    const jobs: SweepJob[] = [];
    const seen = new Set<string>();
    for (const p of planners) {
        if (p.model !== null || p.models !== undefined) continue;
        for (const label of ctx.spec.train) {
            const key = `${label}\u0000${p.objective}`;
            if (seen.has(key) || ctx.env(label).qualitative) continue;
            seen.add(key);
            const g = ctx.graph(label);
            const R = g?.rewards.get(p.objective);
            if (g && R && !depthIndependent(g, R)) jobs.push({ env: label, objective: p.objective });
        }
    }
    return jobs;
}

/**
 * One training environment's part of the sweep of `objective`'s planner acting as `a`: the
 * base objective's interval under its behaviour at each depth, and whether that behaviour
 * attains the objective's own optimum (nothing when the objective cannot be evaluated there).
 */
export function envSweep(ctx: Context, a: Acting, objective: string): EnvSweep {
    const H = a.env.horizon;
    const Rbase = rewardsOf(a.graph, ctx.spec.base);
    const ownHere = a.graph.rewards.get(objective);
    const ownOptimum = ownHere ? ctx.solve(a.env, objective).optimum : NaN;
    const points: CapabilityCurve['points'] = [];
    const attains: boolean[] = [];
    for (const [d, mask, changed] of behaviours(ctx, a, objective, H)) {
        // Depths often share a behaviour (all ties below some depth, the ideal above another).
        if (!changed) {
            points.push({ ...points[points.length - 1]!, depth: d });
            if (ownHere) attains.push(attains[attains.length - 1]!);
            continue;
        }
        const iv = evaluate(a.graph, Rbase, mask, ctx.budget);
        points.push({ depth: d, lo: iv.lo, hi: iv.hi });
        if (ownHere) {
            const own = evaluate(a.graph, ownHere, mask, ctx.budget);
            attains.push(ownOptimum - own.lo <= tolerance(ownOptimum));
        }
    }
    return { points, attains };
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
        if (!a.graph.rewards.has(planner.objective)) ownKnown = false;
        const done = a.product === null ? ctx.sweeps?.take({ env: label, objective: planner.objective }) : undefined;
        const here = done ?? envSweep(ctx, a, planner.objective);
        curves.push({ env: label, points: here.points });
        attains.push(here.attains);
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
