/**
 * The compiled model of a Mesa spec: plain data with no dependency on Langium or LSP.
 * Environments are flattened through `extends`, parameters are bound, expressions
 * are small trees over names, and every environment carries its signed causal graph.
 * The simulation core, the graph analyses, the CLI and the worker all consume this.
 */

/** A 0-based LSP-style position. */
export interface Position {
    line: number;
    character: number;
}

export interface Range {
    start: Position;
    end: Position;
}

/** Where something is declared or written: document URI and range. */
export interface SourceLocation {
    uri: string;
    range: Range;
}

/** Monotonicity of an expression in one of its inputs: increasing, decreasing, or mixed/unknown. */
export type Sign = '+' | '-' | '±';

export type BinaryOperator =
    | '+' | '-' | '*' | '/'
    | '==' | '!=' | '<' | '<=' | '>' | '>='
    | 'and' | 'or';

export type CallFunction = 'min' | 'max' | 'abs' | 'clamp';

/** One outcome of a draw: its probability (> 0) and the expression it gives. */
export interface DrawOption {
    p: number;
    value: Expr;
}

/** One outcome of an `init` that draws: a value and its probability (> 0). */
export interface InitOutcome {
    value: number;
    p: number;
}

/**
 * An expression. `ref` reads an action or node by name, at the current step (delay 0)
 * or `delay` steps earlier. Parameters are already replaced by constants; `true`/`false`
 * are the constants 1/0, a character literal is its code. A division carries its source
 * location so that a division by zero at run time can be reported where it is written.
 *
 * `draw` is a chance call (`bernoulli`, `uniform`, `choose`, docs/language.md, Chance):
 * an independent draw each time it is evaluated, giving `options[i].value` with
 * probability `options[i].p` (outcomes of probability 0 are dropped; the p sum to 1).
 * `index` reads a table or grid resolved for this environment: `values` row-major with
 * `shape` [n] or [rows, columns], one index expression per dimension; an index that is
 * not an integer in range is a run-time error at `location` (the indexing).
 */
export type Expr =
    | { kind: 'const'; value: number }
    | { kind: 'ref'; name: string; delay: number }
    | { kind: 'unary'; op: '-' | 'not'; operand: Expr }
    | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; location?: SourceLocation }
    | { kind: 'if'; condition: Expr; then: Expr; else: Expr }
    | { kind: 'call'; fn: CallFunction; args: Expr[] }
    | { kind: 'draw'; options: DrawOption[]; location?: SourceLocation }
    | { kind: 'index'; table: string; values: number[]; shape: number[]; indices: Expr[]; location?: SourceLocation };

/** A node of an environment after flattening. */
export interface CompiledNode {
    name: string;
    /** Value at t = 0 (parameters and constants only); with `initOutcomes`, the most probable outcome. */
    init: number;
    /** When the init draws: its distinct values with their probabilities (drawn once, at t = 0). */
    initOutcomes?: InitOutcome[];
    /** The rule giving the value at every step; absent for a qualitative node. */
    rule?: Expr;
    /** Declared signed parents of a qualitative node. */
    parents?: { name: string; sign: '+' | '-' }[];
    location: SourceLocation;
}

/** A signed, delayed causal edge. `to` is a node name, or an objective name when `toObjective`. */
export interface CausalEdge {
    from: string;
    to: string;
    toObjective: boolean;
    sign: Sign;
    /** The k of `from@k`; 0 for a current reference. */
    delay: number;
}

export interface CausalGraph {
    /** Actions, then nodes, in declaration order. */
    actions: string[];
    nodes: string[];
    /** Objectives that can be evaluated in this environment (they read only names it has). */
    objectives: string[];
    edges: CausalEdge[];
}

/** One concrete environment: declared environment with every parameter bound. */
export interface CompiledEnvironment {
    /** `Lab`, or with bound parameters `Corridor(coin=3)`. Unique within a spec. */
    label: string;
    /** The declared environment's name. */
    name: string;
    params: Record<string, number>;
    horizon: number;
    discount: number;
    /** The agent's actions, in declaration order (parents' first). */
    actions: string[];
    /**
     * Nodes in an evaluation order: every node comes after the nodes it reads without
     * delay. Qualitative nodes come in declaration order.
     */
    nodes: CompiledNode[];
    /** True when some node is qualitative: the environment is analysed, not simulated. */
    qualitative: boolean;
    /** The largest delay at which each action or node is read (by rules or objectives); 0 if never delayed. */
    maxDelay: Record<string, number>;
    graph: CausalGraph;
    location: SourceLocation;
    /** Where each action is declared (in this environment or the one it extends). */
    actionLocations: Record<string, SourceLocation>;
    /** True when some rule or init draws (docs/language.md, Chance). */
    chance: boolean;
    /** A grid shown as the environment's picture (`show grid at (x, y)`). */
    show?: ShownGrid;
}

/** `show name at (x, y)`: the grid, as resolved for this environment, and the nodes holding the agent's position. */
export interface ShownGrid {
    grid: string;
    rows: string[];
    x: string;
    y: string;
    location: SourceLocation;
}

export interface CompiledObjective {
    name: string;
    role: 'base' | 'mesa';
    /** `sum`: Σ_t γ^(t−1)·e_t; `final`: e at t = H. */
    aggregate: 'sum' | 'final';
    /** The expression inside `final(...)`/`sum(...)`, or the whole body. */
    expression: Expr;
    /** Number of AST nodes of the whole body (including a `final`/`sum` call): the description-length unit. */
    size: number;
    /** The body as written, normalised to single spaces. */
    text: string;
    location: SourceLocation;
}

export interface CompiledOptimizer {
    name: string;
    objective: string;
    /**
     * The environment it plans in (its beliefs), when declared: its label when it is the
     * same in every environment the optimizer acts in, else the declared environment's
     * name, bound per acting environment in `models`.
     */
    model?: string;
    /**
     * Per label of a training or deployment environment, the label of the model it plans
     * in there (docs/language.md, Training and deployment), when that differs between
     * them; absent, `model` is the label everywhere.
     */
    models?: Record<string, string>;
    /** Planning depth, when declared. */
    depth?: number;
    /**
     * Algorithmic range in bits, when declared (docs/analyses.md, Algorithmic range): it can
     * only represent objectives that short. `objective` is then '' when none is declared:
     * the core decides which objective it pursues.
     */
    range?: number;
    location: SourceLocation;
}

export interface CompiledSpec {
    uri: string;
    /** Every concrete environment used by `train`, `deploy` or an optimizer's `model`, each once. */
    environments: CompiledEnvironment[];
    /**
     * Environments at other values of a training environment's parameters that no use
     * compiles (compile/parameter-variants.ts): for the distinguishing search only, which
     * explores one when its parameter stage needs it (docs/analyses.md, Distinguishing
     * environments). Absent when there are none.
     */
    parameterVariants?: CompiledEnvironment[];
    /** Labels of the training environments (the first declared environment when there is no `train`). */
    train: string[];
    /** Labels of the deployment environments, possibly empty. */
    deploy: string[];
    /**
     * The weight of each training and deployment environment, parallel to `train` and
     * `deploy`, summing to 1 (docs/language.md, Weights): equal when no use has a weight.
     */
    weights: { train: number[]; deploy: number[] };
    /** True when some `train` or `deploy` use declares a weight. */
    weighted: boolean;
    objectives: CompiledObjective[];
    /** Name of the base objective. */
    base: string;
    /** Declared optimizers only; every mesa objective also has an implicit ideal optimizer. */
    optimizers: CompiledOptimizer[];
    select: { depth: number; length: number; location?: SourceLocation };
    locations: {
        train?: SourceLocation;
        deploy?: SourceLocation;
    };
}
