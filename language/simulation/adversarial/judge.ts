/**
 * Judges objectives as the core judges an implicit ideal optimizer (docs/simulation.md, Verdicts), on
 * graphs explored once: the objective's optimal behaviour (every choice within
 * tolerance of the best), then the base objective's [lo, hi] under it. It fits an
 * environment when hi reaches the base optimum; it matches the base objective there
 * when its allowed choices are the base objective's optimal ones at every state.
 */
import type { CompiledEnvironment } from '../../model/spec.js';
import { rewardsOf, type Context } from '../context.js';
import { evaluate, greedyMask, optimalValues, sameMask, tolerance, type Mask } from '../dp.js';
import type { EnvGraph } from '../state-graph.js';
import type { Candidate } from './enumerate.js';
import { candidateRewards, readable, type NameValues } from './values.js';
import { NonFiniteValue } from '../errors.js';

/** One explored environment, ready for judging objectives in it. */
export interface Arena {
    label: string;
    env: CompiledEnvironment;
    graph: EnvGraph;
    values: NameValues;
    baseMask: Mask;
    optimum: number;
    worst: number;
    /** Scratch rewards buffer, one entry per transition. */
    scratch: Float64Array;
}

export function arena(ctx: Context, env: CompiledEnvironment, graph: EnvGraph, values: NameValues): Arena {
    const solved = ctx.solve(graph, ctx.spec.base);
    return {
        label: env.label, env, graph, values,
        baseMask: solved.mask, optimum: solved.optimum, worst: solved.worst,
        scratch: new Float64Array(graph.layerStart[graph.horizon]! * graph.nChoices),
    };
}

/** What an objective is: an enumerated candidate, or a declared objective by name. */
export type Judged = { candidate: Candidate } | { declared: string };

export interface Judgement {
    /** Best base value over the objective's optimal policies. */
    hi: number;
    /** Its allowed choices equal the base objective's optimal ones at every state. */
    matches: boolean;
}

export function textOf(j: Judged): string {
    return 'candidate' in j ? j.candidate.text : j.declared;
}

/** Whether the objective can be evaluated in the arena. */
export function judgeable(ctx: Context, a: Arena, j: Judged): boolean {
    return 'candidate' in j ? readable(a.values, j.candidate) : a.graph.rewards.has(j.declared);
}

/**
 * The objective's optimal behaviour in the arena, judged against the base objective; null
 * when its return there is not a finite number (a candidate summing two huge names, say):
 * such an objective cannot be judged, and the run-time error is not the spec's.
 */
export function judge(ctx: Context, a: Arena, j: Judged): Judgement | null {
    const g = a.graph;
    let R: Float64Array;
    if ('candidate' in j) {
        candidateRewards(g, a.values, a.env.discount, j.candidate, a.scratch);
        R = a.scratch;
    } else {
        R = rewardsOf(g, j.declared);
    }
    const V = optimalValues(g, R, ctx.budget);
    let mask: Mask;
    try {
        mask = greedyMask(g, R, V);
    } catch (e) {
        if (e instanceof NonFiniteValue) return null;
        throw e;
    }
    const { hi } = evaluate(g, rewardsOf(g, ctx.spec.base), mask, ctx.budget);
    return { hi, matches: sameMask(mask, a.baseMask) };
}

/** hi falls short of the base optimum (beyond tolerance). */
export function misfits(a: Arena, judgement: Judgement): boolean {
    return a.optimum - judgement.hi > tolerance(a.optimum);
}
