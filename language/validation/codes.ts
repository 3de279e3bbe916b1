/**
 * Every diagnostic code Mesa reports, in one place: the LSP `code`, the CLI's JSON and
 * SARIF rule ids. Quick fixes and tests find diagnostics by these.
 */
export const IssueCodes = {
    // Errors (docs/analyses.md, Well-formedness errors)
    SyntaxError: 'syntax-error',
    FileTooLarge: 'file-too-large',
    NestingTooDeep: 'nesting-too-deep',
    ExpressionTooDeep: 'expression-too-deep',
    UnresolvedName: 'unresolved-name',
    Duplicate: 'duplicate-name',
    Cycle: 'cycle',
    ExtendsCycle: 'extends-cycle',
    InvalidDelay: 'invalid-delay',
    NoBaseObjective: 'no-base-objective',
    MultipleBaseObjectives: 'multiple-base-objectives',
    MissingHorizon: 'missing-horizon',
    InvalidValue: 'invalid-value',
    MisplacedAggregate: 'misplaced-aggregate',
    ParameterOutOfRange: 'parameter-out-of-range',
    MissingName: 'missing-name-in-environment',
    InvalidOptimizer: 'invalid-optimizer',
    DepthOutOfRange: 'depth-out-of-range',
    InvalidModel: 'invalid-model',
    InvalidInit: 'invalid-init',
    TooManyEnvironments: 'too-many-environments',
    /** A probability that is not a constant in [0, 1], probabilities not summing to 1, a draw in an objective (docs/language.md, Chance). */
    InvalidChance: 'invalid-chance',
    /** Rows of a grid or table of different lengths (docs/language.md, Tables and grids). */
    RaggedGrid: 'ragged-grid',
    /** An index that is not a whole number in range: found by the checks when constant, else at run time. */
    IndexOutOfRange: 'index-out-of-range',
    // Static analyses (docs/analyses.md, Static analyses)
    ProxySideEffect: 'proxy-side-effect',
    ProxyInstrumental: 'proxy-instrumental',
    ProxyGeneral: 'proxy-general',
    ApproximateTarget: 'approximate-target',
    NoCausalLink: 'no-causal-link',
    Precomputation: 'precomputation',
    // Simulation-backed analyses (docs/analyses.md, Simulation-backed analyses)
    Unidentifiable: 'unidentifiable',
    DistributionShift: 'distribution-shift',
    SuboptimalityAlignment: 'suboptimality-alignment',
    SelectionPrefersProxy: 'selection-prefers-proxy',
    UnderdeterminedTraining: 'underdetermined-training',
    /** The least share of training some environments need before selection picks a robust optimizer (docs/analyses.md, Weights and the diversity sweep). */
    DiversityThreshold: 'diversity-threshold',
    /** An optimizer's range cannot hold the base objective (or its own): it pursues the best objective it can represent (docs/analyses.md, Algorithmic range). */
    RangeForcesApproximation: 'range-forces-approximation',
    /** The learning path reaches a pseudo-aligned objective before any robust one (docs/analyses.md, Learning path). */
    LearningPathProxyFirst: 'learning-path-proxy-first',
    Misaligned: 'misaligned',
    AnalysisIncomplete: 'analysis-incomplete',
    /** The spec has errors: the simulation-backed results are withdrawn until they are fixed (docs/editor.md, Diagnostics while typing). */
    AnalysisWaiting: 'analysis-waiting',
    /** The editor's analysis stopped (its worker died): its earlier results are withdrawn (docs/editor.md, Diagnostics while typing). */
    AnalysisFailed: 'analysis-failed',
    QualitativeOnly: 'qualitative-only',
    RuntimeError: 'runtime-error',
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

/** The largest number of concrete environments a spec's parameter ranges may expand to. */
export const MAX_CONCRETE_ENVIRONMENTS = 1000;
