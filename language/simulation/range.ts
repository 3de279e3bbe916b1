/**
 * The algorithmic range (docs/analyses.md, Algorithmic range): an optimizer declared with
 * `range BITS` can only represent objectives of at most BITS bits. It pursues its own
 * objective when that fits; otherwise (or when it declares none: it learns one) the
 * representable objective of best selection score (select.ts: Σ weight × hi in training
 * − w_depth · depth − w_length · bits), among the declared objectives that fit, in
 * declaration order, then every signed sum of names (optionally in `final`) that fits,
 * smallest first (enumerate.ts); ties go to the earlier. When no objective fits at all
 * (BITS is below one name's bits) it pursues the empty objective, 0, which allows every
 * choice. When the range chose (the optimizer's own objective does not fit, or it has
 * none), the base objective is longer than BITS and no representable objective is
 * robust, the optimizer is approximate by range: a pseudo-aligned one gets the kind
 * 'approximate', whatever its causal relation to the base objective.
 *
 * An enumerated objective is analysed like a declared one: its rewards are written into
 * the explored graphs under its text (`final(lamp)`, never a declared name), computed
 * from per-transition name values without exploring again.
 */
import type { CompiledObjective, CompiledOptimizer, CompiledSpec, Expr } from '../model/spec.js';
import { buildCausalGraph } from '../model/causal-graph.js';
import { modelLabels } from '../model/models.js';
import { proxyKind } from '../model/relation.js';
import type { LearnedObjective, OptimizerReport, TrainInterval } from './report.js';
import { analyseOptimizer, type Analysed } from './analyse.js';
import type { Planner } from './behaviour.js';
import type { Context } from './context.js';
import { tolerance } from './dp.js';
import { BudgetExceeded } from './errors.js';
import { deployInterval, trainInterval } from './optimizer.js';
import { trainingNames } from './select.js';
import { candidateOf, enumerateObjectives, objectiveCounts, sameObjective, type Candidate } from './adversarial/enumerate.js';
import { candidateRewards, nameValues } from './adversarial/values.js';
import { assess, scoreOf, verdictOf, type Ground, type Pursued } from './objective-search.js';
import type { Rewards } from './state-graph.js';

/**
 * Objectives scored per range at most: enough for every objective of four or five nodes
 * over a few dozen names, and bounded by the work of judging them (about 3·10^8 visited
 * transitions in all). Past it the enumeration stops at the largest size that fits, and
 * the report says so (`complete: false`).
 */
const MAX_OBJECTIVES = 20_000, MIN_OBJECTIVES = 100, WORK = 3e8;

/** Bits compare with room for rounding: log2 factors make 3 × 3.807… land a hair above 11.42…. */
const fits = (bits: number, range: number): boolean => bits <= range + 1e-9 * Math.max(1, range);

/** What a range-limited optimizer pursues, before it is analysed. */
export interface RangeChoice {
    objective: CompiledObjective;
    candidate: Candidate | null;
    learned: LearnedObjective;
}

/** The empty objective: the constant 0, which prefers nothing. */
const EMPTY: Candidate = candidateOf({ aggregate: 'sum', terms: [] });

function expressionOf(c: Candidate): Expr {
    const ref = (name: string): Expr => ({ kind: 'ref', name, delay: 0 });
    if (c.terms.length === 0) return { kind: 'const', value: 0 };
    const plus = c.terms.filter(t => t.sign > 0), minus = c.terms.filter(t => t.sign < 0);
    if (plus.length === 0) {
        const sum = minus.slice(1).reduce<Expr>((e, t) => ({ kind: 'binary', op: '+', left: e, right: ref(t.name) }), ref(minus[0]!.name));
        return { kind: 'unary', op: '-', operand: sum };
    }
    let e = plus.slice(1).reduce<Expr>((x, t) => ({ kind: 'binary', op: '+', left: x, right: ref(t.name) }), ref(plus[0]!.name));
    for (const t of minus) e = { kind: 'binary', op: '-', left: e, right: ref(t.name) };
    return e;
}

/** An enumerated objective as a compiled one, named by its text (which no declared name can be). */
function compiledOf(c: Candidate, optimizer: CompiledOptimizer): CompiledObjective {
    return { name: c.text, role: 'mesa', aggregate: c.aggregate, expression: expressionOf(c), size: c.size, text: c.text, location: optimizer.location };
}

/** Every environment the optimizer acts or plans in. */
function labelsOf(spec: CompiledSpec, optimizer: CompiledOptimizer): string[] {
    return [...new Set([...spec.train, ...spec.deploy, ...modelLabels(optimizer)])];
}

/** The largest size whose objectives, with all smaller ones, stay within the cap. */
export function searchableSize(n: number, maxSize: number, cap: number): number {
    const counts = objectiveCounts(n, maxSize);
    let total = 0;
    for (let size = 1; size <= maxSize; size++) {
        total += counts[size]!;
        if (total > cap) return size - 1;
    }
    return maxSize;
}

/**
 * The objective a range-limited optimizer pursues; null when it cannot be decided (a
 * training environment is not simulated). Throws BudgetExceeded when time runs out.
 */
export function chooseInRange(ctx: Context, optimizer: CompiledOptimizer, ground: () => Ground | null): RangeChoice | null {
    const spec = ctx.spec, range = optimizer.range!;
    const own = spec.objectives.find(o => o.name === optimizer.objective);
    const base = spec.objectives.find(o => o.name === spec.base)!;
    const learned = (o: CompiledObjective, how: LearnedObjective['how'], rest: Partial<LearnedObjective> = {}): LearnedObjective => ({
        text: o.text, declared: spec.objectives.includes(o) ? o.name : null, bits: 0, how, score: null,
        candidates: 0, searchedBits: null, complete: true, approximate: false, regret: null, ...rest,
    });
    const factor = Math.log2(trainingNames(spec).size + 12);
    if (own && fits(own.size * factor, range)) return { objective: own, candidate: null, learned: learned(own, 'declared', { bits: own.size * factor }) };
    const g = ground();
    if (!g) return null;
    const labels = labelsOf(spec, optimizer);
    const here = (name: string): boolean => labels.every(l => {
        const env = ctx.env(l);
        return env.actions.includes(name) || env.nodes.some(n => n.name === name);
    });
    const names = g.names.filter(here);
    const declared = spec.objectives.filter(o => fits(o.size * factor, range) && labels.every(l => ctx.evaluable(l, o.name)));
    const maxSize = Math.floor(range / factor + 1e-9);
    const transitions = g.train.reduce((n, a) => n + a.graph.layerStart[a.graph.horizon]! * a.graph.nChoices, 0);
    const cap = Math.max(MIN_OBJECTIVES, Math.min(MAX_OBJECTIVES, Math.floor(WORK / Math.max(1, transitions)))) - declared.length;
    const searched = searchableSize(names.length, maxSize, Math.max(0, cap));
    const enumerated = enumerateObjectives(names, searched).filter(c => !declared.some(o => sameObjective(c, o)));
    const pool: Pursued[] = [...declared.map(o => ({ declared: o })), ...enumerated.map(candidate => ({ candidate }))];
    const complete = searched === maxSize;
    if (pool.length === 0) {
        const objective = compiledOf(EMPTY, optimizer);
        return { objective, candidate: EMPTY, learned: learned(objective, 'none', { searchedBits: searched * factor, complete, approximate: true }) };
    }
    const declaredDepth = optimizer.depth ?? null;
    const maxH = Math.max(1, ...g.train.map(a => a.graph.horizon));
    let best: { p: Pursued; score: number } | undefined;
    let robust = false;
    for (const p of pool) {
        const size = 'declared' in p ? p.declared.size : p.candidate.size;
        const judged = assess(ctx, g, p, { expected: false, depth: declaredDepth === null && spec.select.depth !== 0 });
        if (!judged) continue;
        robust ||= verdictOf(ctx, g, p, judged) === 'robust';
        const score = scoreOf(ctx, g, judged.his, declaredDepth ?? judged.depth ?? maxH, size * factor);
        if (score === null || !Number.isFinite(score)) continue;
        if (!best || score - best.score > tolerance(best.score)) best = { p, score };
    }
    const chosen = best?.p ?? { candidate: EMPTY };
    const objective = 'declared' in chosen ? chosen.declared : compiledOf(chosen.candidate, optimizer);
    return {
        objective,
        candidate: 'candidate' in chosen ? chosen.candidate : null,
        learned: learned(objective, best ? 'best' : 'none', {
            bits: objective.size * factor, score: best?.score ?? null, candidates: pool.length,
            searchedBits: searched * factor, complete,
            // Approximate by range: the base objective is too long and nothing within range is robust.
            approximate: !fits(base.size * factor, range) && !robust,
        }),
    };
}

/**
 * Writes an enumerated objective's rewards into every explored graph the optimizer acts
 * or plans in, under its text, so the core analyses it as it does a declared objective.
 */
export function addRewards(ctx: Context, optimizer: CompiledOptimizer, c: Candidate, ground: Ground): void {
    const names = c.terms.map(t => t.name);
    for (const label of labelsOf(ctx.spec, optimizer)) {
        const env = ctx.env(label);
        const g = env.qualitative ? null : ctx.graph(label);
        if (!g || g.rewards.has(c.text)) continue;
        const trained = ground.train.find(a => a.label === label);
        // The empty objective reads nothing: its rewards are all 0, with no replay.
        const values = names.length === 0 ? new Map<string, Rewards>()
            : trained?.values ?? nameValues(env, g, ctx.spec.objectives, names, ctx.budget);
        g.rewards.set(c.text, candidateRewards(g, values, env.discount, c, new Float32Array(g.layerStart[g.horizon]! * g.nChoices)));
    }
}

/** The proxy kind of an objective, in graphs that include it when it is not declared. */
function proxyOf(spec: CompiledSpec, objective: CompiledObjective): ReturnType<typeof proxyKind> {
    if (spec.objectives.includes(objective)) return proxyKind(spec, objective.name);
    const objectives = [...spec.objectives, objective];
    const environments = spec.environments.map(e => e.qualitative ? e : { ...e, graph: buildCausalGraph(e.actions, e.nodes, objectives) });
    return proxyKind({ ...spec, environments, objectives }, objective.name);
}

/** The largest normalized regret of an analysed optimizer over its training and deployment environments. */
function worstRegret(report: OptimizerReport): LearnedObjective['regret'] {
    let worst: LearnedObjective['regret'] = null;
    for (const t of [...report.train, ...report.deploy] as TrainInterval[]) {
        if (t.lo === null || t.optimum === null || t.worst === null) continue;
        const span = t.optimum - t.worst, regret = t.optimum - t.lo, tie = tolerance(t.optimum);
        const normalizedRegret = span > tie && regret > tie ? Math.min(1, regret / span) : 0;
        if (!worst || normalizedRegret > worst.normalizedRegret) worst = { env: t.env, normalizedRegret };
    }
    return worst;
}

/**
 * Chooses the objective of every range-limited optimizer, before any optimizer is analysed
 * (so that an enumerated objective's rewards are in the graphs, and in any model product
 * built from them, from the start). A choice that cannot be made (a training environment
 * not simulated, or a budget) is null.
 */
export function chooseRanges(ctx: Context, ground: () => Ground | null): Map<string, RangeChoice | null> {
    const out = new Map<string, RangeChoice | null>();
    for (const optimizer of ctx.spec.optimizers) {
        if (optimizer.range === undefined) continue;
        let choice: RangeChoice | null = null;
        try {
            choice = chooseInRange(ctx, optimizer, ground);
            if (choice?.candidate) addRewards(ctx, optimizer, choice.candidate, ground()!);
        } catch (e) {
            if (!(e instanceof BudgetExceeded)) throw e;
            ctx.record(e, null, null);
            choice = null;
        }
        out.set(optimizer.name, choice);
    }
    return out;
}

/**
 * Analyses a range-limited optimizer pursuing its chosen objective, as the core analyses
 * any optimizer (with its model and depth), and records the range and what it learned.
 * Without a choice the verdict is unknown.
 */
export function analyseRanged(ctx: Context, optimizer: CompiledOptimizer, planner: Planner, choice: RangeChoice | null): Analysed {
    const spec = ctx.spec, range = optimizer.range!;
    if (!choice) {
        // Undecided: the placeholder's figures are withdrawn, the verdict is unknown.
        const placeholder = spec.objectives.find(o => o.name === optimizer.objective) ?? spec.objectives.find(o => o.name === spec.base)!;
        const a = analyseOptimizer(ctx, { ...planner, objective: placeholder.name }, false, placeholder, 0, proxyKind(spec, placeholder.name));
        Object.assign(a.report, {
            objective: optimizer.objective, verdict: 'unknown', kind: null, via: null, signUnknown: false, witness: null, limits: null,
            train: spec.train.map(l => trainInterval(l, null)), deploy: spec.deploy.map(l => deployInterval(l, null)),
            // Qualitative training is analysed, not simulated: nothing is missing then.
            sweep: [], incomplete: spec.train.some(l => !ctx.env(l).qualitative), range, learned: null,
        });
        return { report: a.report, results: new Map() };
    }
    const { objective, learned } = choice;
    const a = analyseOptimizer(ctx, { ...planner, objective: objective.name }, false, objective, learned.bits, proxyOf(spec, objective));
    const r = a.report;
    learned.regret = worstRegret(r);
    // Approximate only when the optimizer, analysed with its model and depth, is judged and not robust.
    learned.approximate &&= r.verdict === 'pseudo-aligned' || r.verdict === 'misaligned';
    if (learned.approximate && r.verdict === 'pseudo-aligned') Object.assign(r, { kind: 'approximate', via: null, signUnknown: false });
    r.range = range;
    r.learned = learned;
    return a;
}
