/**
 * Distinguishing environments (docs/simulation.md, Distinguishing environments): the
 * environments that make the pseudo-aligned objectives misfit training, found the way a
 * user would look for them, the cheapest kind first (cover.ts): the environments the spec
 * already declares and does not train in, then other values of a training environment's
 * parameters (its binding widened), then interventions on the training environments,
 * single ones and, for what they leave, pairs. Each environment of a stage is judged
 * against what the earlier stages left: a declared environment, or a parameter value the
 * spec compiles, on the graph the run explored; a parameter value the compiler hands over
 * only for this search (CompiledSpec.parameterVariants), and an intervention, explored on
 * its own when the stage gets to it (rejected when its state space runs past a cap, when
 * it divides by zero, or when it leaves the base objective nothing to choose: optimum =
 * worst). A synthesised environment gets a fresh name
 * `<Train>Distinguish<k>` and its Mesa source.
 */
import type { CompiledEnvironment, CompiledSpec } from '../../model/spec.js';
import type { DistinguishingEnvironment, DistinguishingReport } from '../report.js';
import { compileEnvironment } from '../codegen.js';
import type { Context } from '../context.js';
import { tolerance } from '../dp.js';
import { BudgetExceeded, SimulationError } from '../errors.js';
import { explore } from '../explore.js';
import { CappedBudget } from './capped-budget.js';
import { greedy, widen, type Option, type ParameterGroup, type Stages, type Widening } from './cover.js';
import { judgeInOrder, type Covers, type DerivedJob, type DerivedTask } from './farm.js';
import { combine, derivedEnvironment, environmentSource, interventions, type Intervention } from './interventions.js';
import { arena, judge, judgeable, misfits, textOf, type Arena, type Judged } from './judge.js';
import { exploredValues, nameObjectives, ownNames } from './values.js';

/** States a derived environment may have: ten times its training environment's, at least 50,000. */
const CAP_FACTOR = 10, CAP_FLOOR = 50_000;
/**
 * Pairs of interventions tried per training environment when single ones leave objectives
 * undistinguished: at most 300, and fewer for large environments (about 20 million states
 * of derived environments in all).
 */
const MAX_PAIRS = 300, PAIR_STATES = 20_000_000;

/** What the search is given: the objectives to rule out, the names they read, and the arena of an environment the run explored. */
interface Search {
    universe: Judged[];
    names: string[];
    arenaOf: (label: string) => Arena | null;
}

interface DeclaredOption extends Option { env: CompiledEnvironment }
interface InterventionOption extends Option { intervention: Intervention }

export interface Distinguished {
    report: DistinguishingReport;
    /** The options every stage judged, for the cover of any part of the universe (cover.ts, coverSize). */
    stages: Stages;
}

/** What an environment, judged in its arena, makes misfit among `among`. */
function coversIn(ctx: Context, a: Arena, universe: Judged[], among: Iterable<number>): Set<number> {
    const covers = new Set<number>();
    for (const i of among) {
        const j = universe[i]!;
        const r = judgeable(ctx, a, j) ? judge(ctx, a, j) : null;
        if (r && misfits(a, r)) covers.add(i);
    }
    return covers;
}

let derivedCount = 0;

/** How many derived environments the search has compiled and explored so far in this process (for the benchmark). */
export function derivedEnvironments(): number {
    return derivedCount;
}

/**
 * A derived environment (an intervention's, or a parameter value no use compiles) compiled
 * once, with the names' values as objectives of their own (values.ts), and explored under
 * its cap. `build` gives it, after a look at the clock (an intervention's is built then).
 */
function derivedArena(ctx: Context, build: () => CompiledEnvironment, trainStates: number, names: string[]): Arena | null {
    const cap = Math.min(ctx.budget.maxStates, Math.max(CAP_FLOOR, CAP_FACTOR * trainStates));
    const budget = new CappedBudget(ctx.budget, cap);
    try {
        // Building and compiling cost in proportion to the environment: charged like exploring it.
        ctx.budget.check();
        const env = build();
        const own = ownNames(env, names);
        const ce = compileEnvironment(env, [...ctx.spec.objectives, ...nameObjectives(env, own)], { search: true });
        ctx.budget.spend(ce.cost);
        if (!ce.objectives.some(o => o.name === ctx.spec.base)) return null;
        derivedCount++;
        const graph = explore(ce, budget);
        const a = arena(ctx, env, graph, exploredValues(graph, own));
        return a.optimum - a.worst > tolerance(a.optimum) ? a : null;
    } catch (e) {
        if (e instanceof SimulationError) return null;
        if (e instanceof BudgetExceeded && e.budget === 'states' && !ctx.budget.stopped) return null;
        throw e;
    }
}

/** The names the objectives among `among` read: only they get values in a derived environment. */
function namesRead(search: Search, among: Set<number>): string[] {
    const read = new Set<string>();
    for (const i of among) {
        const j = search.universe[i]!;
        if ('candidate' in j) for (const t of j.candidate.terms) read.add(t.name);
    }
    return search.names.filter(n => read.has(n));
}

/** What the derived environment `build` gives rules out of the job's objectives; null when it cannot judge. */
function judgeDerived(ctx: Context, build: () => CompiledEnvironment, job: DerivedJob): Covers {
    const a = derivedArena(ctx, build, job.trainStates, job.names);
    return a ? [...coversIn(ctx, a, job.universe, job.among)] : null;
}

/** Judges an intervention handed over as plain data (a worker thread's task, farm.ts), as `interventionOptions` would. */
export function judgeTask(ctx: Context, task: DerivedTask, job: DerivedJob): Covers {
    return judgeDerived(ctx, () => derivedEnvironment(ctx.env(task.train), task.changes, task.index), job);
}

/**
 * The options of some interventions, with what they rule out among `among`. Judging stops
 * at the first that rules out all of it: the greedy takes it first and needs nothing more,
 * for `among` and for any part of it (cover.ts). A run with worker threads judges them on
 * all its threads at once (`Context.farm`), with the same result.
 */
function interventionOptions(ctx: Context, ivs: Intervention[], search: Search, among: Set<number>, trainStates: number): InterventionOption[] {
    const job: DerivedJob = { names: namesRead(search, among), universe: search.universe, among: [...among], trainStates };
    const here = (i: number): Covers => judgeDerived(ctx, () => ivs[i]!.env, job);
    const judged = ctx.farm && ivs.length > 1
        ? ctx.farm.judgeAll(ivs.map(iv => ({ train: iv.train, changes: iv.changes, index: iv.index })), job, here)
        : judgeInOrder(ivs.length, job, here);
    const out: InterventionOption[] = [];
    judged.forEach((covers, i) => {
        if (covers && covers.length > 0) out.push({ intervention: ivs[i]!, covers: new Set(covers) });
    });
    return out;
}

/** The arena of a parameter value no use compiles, explored under the cap its training environment sets; null when it cannot judge. */
function handedArena(ctx: Context, env: CompiledEnvironment, train: string, search: Search, among: Set<number>): Arena | null {
    const g = ctx.graph(train);
    return g ? derivedArena(ctx, () => env, g.nStates, namesRead(search, among)) : null;
}

/** The training environment a spec environment varies in exactly one parameter, with that parameter. */
function varied(e: CompiledEnvironment, trains: CompiledEnvironment[]): { train: CompiledEnvironment; parameter: string } | undefined {
    for (const t of trains) {
        if (t.name !== e.name) continue;
        const differ = Object.keys(t.params).filter(p => t.params[p] !== e.params[p]);
        if (differ.length === 1) return { train: t, parameter: differ[0]! };
    }
    return undefined;
}

/**
 * The parameter groups of the training environments, with their other values (cover.ts):
 * those the spec compiles and those the compiler hands over for this search.
 */
function parameterGroups(trains: CompiledEnvironment[], others: CompiledEnvironment[]): { group: ParameterGroup; variants: CompiledEnvironment[] }[] {
    const groups = new Map<string, { group: ParameterGroup; variants: CompiledEnvironment[] }>();
    for (const e of others) {
        const v = varied(e, trains);
        if (!v) continue;
        const rest = (x: CompiledEnvironment): string => JSON.stringify(Object.entries(x.params).filter(([p]) => p !== v.parameter));
        const key = `${e.name}\u0000${v.parameter}\u0000${rest(e)}`;
        let entry = groups.get(key);
        if (!entry) {
            const same = trains.filter(t => t.name === e.name && rest(t) === rest(e));
            const trained = [...new Set(same.map(t => t.params[v.parameter]!))].sort((a, b) => a - b);
            entry = { group: { train: same[0]!.label, parameter: v.parameter, trained, values: [] }, variants: [] };
            groups.set(key, entry);
        }
        entry.variants.push(e);
    }
    return [...groups.values()];
}

/** `Name` or `Name(p = 1, q = 2)`, as a use in `train`. */
export function useText(name: string, params: Record<string, number>): string {
    const entries = Object.entries(params);
    return entries.length === 0 ? name : `${name}(${entries.map(([k, v]) => `${k} = ${v}`).join(', ')})`;
}

/**
 * The chosen environments for a universe of pseudo-aligned objectives (reading `names`),
 * with every stage's options; `arenaOf` gives the arena of one of the spec's environments
 * on the graph the run explored, or null when it cannot judge there.
 */
export function distinguish(ctx: Context, universe: Judged[], names: string[], arenaOf: (label: string) => Arena | null = () => null): Distinguished {
    const spec = ctx.spec;
    const search: Search = { universe, names, arenaOf };
    const uncovered = new Set(universe.map((_, i) => i));
    const trains = spec.train.map(label => ctx.env(label));
    const others = spec.environments.filter(e => !spec.train.includes(e.label) && !e.qualitative);
    const stages: Stages = { declared: [], parameters: [], interventions: [] };

    // 1. Environments the spec declares (not other values of a training environment's parameter).
    const declaredOptions: DeclaredOption[] = [];
    for (const env of others) {
        if (uncovered.size === 0 || varied(env, trains)) continue;
        const a = search.arenaOf(env.label);
        const covers = a ? coversIn(ctx, a, universe, uncovered) : new Set<number>();
        if (covers.size > 0) declaredOptions.push({ env, covers });
    }
    stages.declared = declaredOptions;
    const declared = greedy(declaredOptions, uncovered, ctx.budget);

    // 2. Other values of a training environment's parameter: one the spec compiles is judged
    // on the graph the run explored, one handed over only for this search is explored now.
    const compiledLabels = new Set(spec.environments.map(e => e.label));
    const handed = (spec.parameterVariants ?? []).filter(e => !e.qualitative && !compiledLabels.has(e.label));
    const groups = parameterGroups(trains, [...others, ...handed]);
    for (const { group, variants } of groups) {
        for (const env of [...variants].sort((x, y) => x.params[group.parameter]! - y.params[group.parameter]!)) {
            if (uncovered.size === 0) break;
            const a = compiledLabels.has(env.label) ? search.arenaOf(env.label) : handedArena(ctx, env, group.train, search, uncovered);
            const covers = a ? coversIn(ctx, a, universe, uncovered) : new Set<number>();
            group.values.push({ value: env.params[group.parameter]!, covers });
        }
    }
    stages.parameters = groups.map(g => g.group).filter(g => g.values.length > 0);
    const widenings = widen(stages.parameters, uncovered, ctx.budget);

    // 3. Interventions on the training environments: singles, then pairs of each in turn.
    const chosen: InterventionOption[] = [];
    const explored = trains.map(env => ({ env, g: env.qualitative ? null : ctx.graph(env.label) })).filter(t => t.g !== null);
    const singles = explored.map(t => interventions(t.env, groups.filter(g => g.group.train === t.env.label).flatMap(g => g.variants)));
    if (uncovered.size > 0) {
        const options: InterventionOption[] = [];
        for (const [i, t] of explored.entries()) {
            // Past an option that rules out everything left, nothing more is needed (interventionOptions).
            if (options.length > 0 && options[options.length - 1]!.covers.size === uncovered.size) break;
            options.push(...interventionOptions(ctx, singles[i]!.filter(iv => iv.changes[0]!.kind !== 'param'), search, uncovered, t.g!.nStates));
        }
        stages.interventions.push(options);
        chosen.push(...greedy(options, uncovered, ctx.budget));
    }
    explored.forEach((t, ti) => {
        if (uncovered.size === 0) return;
        const ivs = singles[ti]!, pairs: Intervention[] = [];
        const max = Math.min(MAX_PAIRS, Math.floor(PAIR_STATES / Math.max(1, t.g!.nStates)));
        for (let i = 0; i < ivs.length && pairs.length < max; i++) {
            for (let j = i + 1; j < ivs.length && pairs.length < max; j++) {
                const pair = combine(t.env, ivs[i]!, ivs[j]!, ivs.length + pairs.length);
                if (pair) pairs.push(pair);
            }
        }
        const options = interventionOptions(ctx, pairs, search, uncovered, t.g!.nStates);
        stages.interventions.push(options);
        chosen.push(...greedy(options, uncovered, ctx.budget));
    });

    const environments = [
        ...declared.map(o => declaredEntry(o, universe)),
        ...widenings.map(w => widenedEntry(ctx, w, universe)),
        ...synthesisedEntries(spec, chosen, universe),
    ];
    return { report: { computed: true, environments, uncovered: [...uncovered].map(i => textOf(universe[i]!)) }, stages };
}

const rulesOut = (covers: Set<number>, universe: Judged[]): string[] => [...covers].sort((a, b) => a - b).map(i => textOf(universe[i]!));

function declaredEntry(o: DeclaredOption, universe: Judged[]): DistinguishingEnvironment {
    return {
        name: o.env.label, extends: o.env.name, intervention: 'is declared in the spec', source: '',
        rulesOut: rulesOut(o.covers, universe), kind: 'declared', use: useText(o.env.name, o.env.params), widen: null, adds: 1,
    };
}

function widenedEntry(ctx: Context, w: Widening, universe: Judged[]): DistinguishingEnvironment {
    const train = ctx.env(w.group.train), p = w.group.parameter, trained = w.group.trained;
    const params = Object.fromEntries(Object.entries(train.params).filter(([k]) => k !== p));
    const range = `${p} in ${w.low}..${w.high}`;
    const rest = Object.entries(params).map(([k, v]) => `${k} = ${v}`);
    // The widened parameter stays where the use binds it: parameters in declaration order.
    const bindings = Object.keys(train.params).map(k => (k === p ? range : rest.shift()!));
    const use = `${train.name}(${bindings.join(', ')})`;
    const from = trained.length === 1 ? `${trained[0]}` : `${trained[0]}..${trained[trained.length - 1]}`;
    return {
        name: use, extends: train.name, intervention: `widens ${p} from ${from} to ${w.low}..${w.high}`, source: '',
        rulesOut: rulesOut(w.covers, universe), kind: 'parameters', use,
        widen: { train: train.label, parameter: p, low: w.low, high: w.high }, adds: w.adds,
    };
}

function synthesisedEntries(spec: CompiledSpec, chosen: InterventionOption[], universe: Judged[]): DistinguishingEnvironment[] {
    const taken = new Set(spec.environments.map(e => e.name));
    return chosen.map((o): DistinguishingEnvironment => {
        const { declaration, params } = o.intervention;
        let k = 1;
        while (taken.has(`${declaration}Distinguish${k}`)) k++;
        const name = `${declaration}Distinguish${k}`;
        taken.add(name);
        return {
            name, extends: declaration, intervention: o.intervention.description,
            source: environmentSource(name, declaration, o.intervention.members),
            rulesOut: rulesOut(o.covers, universe), kind: 'intervention', use: useText(name, params), widen: null, adds: 1,
        };
    });
}
