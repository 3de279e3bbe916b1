/**
 * Distinguishing environments (docs/simulation.md, Distinguishing environments): each intervention
 * on a training environment is explored (rejected when its state space runs past a
 * cap, when it divides by zero, or when it leaves the base objective nothing to
 * choose: optimum = worst), every pseudo-aligned objective is judged there, and a
 * greedy set cover (most newly ruled-out objectives first, earlier intervention on
 * ties) picks the environments that make them misfit; for objectives no single
 * intervention rules out, pairs of interventions are tried the same way. Each gets a fresh name
 * `<Train>Distinguish<k>` and its Mesa source.
 */
import type { CompiledSpec } from '../../model/spec.js';
import type { DistinguishingEnvironment, DistinguishingReport } from '../report.js';
import { compileEnvironment } from '../codegen.js';
import type { Context } from '../context.js';
import { tolerance } from '../dp.js';
import { BudgetExceeded, SimulationError } from '../errors.js';
import { explore } from '../explore.js';
import { CappedBudget } from './capped-budget.js';
import { combine, environmentSource, interventions, type Intervention } from './interventions.js';
import { arena, judge, judgeable, misfits, textOf, type Arena, type Judged } from './judge.js';
import { nameValues } from './values.js';

/** States a derived environment may have: ten times its training environment's, at least 50,000. */
const CAP_FACTOR = 10, CAP_FLOOR = 50_000;
/**
 * Pairs of interventions tried per training environment when single ones leave objectives
 * undistinguished: at most 300, and fewer for large environments (about 20 million states
 * of derived environments in all).
 */
const MAX_PAIRS = 300, PAIR_STATES = 20_000_000;

interface Option {
    intervention: Intervention;
    /** Indices (into the universe) of the objectives it makes misfit. */
    covers: Set<number>;
}

function arenaOf(ctx: Context, iv: Intervention, trainStates: number, names: string[]): Arena | null {
    const cap = Math.min(ctx.budget.maxStates, Math.max(CAP_FLOOR, CAP_FACTOR * trainStates));
    const budget = new CappedBudget(ctx.budget, cap);
    try {
        // Building and compiling cost in proportion to the environment: charged like exploring it.
        ctx.budget.check();
        const env = iv.env;
        const ce = compileEnvironment(env, ctx.spec.objectives);
        ctx.budget.spend(ce.cost);
        if (!ce.objectives.some(o => o.name === ctx.spec.base)) return null;
        const graph = explore(ce, budget);
        const a = arena(ctx, env, graph, nameValues(env, graph, ctx.spec.objectives, names, ctx.budget));
        return a.optimum - a.worst > tolerance(a.optimum) ? a : null;
    } catch (e) {
        if (e instanceof SimulationError) return null;
        if (e instanceof BudgetExceeded && e.budget === 'states' && !ctx.budget.stopped) return null;
        throw e;
    }
}

/** The options (with what they rule out among `among`) of some interventions. */
function optionsOf(ctx: Context, ivs: Intervention[], universe: Judged[], among: Set<number>, trainStates: number, names: string[]): Option[] {
    const out: Option[] = [];
    for (const iv of ivs) {
        const a = arenaOf(ctx, iv, trainStates, names);
        if (!a) continue;
        const covers = new Set<number>();
        for (const i of among) {
            const j = universe[i]!;
            const r = judgeable(ctx, a, j) ? judge(ctx, a, j) : null;
            if (r && misfits(a, r)) covers.add(i);
        }
        if (covers.size > 0) out.push({ intervention: iv, covers });
    }
    return out;
}

/** Greedy set cover: most newly covered first, the earlier option on ties; removes what it covers from `uncovered`. */
function greedy(options: Option[], uncovered: Set<number>): Option[] {
    const chosen: Option[] = [];
    for (;;) {
        let best: Option | undefined, bestGain = 0;
        for (const o of options) {
            let gain = 0;
            for (const i of o.covers) if (uncovered.has(i)) gain++;
            if (gain > bestGain) { best = o; bestGain = gain; }
        }
        if (!best) return chosen;
        chosen.push(best);
        for (const i of best.covers) uncovered.delete(i);
    }
}

/** The chosen environments for a universe of pseudo-aligned objectives: single interventions, then pairs for what is left. */
export function distinguish(ctx: Context, universe: Judged[], names: string[]): DistinguishingReport {
    const spec = ctx.spec;
    const uncovered = new Set(universe.map((_, i) => i));
    const chosen: Option[] = [];
    const trains = spec.train.map(label => ({ env: ctx.env(label), g: ctx.graph(label) }))
        .filter(t => !t.env.qualitative && t.g !== null && Object.keys(t.env.params).length === 0);
    const singles = trains.map(t => interventions(t.env));
    if (uncovered.size > 0) {
        const options = trains.flatMap((t, i) => optionsOf(ctx, singles[i]!, universe, uncovered, t.g!.nStates, names));
        chosen.push(...greedy(options, uncovered));
    }
    trains.forEach((t, ti) => {
        if (uncovered.size === 0) return;
        const ivs = singles[ti]!, pairs: Intervention[] = [];
        const max = Math.min(MAX_PAIRS, Math.floor(PAIR_STATES / Math.max(1, t.g!.nStates)));
        for (let i = 0; i < ivs.length && pairs.length < max; i++) {
            for (let j = i + 1; j < ivs.length && pairs.length < max; j++) {
                const pair = combine(t.env, ivs[i]!, ivs[j]!, ivs.length + pairs.length);
                if (pair) pairs.push(pair);
            }
        }
        chosen.push(...greedy(optionsOf(ctx, pairs, universe, uncovered, t.g!.nStates, names), uncovered));
    });
    const taken = new Set(declaredNames(spec));
    const environments = chosen.map((o): DistinguishingEnvironment => {
        const train = o.intervention.train;
        let k = 1;
        while (taken.has(`${train}Distinguish${k}`)) k++;
        const name = `${train}Distinguish${k}`;
        taken.add(name);
        return {
            name, extends: train, intervention: o.intervention.description,
            source: environmentSource(name, train, o.intervention.members),
            rulesOut: [...o.covers].sort((a, b) => a - b).map(i => textOf(universe[i]!)),
        };
    });
    return { computed: true, environments, uncovered: [...uncovered].map(i => textOf(universe[i]!)) };
}

function declaredNames(spec: CompiledSpec): string[] {
    return spec.environments.map(e => e.name);
}
