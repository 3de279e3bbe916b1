/**
 * Behaviours of planners as sets of allowed choices: the ideal optimizer (exact DP
 * over the whole horizon), the depth-limited one (exact over the next d steps,
 * the current one included) and the model-mismatched one (plans in its model and
 * acts in the true environment, at the corresponding product state). Masks are
 * computed on the planning graph and lifted to the acting graph.
 */
import { SimulationError } from './errors.js';
import { depthIndependent, sameMask, type Mask } from './dp.js';
import { DepthPasses } from './depth-passes.js';
import { rewardsOf, type Context } from './context.js';
import { planning } from './finite.js';
import { draws, type EnvGraph, type ProductGraph, type StateGraph } from './state-graph.js';
import type { SourceLocation } from '../model/spec.js';
import { modelIn } from '../model/models.js';

/** An optimizer's planning parameters. */
export interface Planner {
    name: string;
    objective: string;
    /** Environment it plans in; null: the environment it acts in. See `models`. */
    model: string | null;
    /** Per acting environment, the label of the model it plans in there, when that differs between them. */
    models?: Record<string, string>;
    /** Planning depth; null: the whole horizon. */
    depth: number | null;
    location?: SourceLocation;
}

/** Where a planner acts: the graph its behaviour is evaluated on, and the graph it plans on. */
export interface Acting {
    env: EnvGraph;
    graph: StateGraph;
    plan: EnvGraph;
    product: ProductGraph | null;
}

/** A planner that plans in the environment it acts in: one graph for both. */
export function actingItself(env: EnvGraph): Acting {
    return { env, graph: env, plan: env, product: null };
}

/** The acting setup of a planner in an environment, or null when a state budget was hit. */
export function actingIn(ctx: Context, planner: Planner, label: string): Acting | null {
    const env = ctx.graph(label);
    if (!env) return null;
    const planIn = modelIn(planner, label);
    if (planIn === null || planIn === label) return actingItself(env);
    const truth = ctx.env(label), model = ctx.env(planIn);
    const extra = model.actions.filter(a => !truth.actions.includes(a));
    if (extra.length > 0) {
        throw new SimulationError(
            `optimizer ${planner.name}'s model ${model.label} has action ${extra.join(', ')}, which ${label} lacks`,
            planner.location);
    }
    ctx.requireEvaluable(planIn, planner.objective);
    // Its state follows from the action history only if the model never draws (docs/simulation.md, Chance).
    const planned = ctx.graph(planIn);
    if (planned && draws(planned)) {
        throw new SimulationError(`optimizer ${planner.name}'s model ${model.label} draws: a model environment may not draw`, planner.location);
    }
    const product = ctx.product(label, planIn, planner.name);
    if (!product) return null;
    return { env, graph: product, plan: product.model, product };
}

/** Lifts a mask of the planning graph to the acting graph. */
export function liftFromPlan(a: Acting, mask: Mask): Mask {
    const p = a.product;
    if (!p) return mask;
    const C = p.nChoices, MC = p.model.nChoices, inner = p.layerStart[p.horizon]!;
    const out = new Uint8Array(inner * C);
    for (let s = 0; s < inner; s++) {
        const m = p.modelIndex[s]! * MC;
        for (let c = 0; c < C; c++) {
            const mc = p.modelChoice[c]!;
            if (mc >= 0) out[s * C + c] = mask[m + mc]!;
        }
    }
    return out;
}

/** Lifts a mask of the true environment's graph to the acting graph. */
export function liftFromTruth(a: Acting, mask: Mask): Mask {
    const p = a.product;
    if (!p) return mask;
    const C = p.nChoices, inner = p.layerStart[p.horizon]!;
    const out = new Uint8Array(inner * C);
    for (let s = 0; s < inner; s++) {
        const t = p.trueIndex[s]! * C;
        for (let c = 0; c < C; c++) out[s * C + c] = mask[t + c]!;
    }
    return out;
}

/** The planner's behaviour on the acting graph (depth `depth`, or its own). */
export function behaviour(ctx: Context, a: Acting, planner: Planner, depth: number | null = planner.depth): Mask {
    if (depth === null || depth >= a.plan.horizon) return liftFromPlan(a, ctx.solve(a.plan, planner.objective).mask);
    const R = rewardsOf(a.plan, planner.objective);
    // Where no choice changes what comes next, depth cannot matter (docs/simulation.md, Capability sweep).
    if (depthIndependent(a.plan, R)) return liftFromPlan(a, ctx.solve(a.plan, planner.objective).mask);
    const passes = new DepthPasses(a.plan, R, false);
    for (let k = 1; k <= depth; k++) {
        planning(ctx.spec, a.plan, planner.objective, depth, k, () => passes.next(ctx.budget), planner.location);
    }
    return liftFromPlan(a, passes.mask);
}

/**
 * Behaviours for depth 1, 2, …, maxDepth, one depth pass each (depth-passes.ts); from the
 * plan's horizon on, the ideal behaviour. Each comes with whether it differs from the
 * previous depth's (always for the first). A depth whose behaviour did not change gets
 * the very mask of the previous one; a mask handed out is never written again.
 */
export function* depthSeries(ctx: Context, a: Acting, objective: string, maxDepth: number): Generator<[number, Mask, boolean]> {
    const passes = new DepthPasses(a.plan, rewardsOf(a.plan, objective));
    let lifted: Mask | undefined, planned: Mask | undefined;
    for (let d = 1; d <= maxDepth; d++) {
        let changed: boolean;
        if (d >= a.plan.horizon) {
            const ideal = ctx.solve(a.plan, objective).mask;
            changed = planned !== ideal && !(planned && sameMask(planned, ideal));
            planned = ideal;
        } else {
            changed = planning(ctx.spec, a.plan, objective, d, d, () => passes.next(ctx.budget));
            planned = passes.mask;
        }
        if (changed || !lifted) {
            const next = liftFromPlan(a, planned);
            // Different plan masks may lift to the same one: a model longer than the truth
            // plans at layers that no true state pairs with.
            if (lifted && a.product && sameMask(lifted, next)) changed = false;
            else lifted = next;
        }
        yield [d, lifted, changed];
    }
}

/** The first state (in state order, so earliest step first) where two masks differ, preferring states in `among`. */
export function firstDifference(g: StateGraph, a: Mask, b: Mask, among?: Uint8Array): number {
    const C = g.nChoices, inner = g.layerStart[g.horizon]!;
    for (let s = 0; s < inner; s++) {
        if (among && among[s] === 0) continue;
        for (let c = 0; c < C; c++) if (a[s * C + c] !== b[s * C + c]) return s;
    }
    return -1;
}
