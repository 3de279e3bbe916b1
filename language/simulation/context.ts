/**
 * The shared state of one simulation run: compiled environments, explored state
 * graphs, model products and per-(environment, objective) optimal values, each
 * computed once and on demand, plus the budget and the list of budgets hit. A
 * graph whose exploration hits the state cap is recorded as `null` (and in
 * `incomplete`); time and cancellation keep throwing `BudgetExceeded` so callers
 * unwind and mark their results incomplete.
 */
import type { CompiledEnvironment, CompiledSpec } from '../model/spec.js';
import type { IncompleteEntry } from './report.js';
import { compileEnvironment, type CompiledEnv } from './codegen.js';
import { atStart, layerScratch, scratchPair, solvePass, type Mask } from './dp.js';
import { Budget, BudgetExceeded, NonFiniteValue, SimulationError } from './errors.js';
import { explore } from './explore.js';
import type { EnvGraph, ProductGraph, Rewards, StateGraph } from './state-graph.js';
import { productGraph } from './product.js';
import { returnOverflow } from './finite.js';
import type { DerivedFarm } from './adversarial/farm.js';
import type { SweepFarm } from './sweep.js';
import { keepShape } from './shapes.js';

/** Optimal behaviour of one objective in one graph (its values per state are not kept: a mask is a byte per choice). */
export interface Solved {
    mask: Mask;
    optimum: number;
    worst: number;
}

/** A graph explored elsewhere, with the objectives solved there. */
export interface Explored {
    graph: EnvGraph;
    solved: Map<string, Solved>;
}

/** An environment explored elsewhere, or the state cap its exploration hit. */
export type Seed = Explored | { statesHit: { limit: number; memoryBound: boolean } };

export class Context {
    readonly envs = new Map<string, CompiledEnvironment>();
    readonly incomplete: IncompleteEntry[] = [];
    private readonly compiled = new Map<string, CompiledEnv>();
    private readonly graphs = new Map<string, EnvGraph | null>();
    private readonly products = new Map<string, ProductGraph | null>();
    private readonly solved = new WeakMap<StateGraph, Map<string, Solved>>();
    private readonly seeds = new Map<string, Seed>();
    /** Judges the distinguishing search's interventions on other threads too (the CLI's pool); none: on this one. */
    farm: DerivedFarm | undefined;
    /** Runs the capability sweeps on other threads too (the CLI's pool); none: on this one. */
    sweeps: SweepFarm | undefined;

    constructor(readonly spec: CompiledSpec, readonly budget: Budget) {
        for (const e of spec.environments) this.envs.set(e.label, e);
    }

    env(label: string): CompiledEnvironment {
        const e = this.envs.get(label);
        if (!e) throw new SimulationError(`unknown environment ${label}`, undefined);
        return e;
    }

    compiledEnv(label: string): CompiledEnv {
        let c = this.compiled.get(label);
        if (!c) {
            c = compileEnvironment(this.env(label), this.spec.objectives);
            this.compiled.set(label, c);
        }
        return c;
    }

    /** Whether an objective reads only names the environment has. */
    evaluable(label: string, objective: string): boolean {
        return !this.compiledEnv(label).missing.has(objective);
    }

    /** Requires that an objective can be evaluated in an environment, else a located error. */
    requireEvaluable(label: string, objective: string): void {
        const lacks = this.compiledEnv(label).missing.get(objective);
        if (lacks) {
            const o = this.spec.objectives.find(x => x.name === objective);
            throw new SimulationError(
                `objective ${objective} reads ${lacks.map(n => `'${n}'`).join(', ')}, which environment ${label} lacks`,
                o?.location);
        }
    }

    /** The explored graph of an environment, or null when its exploration hit the state cap. */
    graph(label: string): EnvGraph | null {
        if (this.graphs.has(label)) return this.graphs.get(label)!;
        const env = this.env(label);
        if (env.qualitative) { this.graphs.set(label, null); return null; }
        const g = this.capped(() => this.explored(label), label, null);
        this.graphs.set(label, g);
        return g;
    }

    /**
     * Hands over an environment explored elsewhere (docs/simulation.md, Worker threads):
     * `graph(label)` then takes it instead of exploring, with the same look at the clock
     * first and the same record of a state cap hit, in the order it is asked for.
     */
    seed(label: string, seed: Seed): void {
        this.seeds.set(label, seed);
    }

    /** Whether `graph(label)` would explore: not yet asked for, and not explored elsewhere. */
    unexplored(label: string): boolean {
        return !this.graphs.has(label) && !this.seeds.has(label);
    }

    private explored(label: string): EnvGraph {
        const seed = this.seeds.get(label);
        if (!seed) return explore(this.compiledEnv(label), this.budget);
        this.seeds.delete(label);
        this.budget.check();
        if ('statesHit' in seed) throw new BudgetExceeded('states', seed.statesHit.limit, seed.statesHit.memoryBound);
        this.solved.set(seed.graph, new Map(seed.solved));
        return seed.graph;
    }

    /** The product of the environment with an optimizer's model, or null past the state cap. */
    product(label: string, model: string, optimizer: string): ProductGraph | null {
        const key = `${label}\u0000${model}`;
        if (this.products.has(key)) return this.products.get(key)!;
        const truth = this.graph(label), m = this.graph(model);
        let p: ProductGraph | null = null;
        if (truth && m) {
            if (m.horizon < truth.horizon) {
                throw new SimulationError(`model ${model} has a shorter horizon than ${label}`, this.env(model).location);
            }
            p = this.capped(() => productGraph(truth, m, this.budget), label, optimizer);
        }
        this.products.set(key, p);
        return p;
    }

    /** Runs an exploration; past the state cap it is recorded and gives null, other budgets stop everything. */
    private capped<T>(run: () => T, label: string, optimizer: string | null): T | null {
        try {
            return run();
        } catch (e) {
            if (!(e instanceof BudgetExceeded)) throw e;
            this.record(e, label, optimizer);
            if (e.budget !== 'states') throw e;
            return null;
        }
    }

    /** Optimal values, behaviour, optimum and worst of an objective in a graph (cached per graph). */
    solve(g: StateGraph, objective: string): Solved {
        let byObjective = this.solved.get(g);
        if (!byObjective) { byObjective = new Map(); this.solved.set(g, byObjective); }
        let s = byObjective.get(objective);
        if (!s) {
            const R = rewardsOf(g, objective);
            // Only the mask is kept: the values, two layers' at a time, go to the scratch buffers every pass reuses.
            const { room, pair: [values, worstAll] } = layerScratch(g);
            const mask = new Uint8Array(g.layerStart[g.horizon]! * g.nChoices);
            const nonFinite = solvePass(g, R, this.budget, values, worstAll, mask, room);
            // At the start: the expectation over the initial states (docs/simulation.md, Chance); layer 0 is at 0 either way.
            const optimum = atStart(g, values), worst = atStart(g, worstAll);
            // Finite at the start, finite everywhere (docs/simulation.md, Run-time errors); the error names
            // the step from which the return overflows, found in every state's values.
            if (!Number.isFinite(optimum) || !Number.isFinite(worst)) {
                const [allValues, allWorst] = scratchPair(g.nStates);
                solvePass(g, R, this.budget, allValues, allWorst, null);
                throw returnOverflow(this.spec, g, objective, allValues, allWorst);
            }
            if (nonFinite >= 0) throw new NonFiniteValue(nonFinite);
            s = { mask, optimum, worst };
            byObjective.set(objective, s);
        }
        return s;
    }

    /** Records a budget hit once per (budget, environment, optimizer). */
    record(e: BudgetExceeded, env: string | null, optimizer: string | null): void {
        if (e.budget !== 'states' && this.incomplete.some(x => x.budget === e.budget)) return;
        if (this.incomplete.some(x => x.budget === e.budget && x.env === env && x.optimizer === optimizer)) return;
        const where = env ? ` in ${env}` : '';
        const who = optimizer ? ` (planning of ${optimizer})` : '';
        const bound = e.memoryBound ? ' (the memory bound for states this wide)' : '';
        const message = e.budget === 'states'
            ? `incomplete: the state budget of ${e.limit} states${bound} was hit${where}${who}; results that need it are missing`
            : e.budget === 'time'
                ? `incomplete: the time budget of ${e.limit} ms was hit${where}${who}; later results are missing`
                : `incomplete: the analysis was cancelled${where}${who}`;
        this.incomplete.push({ budget: e.budget, limit: e.limit, env, optimizer, message });
    }
}

export function rewardsOf(g: StateGraph, objective: string): Rewards {
    const R = g.rewards.get(objective);
    if (!R) throw new Error(`objective ${objective} is not evaluable in ${g.label}`);
    return R;
}

// Every analysis makes its own context; its shape outlives them (shapes.ts). Its constructor reads only the environments.
keepShape(new Context({ environments: [] as CompiledEnvironment[] } as CompiledSpec, new Budget(1, undefined, undefined)));
