/**
 * The analysis of one optimizer (declared, or the implicit ideal optimizer of a mesa
 * objective): base intervals in every training and deployment environment, the
 * comparison of its behaviour with the base objective's optimal behaviour at every
 * reachable state, and the inputs of its verdict (see verdict.ts).
 */
import type { DeployInterval, TrainInterval } from './report.js';
import { actingIn, behaviour, liftFromTruth, firstDifference, type Acting, type Planner } from './behaviour.js';
import { rewardsOf, type Context } from './context.js';
import { evaluate, reachableUnder, tolerance, type Mask } from './dp.js';
import { modelIn } from '../model/models.js';

/** A behaviour evaluated in one environment. */
export interface EnvResult {
    label: string;
    a: Acting;
    mask: Mask;
    baseMask: Mask;
    lo: number;
    hi: number;
    optimum: number;
    worst: number;
    /** States reachable under the behaviour. */
    onPolicy: Uint8Array;
    /** First state where the behaviour and the base optimum differ: on its policy, then anywhere; −1 if none. */
    diffOnPolicy: number;
    diffAnywhere: number;
}

/** What the report's intervals read of a behaviour's evaluation (candidates give only this: adversarial/figures.ts). */
type Interval = Pick<EnvResult, 'lo' | 'hi' | 'optimum' | 'worst'>;

/** Evaluates a planner in one environment; null when it is qualitative or a state budget kept it from being explored. */
export function evaluateIn(ctx: Context, planner: Planner, label: string): EnvResult | null {
    const base = ctx.spec.base;
    if (ctx.env(label).qualitative) return null;
    ctx.requireEvaluable(label, base);
    const planIn = modelIn(planner, label);
    if (planIn === null || planIn === label) ctx.requireEvaluable(label, planner.objective);
    const a = actingIn(ctx, planner, label);
    if (!a) return null;
    const solved = ctx.solve(a.env, base);
    const mask = behaviour(ctx, a, planner);
    const baseMask = liftFromTruth(a, solved.mask);
    const iv = evaluate(a.graph, rewardsOf(a.graph, base), mask, ctx.budget);
    const onPolicy = reachableUnder(a.graph, mask);
    return {
        label, a, mask, baseMask,
        lo: iv.lo, hi: iv.hi, optimum: solved.optimum, worst: solved.worst,
        onPolicy,
        diffOnPolicy: firstDifference(a.graph, mask, baseMask, onPolicy),
        diffAnywhere: firstDifference(a.graph, mask, baseMask),
    };
}

export function trainInterval(label: string, r: Interval | null): TrainInterval {
    return r
        ? { env: label, lo: r.lo, hi: r.hi, optimum: r.optimum, worst: r.worst }
        : { env: label, lo: null, hi: null, optimum: null, worst: null };
}

export function deployInterval(label: string, r: Interval | null): DeployInterval {
    if (!r) return { ...trainInterval(label, r), normalizedRegret: null };
    // Differences within the tie tolerance are ties (docs/simulation.md, Intervals and regret).
    const span = r.optimum - r.worst, regret = r.optimum - r.lo, tie = tolerance(r.optimum);
    const normalizedRegret = span > tie && regret > tie ? Math.min(1, regret / span) : 0;
    return { ...trainInterval(label, r), normalizedRegret };
}

/** Evaluates a planner in the training environments, then the deployment ones (each label once). */
export function evaluateAll(ctx: Context, planner: Planner): Map<string, EnvResult | null> {
    const out = new Map<string, EnvResult | null>();
    for (const label of [...ctx.spec.train, ...ctx.spec.deploy]) {
        if (!out.has(label)) out.set(label, evaluateIn(ctx, planner, label));
    }
    return out;
}
