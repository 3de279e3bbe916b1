/**
 * The report JSON (docs/report-json.md): the result of `mesa simulate --json` and of the
 * `mesa/simulate` request, and the input of the HTML report. Plain data, no
 * dependencies except the compiled model's plain types; serialised with
 * `JSON.stringify` (so `null`, never `undefined`, marks an absent value that
 * readers must see). Same spec and seed give byte-identical JSON.
 *
 * Conventions used throughout:
 * - An environment is named by its label: `Lab`, or `Corridor(coin=3)`.
 * - Base values are objective returns (Σ_t γ^(t−1)·e_t, or e_H for `final`).
 * - A value is `null` when it could not be computed because a budget was hit;
 *   the matching entry in `Report.incomplete` says which budget.
 * - Actions in action sets are action names; `"wait"` stands for taking no action.
 */
import type { CausalGraph, SourceLocation } from '../model/spec.js';

/** The whole report. */
export interface Report {
    /** The spec's document URI. */
    spec: string;
    /** Seed of the trajectory sample. */
    seed: number;
    environments: EnvironmentReport[];
    objectives: ObjectiveReport[];
    /** Implicit ideal optimizers (one per mesa objective, in objective order), then declared ones. */
    optimizers: OptimizerReport[];
    selection: SelectionReport;
    candidates: CandidatesReport;
    distinguishing: DistinguishingReport;
    /** One entry per simulated environment. */
    samples: SampleReport[];
    /**
     * The diversity sweep (docs/analyses.md, Weights and the diversity sweep): null when no training
     * environment makes the selected candidate misfit.
     */
    diversity: DiversityReport | null;
    /** Every budget that was hit; empty when the analysis is complete. */
    incomplete: IncompleteEntry[];
}

/** Selection as the joint share of some training environments goes from 0 to 1. */
export interface DiversityReport {
    /** The training environments whose joint share is swept (the others share the rest in proportion). */
    environments: string[];
    /** The least share at which a robust optimizer wins selection; null when none does at any share. */
    threshold: number | null;
    /** The winners of selection at each share, in increasing share, 0 and 1 included. */
    points: { share: number; winners: string[] }[];
}

/** A grid shown as an environment's picture, with where the optimizers go on it. */
export interface GridReport {
    name: string;
    /** The rows as written (as resolved for this environment). */
    rows: string[];
    /** The nodes holding the agent's column and row. */
    x: string;
    y: string;
    /**
     * Per policy of the sample ('optimal' for the base objective, else an optimizer's
     * name), the distinct position sequences its sampled episodes followed, each from
     * t = 0 to the horizon as [x, y] pairs.
     */
    paths: { policy: string; positions: [number, number][][] }[];
    /** Where the agent is in each witness state of this environment, per optimizer. */
    witnesses: { optimizer: string; x: number; y: number }[];
}

export type EnvironmentRole = 'train' | 'deploy' | 'model';

/** One concrete environment of the spec. */
export interface EnvironmentReport {
    label: string;
    /** The declared environment's name (without parameters). */
    name: string;
    params: Record<string, number>;
    /** Why the spec uses it; an environment can be both trained and deployed. */
    roles: EnvironmentRole[];
    /** Its weight among the training environments (summing to 1), or null when it is not trained in. */
    trainWeight: number | null;
    /** Its weight among the deployment environments (summing to 1), or null when it is not deployed in. */
    deployWeight: number | null;
    /** True when some rule or init draws: the figures are expected values. */
    chance: boolean;
    /** The grid it shows (`show grid at (x, y)`), else null. */
    grid: GridReport | null;
    horizon: number;
    discount: number;
    actions: string[];
    nodes: string[];
    /** False for environments with qualitative nodes, and when exploration hit a budget. */
    simulated: boolean;
    /** Why it was not simulated (`qualitative` nodes, or a budget), else null. */
    skipped: string | null;
    /** Number of reachable states (including the initial one); null when not simulated. */
    states: number | null;
    /** The signed causal graph (edges with signs and delays), for drawing. */
    graph: CausalGraph;
    /**
     * What differs from the first training environment (for highlighting deployment
     * changes): actions and nodes it adds, and nodes whose rule or init differs.
     * Empty lists for a training environment itself.
     */
    changes: { addedActions: string[]; addedNodes: string[]; changedNodes: string[] };
    /**
     * Where each of its actions and nodes is declared (in it, or in an environment it
     * extends), by name: the graphs link their nodes there.
     */
    declarations: Record<string, SourceLocation>;
    /** The declaration, for links back into the source. */
    location: SourceLocation;
}

/** Per objective: its description length, targets and values in each environment. */
export interface ObjectiveReport {
    name: string;
    role: 'base' | 'mesa';
    aggregate: 'sum' | 'final';
    /** The body as written. */
    text: string;
    /** AST nodes of the body. */
    size: number;
    /** Description length: size × log2(#names of the training environments + 12). */
    bits: number;
    /** The nodes and actions it reads, with its sign in each (over the first training env's graph). */
    targets: { name: string; sign: '+' | '-' | '±' }[];
    /** Its own optimum and worst return per simulated environment where it can be evaluated. */
    values: { env: string; optimum: number | null; worst: number | null }[];
    /**
     * For a mesa objective: how its per-step rewards relate to the base objective's on
     * the sampled training trajectories (null for the base objective, or when not sampled).
     */
    rewardTiming: RewardTiming | null;
    location: SourceLocation;
}

/** Per-step reward comparison of a mesa objective with the base objective. */
export interface RewardTiming {
    /** Some sampled training trajectory has a step where the two per-step rewards differ. */
    differs: boolean;
    /**
     * k ≠ 0 when on every sampled training trajectory the base reward at step t equals
     * the mesa reward at step t − k (0 before step 1): button/lamp gives 10. Null if none.
     */
    shift: number | null;
}

export type Verdict = 'robust' | 'pseudo-aligned' | 'misaligned' | 'unknown';
export type Kind = 'side-effect' | 'instrumental' | 'general' | 'approximate' | 'suboptimality';

/** Base-objective interval of a behaviour in a training environment. */
export interface TrainInterval {
    env: string;
    /** Worst base value over the behaviour's policies. */
    lo: number | null;
    /** Best base value over the behaviour's policies. */
    hi: number | null;
    /** The base objective's optimum in this environment. */
    optimum: number | null;
    /** The worst base value of any policy in this environment. */
    worst: number | null;
}

/** Base-objective interval of a behaviour in a deployment environment. */
export interface DeployInterval extends TrainInterval {
    /** (optimum − lo) / (optimum − worst); 0 when either difference is within the tie tolerance. */
    normalizedRegret: number | null;
}

/** One optimizer (declared, or the implicit ideal optimizer of a mesa objective). */
export interface OptimizerReport {
    /** Declared name, or for an implicit optimizer its objective's name. */
    name: string;
    objective: string;
    implicit: boolean;
    /**
     * Label of the environment it plans in, when declared (`model`); the declared
     * environment's name when a parameterised model is bound differently per environment.
     */
    model: string | null;
    /** Declared planning depth, when declared. */
    declaredDepth: number | null;
    /** 'unknown' only when a budget kept the verdict from being decided. */
    verdict: Verdict;
    /** Sub-kind of a pseudo-aligned verdict, else null. */
    kind: Kind | null;
    /** For kind 'general': the nearest node with positive paths to both objectives; else null. */
    via: string | null;
    /** For kind 'general' when the objectives are related only through '±' paths. */
    signUnknown: boolean;
    train: TrainInterval[];
    deploy: DeployInterval[];
    /** depth(O): its time cost (a declared depth, or the least sufficient depth). */
    depth: number;
    /** Description length of its objective. */
    bits: number;
    /** For every non-robust fit, a state where its allowed actions differ from the base optimum's. */
    witness: Witness | null;
    /** For kind 'suboptimality': which limit keeps it aligned and what happens without it. */
    limits: SuboptimalityLimits | null;
    /** Base-value interval in each training environment as planning depth goes 1..H. */
    sweep: CapabilityCurve[];
    /** True when some figure above is missing or partial because a budget was hit. */
    incomplete: boolean;
    location: SourceLocation;
}

/**
 * A reachable state where a behaviour's allowed actions and the base objective's
 * optimal actions differ.
 */
export interface Witness {
    env: string;
    /** The step whose action is being chosen (1..H). */
    step: number;
    /**
     * The remembered values at that state, keyed `name@k` (the value k steps before
     * `step`), as far back as later steps read them.
     */
    values: Record<string, number>;
    /** One action sequence (steps 1..step−1) that reaches the state. */
    path: string[];
    /** Actions the optimizer allows there. */
    optimizerActions: string[];
    /** Actions optimal for the base objective there. */
    baseActions: string[];
    /**
     * 'optimizer': the optimizer itself. 'unlimited': for a suboptimality-aligned
     * optimizer, the same objective with the true model and full depth.
     */
    of: 'optimizer' | 'unlimited';
    /** True when the state is reached by the optimizer's own behaviour (not just by some policy). */
    onPolicy: boolean;
    /** The probability that `path`, taken from the start, reaches the state (1 without chance). */
    probability: number;
}

/** What keeps a suboptimality-aligned optimizer aligned. */
export interface SuboptimalityLimits {
    cause: 'depth' | 'model' | 'depth and model';
    /** The least depth from which some behaviour stops being base-optimal in training (with its model); null if none. */
    fromDepth: number | null;
    /** The same objective with the true model and full depth, in each training environment. */
    unlimited: TrainInterval[];
    /** Largest regret (optimum − lo) of the unlimited optimizer over the training environments. */
    regret: number | null;
}

/** Capability sweep of one optimizer in one training environment. */
export interface CapabilityCurve {
    env: string;
    /** depth = 1..H; lo/hi of the base objective under the depth-limited behaviour. */
    points: { depth: number; lo: number | null; hi: number | null }[];
}

/** The selection step: optimizers ranked by score. */
export interface SelectionReport {
    penalties: { depth: number; length: number };
    /** Names of the best-scoring optimizers (ties within 1e-9). */
    winners: string[];
    /** All optimizers, best score first (ties in report order). */
    ranking: { name: string; score: number | null; trainValue: number | null; depth: number; bits: number }[];
}

/** Underdetermination: enumerated candidate objectives that fit training but are not robust. */
export interface CandidatesReport {
    /** False until the enumeration runs (or when a budget stopped it). */
    computed: boolean;
    /** Number of objectives enumerated (forms ±x, final(±x), ±x ± y with bits ≤ bits(base)). */
    enumerated: number;
    /** How many of them fit training but are not robust. */
    pseudoAligned: number;
    /** Counts grouped by description length, shortest first. */
    byBits: { bits: number; enumerated: number; pseudoAligned: number; examples: string[] }[];
}

/** Adversarial training: environments that make every enumerated pseudo-aligned candidate misfit. */
export interface DistinguishingReport {
    computed: boolean;
    environments: DistinguishingEnvironment[];
    /** Candidates no chosen intervention rules out (as Mesa objective text). */
    uncovered: string[];
}

export interface DistinguishingEnvironment {
    name: string;
    /** The training environment it extends. */
    extends: string;
    /** The intervention in words, e.g. "cuts floor@1 in dusty_sweeps". */
    intervention: string;
    /** `environment X extends Train { ... }`, ready to insert. */
    source: string;
    /** Candidate objectives (as text) it makes misfit. */
    rulesOut: string[];
}

/** The trajectory sample of one environment. */
export interface SampleReport {
    env: string;
    /** Number of sampled episodes. */
    episodes: number;
    /** The policy of each episode: 'random', 'optimal' (base), or an optimizer's name. */
    policies: string[];
    /** One entry per mesa objective that can be evaluated here, against the base objective. */
    pairs: SamplePair[];
}

export interface SamplePair {
    base: string;
    mesa: string;
    /** base[i], mesa[i]: the returns of episode i (its policy is `policies[i]`). */
    baseReturns: number[];
    mesaReturns: number[];
    /** Spearman rank correlation (average ranks for ties); null when a side is constant. */
    spearman: number | null;
}

/** A budget that was hit. */
export interface IncompleteEntry {
    budget: 'states' | 'time' | 'cancelled';
    /** The cap: states per environment, or milliseconds. */
    limit: number;
    /** The environment being explored when it was hit, if any. */
    env: string | null;
    /** The optimizer whose planning state space hit it (a `model` product), else null: all objectives in `env`. */
    optimizer: string | null;
    /** A sentence for users, naming the budget. */
    message: string;
}
