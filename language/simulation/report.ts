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
    /**
     * How fast distinguishing grows (docs/analyses.md, How fast distinguishing grows): per
     * description length up to the base objective's, the pseudo-aligned candidates no
     * longer than it and the environments a cover that rules them out adds; empty when the
     * search did not run. Always present in a report `simulate` returns.
     */
    distinguishingGrowth?: DistinguishingGrowthLevel[];
    /** One entry per simulated environment. */
    samples: SampleReport[];
    /**
     * The diversity sweep (docs/analyses.md, Weights and the diversity sweep): null when no training
     * environment makes the selected candidate misfit.
     */
    diversity: DiversityReport | null;
    /**
     * The learning path (docs/analyses.md, Learning path): the base optimizer as a local search
     * over objectives, step by step; null when not computed (training not simulated).
     * Always present in a report `simulate` returns.
     */
    learningPath?: LearningPathReport | null;
    /** Every budget that was hit; empty when the analysis is complete. */
    incomplete: IncompleteEntry[];
}

/** The local search over objectives, from the empty objective to a local optimum of the score. */
export interface LearningPathReport {
    /** The objectives visited, the empty objective `0` first. */
    steps: LearningStep[];
    /**
     * True when a pseudo-aligned objective comes before any robust one (the empty objective
     * it starts from aside); null when the search was cut short before that was decided.
     */
    proxyFirst: boolean | null;
    /** False when a budget (or the step cap) stopped the search before a local optimum. */
    complete: boolean;
}

/** One step of the learning path. */
export interface LearningStep {
    /** The objective as Mesa text: `0`, `press`, `final(lamp - press)`. */
    objective: string;
    /** The move that led here: `start`, `+ x`, `- x` (a term added), `remove x`, `final`. */
    move: string;
    /** Σ weight × expected base value in training − w_depth · depth − w_length · bits. */
    score: number;
    /** Σ weight × the base objective's expected value in training when ties are broken uniformly. */
    trainValue: number;
    /** depth(O), computed when the depth penalty is not 0; else null. */
    depth: number | null;
    bits: number;
    /** Judged as an implicit ideal optimizer would be. */
    verdict: 'robust' | 'pseudo-aligned' | 'misaligned';
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
    /**
     * For a mesa objective, its EPIC distance to the base objective in each training
     * environment where it can be evaluated (docs/analyses.md, EPIC distance); empty for the
     * base objective. Always present in a report `simulate` returns.
     */
    epic?: EpicEntry[];
}

/** The EPIC distance of a mesa objective to the base objective in one training environment. */
export interface EpicEntry {
    env: string;
    /** In [0, 1]; null when a side's canonical rewards do not vary, or a budget stopped it. */
    distance: number | null;
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

/** Deployment figures averaged with the deployment weights. */
export interface DeployAverage {
    lo: number;
    hi: number;
    optimum: number;
    worst: number;
    normalizedRegret: number;
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
    /**
     * With deployment weights and more than one deployment environment: lo, hi, optimum
     * and worst averaged with the weights, and the normalized regret of those averages;
     * else null (docs/language.md, Weights).
     */
    deployAverage: DeployAverage | null;
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
    /**
     * Which kinds of training data tell its objective from the base objective
     * (docs/analyses.md, Identifiability by data source); null when it does not fit training
     * or a budget stopped the analysis. Always present in a report `simulate` returns.
     */
    distinguishedBy?: DistinguishedBy | null;
    /** Its declared algorithmic range in bits (`range BITS`), else null. Always present in a report `simulate` returns. */
    range?: number | null;
    /** For an optimizer with a range: the objective it ends up pursuing; else null (docs/analyses.md, Algorithmic range). */
    learned?: LearnedObjective | null;
}

/** The objective a range-limited optimizer pursues, and how it came to it. */
export interface LearnedObjective {
    /** Its text (`final(lamp)`, or a declared objective's body; `0` for the empty objective). */
    text: string;
    /** The declared objective it is, by name, or null for an enumerated one (whose text `objective` then holds). */
    declared: string | null;
    bits: number;
    /**
     * 'declared': its own objective fits in the range; 'best': the best-scoring
     * representable objective; 'none': no objective fits, it pursues the empty one.
     */
    how: 'declared' | 'best' | 'none';
    /** The selection score that chose it; null when it was not scored ('declared', 'none'). */
    score: number | null;
    /** How many representable objectives were scored. */
    candidates: number;
    /** The longest objectives the search reached, in bits; null when it did not search. */
    searchedBits: number | null;
    /** False when there were too many objectives in range and the search stopped at `searchedBits`. */
    complete: boolean;
    /**
     * Approximate by range: the range chose its objective, the base objective is longer than
     * the range, no objective within it is robust, and the optimizer is not robust.
     */
    approximate: boolean;
    /** Its largest normalized regret over the training and deployment environments, and where. */
    regret: { env: string; normalizedRegret: number } | null;
}

/** Over the training environments of positive weight, whether each kind of data separates two objectives. */
export interface DistinguishedBy {
    /** At some reachable state the optimizer allows a choice that is not optimal for the base objective. */
    behaviour: boolean;
    /** No positive affine map takes one objective's episode returns to the other's over every trajectory. */
    returns: boolean;
    /** No positive affine map takes one objective's per-step rewards to the other's over every reachable transition. */
    rewards: boolean;
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
    /**
     * The candidates that fit training, with their EPIC distance and deployment regret
     * (docs/analyses.md, EPIC distance): the pseudo-aligned ones first, then the robust ones,
     * each in enumeration order, at most MAX_FIGURED_CANDIDATES (50) in all. Always present
     * in a report `simulate` returns.
     */
    fitting?: CandidateFigures[];
    /** How many enumerated candidates fit training (pseudo-aligned and robust), listed in `fitting` or not. */
    fittingTotal?: number;
}

/** An enumerated candidate that fits training, set beside the base objective as a mesa objective is. */
export interface CandidateFigures {
    /** The candidate as Mesa objective text (`press`, `final(bin)`). */
    text: string;
    bits: number;
    verdict: 'pseudo-aligned' | 'robust';
    /** Its EPIC distance to the base objective per training environment where it can be evaluated. */
    epic: EpicEntry[];
    /** Its ideal optimizer in each deployment environment: the base interval of its optimal behaviour and the normalized regret. */
    deploy: DeployInterval[];
    /** The largest normalized regret over `deploy`; null when none is known. */
    regret: number | null;
}

/** Adversarial training: environments that make every enumerated pseudo-aligned candidate misfit. */
export interface DistinguishingReport {
    computed: boolean;
    environments: DistinguishingEnvironment[];
    /** Candidates no chosen intervention rules out (as Mesa objective text). */
    uncovered: string[];
}

/**
 * Which kind of fix a distinguishing environment is, cheapest first (docs/analyses.md,
 * Distinguishing environments): one the spec declares, trained in too; other values of a
 * training environment's parameter, its binding widened; a synthesised intervention.
 */
export type DistinguishingKind = 'declared' | 'parameters' | 'intervention';

export interface DistinguishingEnvironment {
    /**
     * What training gains: a declared environment's label (`Unwatched`), a widened use
     * (`Corridor(coin in 4..8)`), or a synthesised environment's new name (`LabDistinguish1`).
     */
    name: string;
    /**
     * The declaration it comes from: a declared environment's own name; the name of the
     * training environment whose parameter is widened, or that a synthesised one extends.
     */
    extends: string;
    /** What it is, in words, e.g. "cuts floor@1 in dusty_sweeps", "widens coin from 8 to 4..8". */
    intervention: string;
    /** A synthesised environment's `environment X extends Train { ... }`, ready to insert; '' for the other kinds. */
    source: string;
    /** Candidate objectives (as text) it makes misfit. */
    rulesOut: string[];
    /** Always present in a report `simulate` returns (optional for reports written before it). */
    kind?: DistinguishingKind;
    /**
     * The use in `train` the fix adds (`Unwatched`, `CorridorDistinguish1(coin = 8)`), or for a
     * widened parameter the use the training environment's becomes (`Corridor(coin in 4..8)`).
     */
    use?: string;
    /** For a widened parameter: the training environment whose use is widened, the parameter and its new range; else null. */
    widen?: { train: string; parameter: string; low: number; high: number } | null;
    /** How many environments it adds to training: 1, or the values a widening adds. */
    adds?: number;
}

/** One level of `distinguishingGrowth`. */
export interface DistinguishingGrowthLevel {
    /** A description length of the enumeration, in bits (the levels of `candidates.byBits`). */
    bits: number;
    /** Enumerated pseudo-aligned candidates no longer than `bits`. */
    pseudoAligned: number;
    /** Environments the cheapest-first greedy cover of those candidates adds to training (those no environment rules out aside). */
    coverSize: number;
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
