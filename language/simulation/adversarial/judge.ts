/**
 * Judges objectives as the core judges an implicit ideal optimizer (docs/simulation.md, Verdicts), on
 * graphs explored once: the objective's optimal behaviour (every choice within
 * tolerance of the best), then the base objective's [lo, hi] under it. It fits an
 * environment when hi reaches the base optimum; it matches the base objective there
 * when its allowed choices are the base objective's optimal ones at every state.
 */
import type { CompiledEnvironment } from '../../model/spec.js';
import { rewardsOf, type Context } from '../context.js';
import { evaluate, optimalChoices, sameMask, tolerance, type Mask } from '../dp.js';
import type { EnvGraph, Rewards } from '../state-graph.js';
import type { Candidate } from './enumerate.js';
import { candidateRewards, nameValues, readable, type NameValues } from './values.js';
import type { RewardArray } from '../reward-arrays.js';

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
    scratch: RewardArray;
}

export function arena(ctx: Context, env: CompiledEnvironment, graph: EnvGraph, values: NameValues): Arena {
    const solved = ctx.solve(graph, ctx.spec.base);
    return {
        label: env.label, env, graph, values,
        baseMask: solved.mask, optimum: solved.optimum, worst: solved.worst,
        scratch: new Float32Array(graph.layerStart[graph.horizon]! * graph.nChoices),
    };
}

/** Names (actions, then nodes) that every training environment has, in the first one's order. */
export function commonTrainingNames(ctx: Context): string[] {
    const envs = ctx.spec.train.map(l => ctx.env(l));
    const all = envs.map(e => new Set([...e.actions, ...e.nodes.map(n => n.name)]));
    const first = envs[0];
    if (!first) return [];
    return [...first.actions, ...first.nodes.map(n => n.name)].filter(n => all.every(s => s.has(n)));
}

const arenas = new WeakMap<Context, Map<string, Arena | null>>();

/**
 * The arena of an environment over `names`, made once per run: the candidate search and
 * the objective search (range, learning path) share it, so a name's values per transition
 * are held once. Null when the environment is not simulated or the base objective cannot
 * be evaluated there.
 */
export function arenaIn(ctx: Context, label: string, names: readonly string[]): Arena | null {
    let byKey = arenas.get(ctx);
    if (!byKey) { byKey = new Map(); arenas.set(ctx, byKey); }
    const key = `${label}\u0000${names.join('\u0000')}`;
    if (!byKey.has(key)) {
        const env = ctx.env(label);
        const g = env.qualitative ? null : ctx.graph(label);
        byKey.set(key, !g || !ctx.evaluable(label, ctx.spec.base) ? null
            : arena(ctx, env, g, nameValues(env, g, ctx.spec.objectives, [...names], ctx.budget)));
    }
    return byKey.get(key)!;
}

/** What an objective is: an enumerated candidate, or a declared objective by name. */
export type Judged = { candidate: Candidate } | { declared: string };

export interface Judgement {
    /** Worst and best base value over the objective's optimal policies. */
    lo: number;
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
    let R: Rewards;
    if ('candidate' in j) {
        a.scratch = candidateRewards(g, a.values, a.env.discount, j.candidate, a.scratch);
        R = a.scratch;
    } else {
        R = rewardsOf(g, j.declared);
    }
    // Only the choices are kept: the values go to a scratch buffer, which `evaluate` reuses after.
    const optimal = optimalChoices(g, R, ctx.budget);
    if (!optimal) return null;
    const mask = optimal.mask;
    const { lo, hi } = evaluate(g, rewardsOf(g, ctx.spec.base), mask, ctx.budget);
    return { lo, hi, matches: sameMask(mask, a.baseMask) };
}

/** hi falls short of the base optimum (beyond tolerance). */
export function misfits(a: Arena, judgement: Judgement): boolean {
    return a.optimum - judgement.hi > tolerance(a.optimum);
}
