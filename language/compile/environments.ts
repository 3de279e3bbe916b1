/**
 * What an environment declaration means once `extends` is followed: its chain of
 * ancestors, its flattened members (a child's node or table replaces its parent's, and
 * any of them a top-level table of the same name), its horizon, discount, parameters
 * and shown grid; and which environments a spec trains and deploys in.
 * Results are memoised per AST node, so scoping and validation share one computation.
 */
import type { Action, Environment, EnvironmentUse, Grid, Node, Parameter, Show, Spec, Table } from '../generated/ast.js';
import { isActionGroup, isDeploy, isDiscount, isEnvironment, isGrid, isHorizon, isNode, isShow, isSpec, isTable, isTrain } from '../generated/ast.js';
import { parseStampOf } from '../parse/per-parse-cache.js';

export type Member = Action | Node | Parameter | Table | Grid;

/** A constant table or a grid: read by indexing (docs/language.md, Tables and grids). */
export type TableLike = Table | Grid;

export interface FlatEnvironment {
    /** The environment itself first, then its ancestors; stops before a repeated one. */
    chain: Environment[];
    /** True when `extends` leads back into the chain. */
    cyclic: boolean;
    /** Every readable name: parameters, actions, nodes and tables, nearest declaration wins. */
    members: Map<string, Member>;
    actions: Action[];
    nodes: Node[];
    parameters: Parameter[];
    /** Tables and grids declared in the chain, nearest first wins (top-level ones are in `members` only). */
    tables: Map<string, TableLike>;
    /** The nearest `show` of the chain. */
    show?: Show;
    horizon?: number;
    discount?: number;
    qualitative: boolean;
}

/** `env`, its parent, its grandparent...; cyclic when a name repeats. Linear in the chain's length. */
export function environmentChain(env: Environment): { chain: Environment[]; cyclic: boolean } {
    const chain: Environment[] = [];
    const seen = new Set<Environment>();
    let current: Environment | undefined = env;
    while (current) {
        if (seen.has(current)) {
            return { chain, cyclic: true };
        }
        seen.add(current);
        chain.push(current);
        current = current.superEnv?.ref;
    }
    return { chain, cyclic: false };
}

/**
 * Flattened environments of the current parse. An environment is flattened from its
 * parent's result, so a chain of n `extends` costs n merges, not n² walks up the chain
 * (docs/language.md, Extends); the walk up to the nearest flattened ancestor is a loop,
 * so a long chain never deepens the stack.
 */
const flats = new WeakMap<Environment, { stamp: object; flat: FlatEnvironment }>();

function cached(env: Environment): FlatEnvironment | undefined {
    const entry = flats.get(env);
    return entry && entry.stamp === parseStampOf(env) ? entry.flat : undefined;
}

function store(env: Environment, flat: FlatEnvironment): FlatEnvironment {
    flats.set(env, { stamp: parseStampOf(env), flat });
    return flat;
}

export function flattenEnvironment(env: Environment): FlatEnvironment {
    const hit = cached(env);
    if (hit) return hit;
    const path: Environment[] = [];
    const onPath = new Set<Environment>();
    let current: Environment | undefined = env;
    while (current && !cached(current)) {
        if (onPath.has(current)) {
            // The chain runs into a cycle: each environment on the way walks its own chain.
            for (const e of path) store(e, flattenChain(e));
            return cached(env)!;
        }
        onPath.add(current);
        path.push(current);
        current = current.superEnv?.ref;
    }
    let parent = current ? cached(current) : undefined;
    for (let i = path.length - 1; i >= 0; i--) {
        const e = path[i]!;
        parent = store(e, parent?.cyclic ? flattenChain(e) : extended(parent, e));
    }
    return parent!;
}

/** The members gathered from the root ancestor down to some declaration. */
interface Gathered {
    parameters: Map<string, Parameter>;
    actions: Map<string, Action>;
    nodes: Map<string, Node>;
    tables: Map<string, TableLike>;
    show?: Show;
    horizon?: number;
    discount?: number;
}

/** Adds a declaration's own members: nearer declarations replace farther ones, except actions (the first one stays). */
function gather(into: Gathered, decl: Environment): void {
    for (const param of decl.params) {
        into.parameters.set(param.name, param);
    }
    for (const member of decl.members) {
        if (isHorizon(member)) {
            into.horizon = member.value;
        } else if (isDiscount(member)) {
            into.discount = member.value;
        } else if (isActionGroup(member)) {
            for (const action of member.actions) {
                if (action.name && !into.actions.has(action.name)) {
                    into.actions.set(action.name, action);
                }
            }
        } else if (isNode(member) && member.name) {
            into.nodes.set(member.name, member);
        } else if ((isTable(member) || isGrid(member)) && member.name) {
            into.tables.set(member.name, member);
        } else if (isShow(member)) {
            into.show = member;
        }
    }
}

function flatOf(g: Gathered, chain: () => Environment[], cyclic: boolean, spec: Spec | undefined): FlatEnvironment {
    const members = new Map<string, Member>();
    for (const map of [topLevelTables(spec), g.parameters, g.actions, g.nodes, g.tables] as Map<string, Member>[]) {
        for (const [name, member] of map) {
            members.set(name, member);
        }
    }
    const nodes = [...g.nodes.values()];
    let walked: Environment[] | undefined;
    return {
        get chain() { return walked ??= chain(); },
        cyclic, members,
        actions: [...g.actions.values()],
        nodes,
        parameters: [...g.parameters.values()],
        tables: g.tables,
        ...(g.show ? { show: g.show } : {}),
        horizon: g.horizon, discount: g.discount,
        qualitative: nodes.some(n => n.qualitative),
    };
}

/** `env` flattened from its parent's result (none: a root), the parent's chain not cyclic. */
function extended(parent: FlatEnvironment | undefined, env: Environment): FlatEnvironment {
    const g: Gathered = {
        parameters: new Map(parent?.parameters.map(p => [p.name, p])),
        actions: new Map(parent?.actions.map(a => [a.name, a])),
        nodes: new Map(parent?.nodes.map(n => [n.name, n])),
        tables: new Map(parent?.tables),
        show: parent?.show,
        horizon: parent?.horizon,
        discount: parent?.discount,
    };
    gather(g, env);
    return flatOf(g, () => environmentChain(env).chain, false, specOf(env));
}

/** `env` flattened by walking its own chain (one that runs into a cycle). */
function flattenChain(env: Environment): FlatEnvironment {
    const { chain, cyclic } = environmentChain(env);
    const g: Gathered = { parameters: new Map(), actions: new Map(), nodes: new Map(), tables: new Map() };
    // Walk from the root ancestor down so that nearer declarations replace farther ones.
    for (const decl of [...chain].reverse()) gather(g, decl);
    return flatOf(g, () => chain, cyclic, specOf(env));
}

function specOf(env: Environment): Spec | undefined {
    return isSpec(env.$container) ? env.$container : undefined;
}

/** The top-level tables and grids of the current parse, by name (the first declaration wins). */
const topLevel = new WeakMap<Spec, { stamp: object; tables: Map<string, TableLike> }>();

export function topLevelTables(spec: Spec | undefined): Map<string, TableLike> {
    if (!spec) return new Map();
    const entry = topLevel.get(spec);
    if (entry && entry.stamp === parseStampOf(spec)) return entry.tables;
    const tables = new Map<string, TableLike>();
    for (const d of spec.declarations) {
        if ((isTable(d) || isGrid(d)) && d.name && !tables.has(d.name)) tables.set(d.name, d);
    }
    topLevel.set(spec, { stamp: parseStampOf(spec), tables });
    return tables;
}

export function environmentsOf(spec: Spec): Environment[] {
    return spec.declarations.filter(isEnvironment);
}

/** The `train` uses; a spec without `train` trains in its first environment. */
export function trainingEnvironments(spec: Spec): Environment[] {
    const uses = spec.declarations.filter(isTrain).flatMap(t => t.uses);
    if (uses.length === 0) {
        const first = environmentsOf(spec)[0];
        return first ? [first] : [];
    }
    return resolvedEnvironments(uses);
}

export function deploymentEnvironments(spec: Spec): Environment[] {
    return resolvedEnvironments(spec.declarations.filter(isDeploy).flatMap(d => d.uses));
}

/** Where objectives are evaluated: training environments first, then deployment ones, each once. */
export function evaluationEnvironments(spec: Spec): Environment[] {
    return [...new Set([...trainingEnvironments(spec), ...deploymentEnvironments(spec)])];
}

function resolvedEnvironments(uses: EnvironmentUse[]): Environment[] {
    // A use recovered from half-typed text (`train (x)`) has no environment reference at all.
    return uses.map(u => u.environment?.ref).filter((e): e is Environment => e !== undefined);
}
