/**
 * Judging many objectives on the graphs explored once, for the algorithmic range and the
 * learning path (docs/analyses.md, Algorithmic range; Learning path): an objective, an
 * enumerated one or a declared one, gets its optimal behaviour in each training
 * environment (every choice within the tie tolerance of the best, as an implicit ideal
 * optimizer's), and from it the base objective's best value (hi, what selection
 * scores), its expected value when ties are broken uniformly at random (what the
 * learning path scores), its depth(O) and its verdict. Enumerated objectives are read
 * off per-transition name values (adversarial/values.ts), so nothing is explored or
 * compiled per objective; each pass is charged to the run's budget.
 */
import type { CompiledObjective } from '../model/spec.js';
import { rewardsOf, type Context } from './context.js';
import { atStart, depthIndependent, evaluate, expected, layerScratch, layerShift, optimalChoices, sameMask, tolerance, zeroTerminal, type Mask } from './dp.js';
import { DepthPasses } from './depth-passes.js';
import { NonFiniteValue, type Budget } from './errors.js';
import { trainingNames, trainingValue, trainWeights } from './select.js';
import type { Rewards, StateGraph } from './state-graph.js';
import type { Candidate } from './adversarial/enumerate.js';
import { arenaIn, type Arena } from './adversarial/judge.js';
import { candidateRewards, readable } from './adversarial/values.js';

/** An objective to judge: an enumerated one, or a declared one. */
export type Pursued = { candidate: Candidate } | { declared: CompiledObjective };

/** Where objectives are judged: the training environments (and, for robustness, the deployment ones). */
export interface Ground {
    /** The names objectives may read: actions, then nodes, that every training environment has, in the first one's order. */
    names: string[];
    /** Bits per AST node: log2(#names of the training environments + 12). */
    factor: number;
    /** Parallel to `spec.train`. */
    train: Arena[];
    weights: number[];
    /** The deployment environments that are not trained in, built on first use. */
    deploy(): Arena[];
}

/** One objective judged in the training environments. */
export interface Assessment {
    /** Per training environment: the base objective's best value under the objective's behaviour. */
    his: number[];
    /** Per training environment: the base objective's expected value when the behaviour breaks ties uniformly; empty unless asked. */
    expected: number[];
    /** Per training environment: the behaviour. */
    masks: Mask[];
    /** depth(O): the least planning depth at which every behaviour attains the objective's own optimum everywhere in training; null unless asked, or when none does. */
    depth: number | null;
}

export type SearchVerdict = 'robust' | 'pseudo-aligned' | 'misaligned';

/** The ground for objectives over `names`; null when some training environment is not simulated. */
export function groundOf(ctx: Context, names: string[]): Ground | null {
    const spec = ctx.spec;
    if (spec.train.length === 0) return null;
    const train: Arena[] = [];
    for (const label of spec.train) {
        const a = arenaIn(ctx, label, names);
        if (!a) return null;
        train.push(a);
    }
    let deploy: Arena[] | undefined;
    return {
        names, train,
        factor: Math.log2(trainingNames(spec).size + 12),
        weights: trainWeights(spec),
        deploy: () => (deploy ??= spec.deploy.filter(l => !spec.train.includes(l))
            .map(l => arenaIn(ctx, l, names)).filter((a): a is Arena => a !== null)),
    };
}

/** The objective's per-transition rewards in an arena (a candidate's in the arena's scratch buffer); null when it reads a name the arena lacks. */
export function rewardsIn(a: Arena, o: Pursued): Rewards | null {
    if ('declared' in o) return a.graph.rewards.has(o.declared.name) ? rewardsOf(a.graph, o.declared.name) : null;
    if (!readable(a.values, o.candidate)) return null;
    a.scratch = candidateRewards(a.graph, a.values, a.env.discount, o.candidate, a.scratch);
    return a.scratch;
}

/**
 * The expected value of R at the start when the policy takes each allowed choice with equal
 * probability (the values per state, two layers' at a time, go to a scratch buffer).
 */
export function uniformValue(g: StateGraph, R: Rewards, mask: Mask, budget: Budget): number {
    const C = g.nChoices, next = g.next, H = g.horizon, o = g.outcomes;
    const { room, pair: [V] } = layerScratch(g);
    zeroTerminal(g, room, V);
    for (let t = H - 1; t >= 0; t--) {
        budget.tick(g.layerStart[t + 1]! - g.layerStart[t]!);
        const here = layerShift(g, room, t), there = layerShift(g, room, t + 1);
        for (let s = g.layerStart[t]!, end = g.layerStart[t + 1]!; s < end; s++) {
            let sum = 0, n = 0;
            for (let c = 0, i = s * C; c < C; c++, i++) {
                if (mask[i] === 0) continue;
                sum += R[i]! + (o ? expected(o, V, i, there) : V[next[i]! + there]!);
                n++;
            }
            V[s + here] = sum / n;
        }
    }
    return atStart(g, V);
}

/**
 * depth(O) (docs/simulation.md, Capability sweep) of rewards Rs (one per training arena): the
 * least d at which, in every training environment, every choice a d-step planner
 * allows keeps the objective's own optimum; beyond an environment's horizon its
 * planner is the ideal one. Null when no depth does, or a window's value is not finite.
 */
function depthOf(arenas: Arena[], Rs: Rewards[], ideal: { mask: Mask; optimum: number }[], budget: Budget): number | null {
    const parts = arenas.map((a, i) => {
        const g = a.graph, R = Rs[i]!, optimum = ideal[i]!.optimum;
        const attains = (mask: Mask): boolean => optimum - evaluate(g, R, mask, budget).lo <= tolerance(optimum);
        const fixed = depthIndependent(g, R) ? attains(ideal[i]!.mask) : undefined;
        // `ok`: whether the behaviour of the last depth attains; judged again only when it changed.
        const passes = fixed === undefined ? new DepthPasses(g, R, false) : null;
        return { g, attains, fixed, ideal: ideal[i]!.mask, passes, ok: false, idealOk: undefined as boolean | undefined };
    });
    const maxH = Math.max(1, ...arenas.map(a => a.graph.horizon));
    // The passes' buffers serve the next objective's (depth-passes.ts): no mask of them outlives this.
    try {
        for (let d = 1; d <= maxH; d++) {
            let all = true;
            for (const p of parts) {
                if (p.fixed !== undefined) { all &&= p.fixed; continue; }
                if (d >= p.g.horizon) p.ok = p.idealOk ??= p.attains(p.ideal);
                else if (p.passes!.next(budget)) p.ok = p.attains(p.passes!.mask);
                all &&= p.ok;
            }
            if (all) return d;
        }
    } catch (e) {
        if (e instanceof NonFiniteValue) return null;
        throw e;
    } finally {
        for (const p of parts) p.passes?.release();
    }
    return null;
}

/**
 * Judges an objective in the training environments: its behaviour, hi, and on request the
 * uniform-tie expected value and depth(O). Null when it cannot be judged: it reads a name
 * some training environment lacks, or a value is not a finite number.
 */
export function assess(ctx: Context, ground: Ground, o: Pursued, want: { expected: boolean; depth: boolean }): Assessment | null {
    const base = ctx.spec.base;
    const his: number[] = [], expectedValues: number[] = [], masks: Mask[] = [], Rs: Rewards[] = [];
    const ideal: { mask: Mask; optimum: number }[] = [];
    for (const a of ground.train) {
        const R = rewardsIn(a, o);
        if (!R) return null;
        // The values per state go to a scratch buffer (dp.ts): only the optimum is kept.
        const best = optimalChoices(a.graph, R, ctx.budget);
        if (!best) return null;
        const optimum = best.optimum;
        const Rbase = rewardsOf(a.graph, base);
        his.push(evaluate(a.graph, Rbase, best.mask, ctx.budget).hi);
        if (want.expected) expectedValues.push(uniformValue(a.graph, Rbase, best.mask, ctx.budget));
        masks.push(best.mask);
        // A candidate's rewards live in the arena's scratch buffer, one per arena: each stays until depthOf reads it.
        Rs.push(R);
        ideal.push({ mask: best.mask, optimum });
    }
    const depth = want.depth ? depthOf(ground.train, Rs, ideal, ctx.budget) : null;
    return { his, expected: expectedValues, masks, depth };
}

/** The objective's score: Σ weight × value over the training environments − w_depth · depth − w_length · bits. */
export function scoreOf(ctx: Context, ground: Ground, values: number[], depth: number | null, bits: number): number | null {
    const value = trainingValue(values, ground.weights);
    if (value === null) return null;
    return value - ctx.spec.select.depth * (depth ?? 0) - ctx.spec.select.length * bits;
}

/**
 * The verdict of an assessed objective, as an implicit ideal optimizer's (docs/simulation.md,
 * Verdicts): misaligned when its hi falls short of the base optimum in a training
 * environment of positive weight; robust when its behaviour is the base objective's
 * optimal behaviour in every training environment and every deployment environment
 * where it can be evaluated; else pseudo-aligned.
 */
export function verdictOf(ctx: Context, ground: Ground, o: Pursued, assessed: Assessment): SearchVerdict {
    const short = ground.train.some((a, i) => (ground.weights[i] ?? 0) > 0 && a.optimum - assessed.his[i]! > tolerance(a.optimum));
    if (short) return 'misaligned';
    if (!ground.train.every((a, i) => sameMask(assessed.masks[i]!, a.baseMask))) return 'pseudo-aligned';
    for (const a of ground.deploy()) {
        const R = rewardsIn(a, o);
        if (!R) continue;
        const best = optimalChoices(a.graph, R, ctx.budget);
        if (best && !sameMask(best.mask, a.baseMask)) return 'pseudo-aligned';
    }
    return 'robust';
}
