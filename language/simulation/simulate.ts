/**
 * The entry point of the simulation core: `simulate(spec, options)` runs every
 * analysis of docs/simulation.md on a compiled spec and returns the report of docs/report-json.md.
 * Deterministic: the same spec and seed give byte-identical `JSON.stringify`
 * (no timings in the report; only a wall-time budget hit can change it, and then
 * it says so in `incomplete`).
 */
import { environmentChanges } from '../model/changes.js';
import { modelLabels } from '../model/models.js';
import type { CompiledEnvironment, CompiledSpec } from '../model/spec.js';
import type { EnvironmentReport, EnvironmentRole, GridReport, OptimizerReport, Report, RewardTiming } from './report.js';
import { analyseOptimizer, type Analysed } from './analyse.js';
import type { Planner } from './behaviour.js';
import { Context } from './context.js';
import { Budget, BudgetExceeded, SimulationError } from './errors.js';
import { objectiveReports } from './objectives.js';
import { proxyKind } from '../model/relation.js';
import { sampleAll } from './samples.js';
import { bits, select } from './select.js';
import { diversitySweep } from './diversity.js';
import { adversarialAnalysis, NOT_COMPUTED } from './adversarial/index.js';
import { gridReport, type GridPaths } from './grid.js';
import { groundOf, type Ground } from './objective-search.js';
import { commonTrainingNames } from './adversarial/judge.js';
import { analyseRanged, chooseRanges } from './range.js';
import { learningPath } from './learning-path.js';
import { addIdentifiability } from './identifiability.js';
import { addEpic } from './epic.js';
import { sweepJobs } from './sweep.js';
import { releaseSpare } from './depth-passes.js';

export interface SimulateOptions {
    /** Cap on states per environment (and per model product); default 10,000,000 (`DEFAULT_MAX_STATES`). */
    maxStates?: number;
    /** Wall-time budget in milliseconds; default none. */
    timeBudgetMs?: number;
    /** Seed of the trajectory sample; default 1. */
    seed?: number;
    /** Uniformly random episodes per environment; default 100 (each behaviour gets a tenth of that, at least 1). */
    samples?: number;
    /** Set `cancelled` to stop promptly; the report then says so. */
    signal?: { cancelled: boolean };
    /** The clock the time budget reads, in ms; default `Date.now` (tests pass a fake one). */
    clock?: () => number;
    /** Enumerate candidate objectives and choose distinguishing environments; default true. */
    adversarial?: boolean;
    /** Compute the learning path (docs/analyses.md, Learning path); default true. */
    learningPath?: boolean;
    /**
     * Told what the run turns to as it enters each phase (`exploring Lab`, `analysing
     * Pressing`, …: docs/simulation.md, Progress); the report is the same with or without it.
     */
    progress?: (stage: string) => void;
}

/**
 * The CLI's state cap per environment (and per model product). Packed states and
 * single-precision rewards cost about 50 to 100 bytes of graph per state (docs/simulation.md,
 * Exploration), so an environment of 10^7 states holds well under 1 GB, and button-lamp at
 * 6.1 million states per environment is analysed whole within 1.5 GB.
 */
export const DEFAULT_MAX_STATES = 10_000_000;

/** An environment's weight among the uses of one role (null when it has none there). */
/** An environment's weight in a role (labels are distinct; the compiler adds up repeated uses), or null outside it. */
function weightOf(labels: string[], weights: number[], label: string): number | null {
    const i = labels.indexOf(label);
    return i < 0 ? null : weights[i] ?? null;
}

function environmentReport(ctx: Context, env: CompiledEnvironment, reference: CompiledEnvironment | undefined,
    grid: GridReport | null = null): EnvironmentReport {
    const spec = ctx.spec;
    const roles: EnvironmentRole[] = [];
    if (spec.train.includes(env.label)) roles.push('train');
    if (spec.deploy.includes(env.label)) roles.push('deploy');
    if (spec.optimizers.some(o => modelLabels(o).includes(env.label))) roles.push('model');
    const g = env.qualitative ? null : ctx.graph(env.label);
    return {
        label: env.label,
        name: env.name,
        params: env.params,
        roles,
        trainWeight: weightOf(spec.train, spec.weights.train, env.label),
        deployWeight: weightOf(spec.deploy, spec.weights.deploy, env.label),
        chance: env.chance,
        grid,
        horizon: env.horizon,
        discount: env.discount,
        actions: env.actions,
        nodes: env.nodes.map(n => n.name),
        simulated: g !== null,
        skipped: env.qualitative
            ? 'has qualitative nodes: analysed, not simulated'
            : g === null ? 'a budget was hit while exploring its states' : null,
        states: g?.nStates ?? null,
        graph: env.graph,
        changes: environmentChanges(env, reference),
        declarations: Object.fromEntries([
            ...env.actions.map(a => [a, env.actionLocations[a]!] as const),
            ...env.nodes.map(n => [n.name, n.location] as const),
        ]),
        location: env.location,
    };
}

function planners(spec: CompiledSpec): { planner: Planner; implicit: boolean }[] {
    const out: { planner: Planner; implicit: boolean }[] = [];
    for (const o of spec.objectives) {
        if (o.role === 'mesa') out.push({ planner: { name: o.name, objective: o.name, model: null, depth: null }, implicit: true });
    }
    for (const o of spec.optimizers) {
        out.push({
            planner: {
                name: o.name, objective: o.objective, model: o.model ?? null, ...(o.models ? { models: o.models } : {}),
                depth: o.depth ?? null, location: o.location,
            },
            implicit: false,
        });
    }
    return out;
}

/** The declared optimizer with a range that a planner stands for, if any. */
function isRanged(spec: CompiledSpec, p: { planner: Planner; implicit: boolean }): CompiledSpec['optimizers'][number] | undefined {
    return p.implicit ? undefined : spec.optimizers.find(o => o.name === p.planner.name && o.range !== undefined);
}

export function simulate(spec: CompiledSpec, options: SimulateOptions = {}): Report {
    return simulateWith(new Context(spec, budgetOf(options)), options);
}

/** The budget of a run with these options; its time budget counts from now. */
export function budgetOf(options: SimulateOptions): Budget {
    return new Budget(options.maxStates ?? DEFAULT_MAX_STATES, options.timeBudgetMs, options.signal, options.clock);
}

/** The environments a run explores first, in this order: training, deployment, then model environments. */
export function explorationOrder(spec: CompiledSpec): string[] {
    return [...new Set([...spec.train, ...spec.deploy, ...spec.optimizers.flatMap(modelLabels)])];
}

/**
 * `simulate` over a context made with `budgetOf(options)` when the run started, which may
 * hold environments explored elsewhere (`Context.seed`): the same report as `simulate`.
 */
export function simulateWith(ctx: Context, options: SimulateOptions = {}): Report {
    try {
        return runAnalyses(ctx, options);
    } finally {
        // A language server lives on after the run: the lookahead buffers kept for the run's
        // next objectives (depth-passes.ts) would hold the memory of its largest graphs.
        releaseSpare();
    }
}

function runAnalyses(ctx: Context, options: SimulateOptions): Report {
    const { spec, budget } = ctx;
    const seed = options.seed ?? 1;
    const progress = options.progress ?? ((): void => {});
    /** A phase that runs: told, then run. */
    const entering = <T>(stage: string, run: () => T): T => {
        progress(stage);
        return run();
    };

    // Explore every environment first, in a fixed order, so budget entries come in that order.
    const order = explorationOrder(spec);
    try {
        for (const label of order) {
            if (ctx.env(label).qualitative) continue;
            if (ctx.unexplored(label)) progress(`exploring ${label}`);
            ctx.graph(label);
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
    }

    // The objectives of range-limited optimizers are chosen before any optimizer is analysed
    // (docs/analyses.md, Algorithmic range); the learning path judges objectives on the same ground.
    let ground: Ground | null | undefined;
    const groundOnce = (): Ground | null => (ground !== undefined ? ground : (ground = groundOf(ctx, commonTrainingNames(ctx))));
    if (spec.optimizers.some(o => o.range !== undefined)) progress('choosing the objectives of range-limited optimizers');
    const ranges = chooseRanges(ctx, groundOnce);

    const analysed: Analysed[] = [];
    const toAnalyse = planners(spec);
    const withPath = options.learningPath !== false;
    if (ctx.sweeps && !budget.stopped) ctx.sweeps.start(ctx, sweepJobs(ctx, toAnalyse.filter(p => !isRanged(spec, p)).map(p => p.planner)), withPath);
    for (const { planner, implicit } of toAnalyse) {
        progress(`analysing ${planner.name}`);
        const ranged = isRanged(spec, { planner, implicit });
        if (ranged) {
            analysed.push(analyseRanged(ctx, ranged, planner, ranges.get(ranged.name) ?? null));
            continue;
        }
        const objective = spec.objectives.find(o => o.name === planner.objective);
        if (!objective) throw new SimulationError(`optimizer ${planner.name} pursues unknown objective ${planner.objective}`, planner.location);
        analysed.push(analyseOptimizer(ctx, planner, implicit, objective, bits(spec, objective), proxyKind(spec, objective.name)));
    }
    ctx.sweeps?.end();
    const optimizers: OptimizerReport[] = analysed.map(a => a.report);
    for (const o of optimizers) {
        o.range ??= null;
        o.learned ??= null;
    }

    // Once time is up or the run is cancelled, later phases are skipped (or stop at their first
    // budget call): no samples, objective values only where already solved, no selection winner
    // among partly analysed optimizers; `incomplete` names the budget.
    const samples = budget.stopped
        ? { reports: [], timing: new Map<string, RewardTiming>(), paths: new Map<string, GridPaths>() }
        : entering('sampling episodes', () => sampleAll(ctx, analysed, seed, options.samples ?? 100));
    const objectives = objectiveReports(ctx, samples.timing);
    // Identifiability by data source and EPIC distance (docs/analyses.md), on the explored training graphs.
    progress('identifiability and EPIC distance');
    addIdentifiability(ctx, analysed);
    addEpic(ctx, objectives);
    const reference = ctx.envs.get(spec.train[0] ?? '');
    const environments = spec.environments.map(e => {
        const grid = gridReport(e, samples.paths.get(e.label) ?? [], optimizers);
        try {
            return environmentReport(ctx, e, reference, grid);
        } catch (err) {
            if (!(err instanceof BudgetExceeded)) throw err;
            return { ...environmentReport(ctx, { ...e, qualitative: true }, reference, grid), skipped: 'a budget was hit before it was explored' };
        }
    });

    const partial = budget.stopped && optimizers.some(o => o.incomplete);
    return {
        spec: spec.uri,
        seed,
        environments,
        objectives,
        optimizers,
        selection: partial ? { ...select(spec, optimizers), winners: [] } : select(spec, optimizers),
        diversity: partial ? null : diversitySweep(spec, optimizers),
        ...(options.adversarial === false ? NOT_COMPUTED : entering('candidate objectives and distinguishing environments', () => adversarialAnalysis(ctx, optimizers))),
        learningPath: !withPath || budget.stopped ? null : entering('learning path', () => {
            const elsewhere = ctx.sweeps?.learningPath();
            return elsewhere !== undefined ? elsewhere : learningPath(ctx, groundOnce);
        }),
        samples: samples.reports,
        incomplete: ctx.incomplete,
    };
}
