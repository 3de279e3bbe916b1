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

/**
 * An expression. `ref` reads an action or node by name, at the current step (delay 0)
 * or `delay` steps earlier. Parameters are already replaced by constants; `true`/`false`
 * are the constants 1/0. A division carries its source location so that a division by
 * zero at run time can be reported where it is written.
 */
export type Expr =
    | { kind: 'const'; value: number }
    | { kind: 'ref'; name: string; delay: number }
    | { kind: 'unary'; op: '-' | 'not'; operand: Expr }
    | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; location?: SourceLocation }
    | { kind: 'if'; condition: Expr; then: Expr; else: Expr }
    | { kind: 'call'; fn: CallFunction; args: Expr[] };

/** A node of an environment after flattening. */
export interface CompiledNode {
    name: string;
    /** Value at t = 0 (parameters and constants only). */
    init: number;
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
    location: SourceLocation;
}

export interface CompiledSpec {
    uri: string;
    /** Every concrete environment used by `train`, `deploy` or an optimizer's `model`, each once. */
    environments: CompiledEnvironment[];
    /** Labels of the training environments (the first declared environment when there is no `train`). */
    train: string[];
    /** Labels of the deployment environments, possibly empty. */
    deploy: string[];
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
