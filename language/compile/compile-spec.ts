/**
 * Compiles a validated spec AST into the plain model the simulation core and analyses
 * consume: environments flattened and expanded per parameter value, nodes in evaluation
 * order, objectives and optimizers, and each environment's signed causal graph.
 */
import type { Environment, EnvironmentUse, Node, Objective, Spec } from '../generated/ast.js';
import { isCall, isDepthSetting, isDeploy, isModelSetting, isObjective, isObjectiveSetting, isOptimizer, isRangeSetting, isSelect, isTrain } from '../generated/ast.js';
import type { NodeCausalEdges } from '../model/causal-graph.js';
import { buildCausalGraph, nodeCausalEdges, readsOf } from '../model/causal-graph.js';
import { MinHeap } from '../model/min-heap.js';
import { objectivesIn } from '../model/bind-parameters.js';
import type { CausalGraph, CompiledEnvironment, CompiledNode, CompiledObjective, CompiledOptimizer, CompiledSpec, Expr } from '../model/spec.js';
import type { FlatEnvironment } from './environments.js';
import { flattenEnvironment, topLevelTables, trainingEnvironments } from './environments.js';
import type { TableResolver } from './expressions.js';
import { CompileError, compileExpression, draws, holdsLocation, evaluateConstant, expressionSize, keywordLocationOf, locationOf, outcomesOf, stillLocated } from './expressions.js';
import { MAX_CONCRETE_ENVIRONMENTS } from '../validation/codes.js';
import { parameterVariants, type TrainedBinding } from './parameter-variants.js';
import { isGrid, isTable } from '../generated/ast.js';

export { CompileError };

export function compileSpec(spec: Spec, uri: string): CompiledSpec {
    const topTables = topLevelTables(spec);
    const objectives = spec.declarations.filter(isObjective).map(o => compileObjective(o, name => topTables.get(name)));
    const environments = new Map<string, CompiledEnvironment>();
    const bindings = new Map<string, TrainedBinding>();
    const add = (env: Environment, params: Record<string, number>): string => {
        const label = environmentLabel(env.name, params);
        if (!environments.has(label)) {
            environments.set(label, compileEnvironment(env, params, label, objectives));
            bindings.set(label, { env, params });
        }
        return label;
    };
    const trainUses = spec.declarations.filter(isTrain).flatMap(t => t.uses);
    const deployUses = spec.declarations.filter(isDeploy).flatMap(d => d.uses);
    const weighted = [...trainUses, ...deployUses].some(use => use.weight !== undefined);
    const trainWeights = trainUses.length > 0
        ? weightedUses(trainUses, add, weighted)
        : trainingEnvironments(spec).flatMap(env => bounded(allBindings(env), env).map(params => ({ label: add(env, params), weight: 1 })));
    const deployWeights = weightedUses(deployUses, add, weighted);
    const train = trainWeights.map(w => w.label);
    const deploy = deployWeights.map(w => w.label);
    const optimizers: CompiledOptimizer[] = spec.declarations.filter(isOptimizer).map(optimizer => {
        const model = optimizer.settings.find(isModelSetting)?.model.ref;
        const depth = optimizer.settings.find(isDepthSetting)?.value;
        const range = optimizer.settings.find(isRangeSetting)?.value;
        return {
            name: optimizer.name,
            objective: optimizer.settings.find(isObjectiveSetting)?.objective.$refText ?? '',
            ...(model ? modelBinding(model, [...new Set([...train, ...deploy])], environments, add) : {}),
            ...(depth !== undefined ? { depth } : {}),
            ...(range !== undefined ? { range } : {}),
            location: locationOf(optimizer, 'name'),
        };
    });
    // Other values of the training environments' parameters, for the distinguishing search only.
    const variants = parameterVariants(unique(train).map(l => bindings.get(l)!), new Set(environments.keys()), environmentLabel,
        (env, params, label) => compileEnvironment(env, params, label, objectives));
    const select = spec.declarations.find(isSelect);
    const trainDecl = spec.declarations.find(isTrain);
    const deployDecl = spec.declarations.find(isDeploy);
    return {
        uri,
        environments: [...environments.values()],
        ...(variants.length > 0 ? { parameterVariants: variants } : {}),
        train: unique(train),
        deploy: unique(deploy),
        weights: { train: normalised(trainWeights), deploy: normalised(deployWeights) },
        weighted,
        objectives,
        base: objectives.find(o => o.role === 'base')?.name ?? '',
        optimizers,
        select: {
            depth: select?.penalties.filter(p => p.kind === 'depth').reduce((s, p) => s + p.weight, 0) ?? 0,
            length: select?.penalties.filter(p => p.kind === 'length').reduce((s, p) => s + p.weight, 0) ?? 0,
            ...(select ? { location: keywordLocationOf(select, 'select') } : {}),
        },
        locations: {
            ...(trainDecl ? { train: keywordLocationOf(trainDecl, 'train') } : {}),
            ...(deployDecl ? { deploy: keywordLocationOf(deployDecl, 'deploy') } : {}),
        },
    };
}

export function environmentLabel(name: string, params: Record<string, number>): string {
    const entries = Object.entries(params);
    return entries.length === 0 ? name : `${name}(${entries.map(([k, v]) => `${k}=${v}`).join(',')})`;
}

/**
 * Compiled objectives without their location, kept per syntax node like nodeBodies: an
 * objective's parameters stay names, bound per environment (model/bind-parameters.ts), so
 * it compiles the same until reparsed (one with a division or a table read is not kept:
 * its compiled form holds a location, or values another declaration holds).
 */
const objectiveBodies = new WeakMap<Objective, Omit<CompiledObjective, 'location'>>();

function compileObjective(objective: Objective, tables: TableResolver): CompiledObjective {
    let body = objectiveBodies.get(objective);
    if (!body) {
        const expr = objective.body;
        const aggregate = isCall(expr) && expr.function === 'final' ? 'final' : 'sum';
        const inner = isCall(expr) && (expr.function === 'final' || expr.function === 'sum') ? expr.args[0]! : expr;
        const text = (expr.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
        body = {
            name: objective.name,
            role: objective.kind === 'base' ? 'base' : 'mesa',
            aggregate,
            expression: compileExpression(inner, {}, tables),
            size: expressionSize(expr),
            text,
        };
        // A division holds its location; a table read the values another declaration holds.
        if (!holdsLocation(body.expression)) objectiveBodies.set(objective, body);
    }
    return { ...body, location: locationOf(objective, 'name') };
}

function compileEnvironment(env: Environment, params: Record<string, number>, label: string, objectives: CompiledObjective[]): CompiledEnvironment {
    const flat = flattenEnvironment(env);
    const actions = flat.actions.map(a => a.name);
    // Without parameters a node compiles the same until it is reparsed (see compiledNodeBody).
    const reusable = flat.parameters.length === 0;
    const tables = tablesOf(flat);
    const bodies = flat.nodes.map(node => compiledNodeBody(node, params, label, reusable, tables));
    const level = nodeLevelOf(env, label, actions, bodies);
    const nodes: CompiledNode[] = level.order.map(i => placedNode(bodies[i]!, flat.nodes[i]!));
    const { graph, maxDelay } = graphOf(level, actions, nodes, objectivesIn(objectives, params));
    return {
        label, name: env.name, params,
        horizon: flat.horizon ?? 0,
        discount: flat.discount ?? 1,
        actions, nodes,
        qualitative: flat.qualitative,
        maxDelay,
        graph,
        location: locationOf(env, 'name'),
        actionLocations: Object.fromEntries(flat.actions.map(a => [a.name, locationOf(a, 'name')])),
        chance: nodes.some(n => n.initOutcomes !== undefined || (n.rule !== undefined && draws(n.rule))),
        ...shownGrid(flat, tables),
    };
}

/** The tables and grids an environment's rules see, by name: its chain's, else the top-level ones. */
function tablesOf(flat: FlatEnvironment): TableResolver {
    return name => {
        const member = flat.members.get(name);
        return isTable(member) || isGrid(member) ? member : undefined;
    };
}

/** `show grid at (x, y)`, with the grid this environment sees under that name. */
function shownGrid(flat: FlatEnvironment, tables: TableResolver): Pick<CompiledEnvironment, 'show'> {
    const show = flat.show;
    const grid = show ? tables(show.grid.$refText) : undefined;
    if (!show || !grid || !isGrid(grid)) return {};
    return { show: { grid: grid.name, rows: [...grid.rows], x: show.x.$refText, y: show.y.$refText, location: locationOf(show) } };
}

/**
 * The environments some uses stand for, each with its weight: without weights anywhere,
 * every environment weighs 1; with them, a use without one weighs 1 and a range shares
 * its use's weight equally (docs/language.md, Weights).
 */
function weightedUses(uses: EnvironmentUse[], add: (env: Environment, params: Record<string, number>) => string, weighted: boolean): { label: string; weight: number }[] {
    return uses.flatMap(use => {
        const bindings = expandUse(use);
        const weight = use.weight ?? 1;
        return bindings.map(params => ({ label: add(use.environment.ref!, params), weight: weighted ? weight / bindings.length : 1 }));
    });
}

/** Weights per distinct label (a label used twice adds up), in first-use order, summing to 1 (equal when they sum to 0). */
function normalised(weights: { label: string; weight: number }[]): number[] {
    const byLabel = new Map<string, number>();
    for (const { label, weight } of weights) byLabel.set(label, (byLabel.get(label) ?? 0) + weight);
    const total = [...byLabel.values()].reduce((s, w) => s + w, 0);
    return [...byLabel.values()].map(w => (total > 0 ? w / total : 1 / byLabel.size));
}

/** A node compiled, without its location (which moves with edits above it). */
type NodeBody = Omit<CompiledNode, 'location'>;

/**
 * Compiled nodes of environments without parameters, kept per syntax node: an edit
 * reparses only the members it touches (docs/design.md, Incremental reparse), so on a large
 * environment almost every node is the same object as before and compiles the same,
 * because without parameters its names always compile to reads. A rule with a
 * division is not kept: its compiled form holds the division's source location.
 */
const nodeBodies = new WeakMap<Node, NodeBody>();

function compiledNodeBody(node: Node, params: Record<string, number>, label: string, reusable: boolean, tables: TableResolver): NodeBody {
    const kept = reusable ? nodeBodies.get(node) : undefined;
    if (kept) return kept;
    const initExpr = node.init ? compileExpression(node.init, params, tables) : undefined;
    const outcomes = initExpr && draws(initExpr) ? outcomesOf(initExpr, locationOf(node.init!)) : undefined;
    const init = outcomes ? outcomes.reduce((best, o) => (o.p > best.p ? o : best), outcomes[0]!).value : initExpr ? evaluateConstant(initExpr) : 0;
    const values = outcomes ? outcomes.map(o => o.value) : [init];
    if (!values.every(Number.isFinite)) {
        throw new CompileError(`The init of '${node.name}' in '${label}' is not a finite number (a division by zero?).`, locationOf(node.init!));
    }
    const body: NodeBody = {
        name: node.name,
        init,
        ...(outcomes && outcomes.length > 1 ? { initOutcomes: outcomes } : {}),
        ...(node.rule ? { rule: compileExpression(node.rule, params, tables) } : {}),
        ...(node.qualitative ? { parents: node.parents.map(p => ({ name: p.target.$refText, sign: p.sign as '+' | '-' })) } : {}),
    };
    // A division, a draw or a table read holds a source location (and a table values another declaration holds).
    if (reusable && !(initExpr && holdsLocation(initExpr)) && !(body.rule && holdsLocation(body.rule))) nodeBodies.set(node, body);
    return body;
}

/**
 * A compiled node with its location, kept per body while the node stays where it was:
 * most edits move no line, and a new object per node per edit was garbage to collect.
 */
const placedNodes = new WeakMap<NodeBody, CompiledNode>();

function placedNode(body: NodeBody, node: Node): CompiledNode {
    const kept = placedNodes.get(body);
    if (kept && stillLocated(kept.location, node, 'name')) return kept;
    const placed = { ...body, location: locationOf(node, 'name') };
    placedNodes.set(body, placed);
    return placed;
}

/**
 * Whether two lists of nodes have the same evaluation order: it depends only on their
 * names, which have rules, and the names each rule reads without delay. An edit to a
 * rule that reads the same nodes (a constant, an action, a delay changed) keeps it.
 */
function sameOrderInputs(before: NodeBody[], after: NodeBody[]): boolean {
    if (before.length !== after.length) return false;
    let names: Set<string> | undefined;
    const nodeReads = (rule: Expr) => undelayedReadsOf(rule).filter(name => (names ??= new Set(after.map(n => n.name))).has(name));
    for (let i = 0; i < after.length; i++) {
        const a = before[i]!;
        const b = after[i]!;
        if (a === b) continue;
        if (a.name !== b.name || !a.rule !== !b.rule) return false;
        if (a.rule && b.rule && !sameItems(nodeReads(a.rule), nodeReads(b.rule))) return false;
    }
    return true;
}

/** Kahn's algorithm over reads without delay; among ready nodes, declaration order first. Indices into `nodes`. */
function evaluationOrder(nodes: NodeBody[]): number[] {
    const declared = () => nodes.map((_, i) => i);
    if (nodes.some(n => !n.rule)) return declared();
    const count = nodes.length;
    const index = new Map<string, number>();
    for (let i = 0; i < count; i++) index.set(nodes[i]!.name, i);
    // Each node's dependencies, then its readers, as flat arrays (no array per node: this
    // runs whenever an edit changes which nodes a rule reads, over every node).
    const deps: number[] = [];
    const depStart = new Int32Array(count + 1);
    const readerCount = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) {
        depStart[i] = deps.length;
        const node = nodes[i]!;
        for (const name of undelayedReadsOf(node.rule!)) {
            const d = name === node.name ? undefined : index.get(name);
            if (d === undefined || deps.indexOf(d, depStart[i]!) >= 0) continue;
            deps.push(d);
            readerCount[d + 1]!++;
        }
    }
    depStart[count] = deps.length;
    for (let i = 0; i < count; i++) readerCount[i + 1]! += readerCount[i]!;
    const readerStart = readerCount.slice();
    const readers = new Int32Array(deps.length);
    const pending = new Int32Array(count);
    for (let i = 0; i < count; i++) {
        pending[i] = depStart[i + 1]! - depStart[i]!;
        for (let k = depStart[i]!; k < depStart[i + 1]!; k++) readers[readerCount[deps[k]!]!++] = i;
    }
    const ready = new MinHeap<number>();
    for (let i = 0; i < count; i++) if (pending[i] === 0) ready.push(i, i);
    const ordered: number[] = [];
    while (ready.size > 0) {
        const i = ready.popValue();
        ordered.push(i);
        for (let k = readerStart[i]!; k < readerStart[i + 1]!; k++) {
            const reader = readers[k]!;
            if (--pending[reader]! === 0) ready.push(reader, reader);
        }
    }
    // A cycle leaves nodes behind: validation reports it; keep declaration order.
    return ordered.length === count ? ordered : declared();
}

/** The names a compiled rule reads without delay, kept per rule (rules are immutable). */
const undelayed = new WeakMap<Expr, string[]>();

function undelayedReadsOf(rule: Expr): string[] {
    let names = undelayed.get(rule);
    if (!names) {
        names = readsOf(rule).filter(r => r.delay === 0).map(r => r.name);
        undelayed.set(rule, names);
    }
    return names;
}

/** What an environment's nodes alone determine: their evaluation order, value signs and edges. */
interface NodeLevel {
    actions: string[];
    bodies: NodeBody[];
    order: number[];
    edges: NodeCausalEdges;
}

/**
 * Kept per environment and parameter binding, and reused while the actions and the
 * compiled nodes are the same (the same objects: see nodeBodies), as after an edit to
 * the horizon, an objective or another declaration.
 */
const nodeLevels = new WeakMap<Environment, Map<string, NodeLevel>>();

function nodeLevelOf(env: Environment, label: string, actions: string[], bodies: NodeBody[]): NodeLevel {
    let byLabel = nodeLevels.get(env);
    if (!byLabel) {
        byLabel = new Map();
        nodeLevels.set(env, byLabel);
    }
    const kept = byLabel.get(label);
    if (kept && sameItems(kept.actions, actions) && sameItems(kept.bodies, bodies)) return kept;
    const order = kept && sameOrderInputs(kept.bodies, bodies) ? kept.order : evaluationOrder(bodies);
    // Edges in evaluation order, as the graph lists them.
    const level = { actions, bodies, order, edges: nodeCausalEdges(actions, order.map(i => bodies[i]!), kept?.edges) };
    byLabel.set(label, level);
    return level;
}

/**
 * The causal graph and the largest delays, reused while the node level and the
 * objectives' compiled expressions are the same objects: the static analyses keep their
 * path searches per graph.
 */
const graphs = new WeakMap<NodeLevel, { expressions: Expr[]; names: string[]; derived: GraphAndDelays }>();

interface GraphAndDelays {
    graph: CausalGraph;
    maxDelay: Record<string, number>;
}

function graphOf(level: NodeLevel, actions: string[], nodes: CompiledNode[], objectives: CompiledObjective[]): GraphAndDelays {
    const expressions = objectives.map(o => o.expression);
    const names = objectives.map(o => o.name);
    const kept = graphs.get(level);
    if (kept && sameItems(kept.expressions, expressions) && sameItems(kept.names, names)) return kept.derived;
    const derived = { graph: buildCausalGraph(actions, nodes, objectives, level.edges), maxDelay: maxDelays(level.edges.signs.current, nodes, expressions) };
    graphs.set(level, { expressions, names, derived });
    return derived;
}

/** Per action and node (the names of the sign table), the longest delay any rule or objective that can be evaluated reads it at. */
function maxDelays(names: ReadonlyMap<string, unknown>, nodes: CompiledNode[], objectives: Expr[]): Record<string, number> {
    const maxDelay: Record<string, number> = {};
    for (const name of names.keys()) maxDelay[name] = 0;
    const note = (expr: Expr) => {
        const reads = readsOf(expr);
        if (!reads.every(r => names.has(r.name))) return;
        for (const { name, delay } of reads) {
            if (delay > maxDelay[name]!) maxDelay[name] = delay;
        }
    };
    for (const node of nodes) if (node.rule) note(node.rule);
    for (const expr of objectives) note(expr);
    return maxDelay;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
    return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** A parameter's values, as an inclusive range (a lone value is low = high). */
interface ParameterRange { name: string; low: number; high: number }

/**
 * The bindings of some parameter ranges, or a CompileError at `env`'s name past
 * MAX_CONCRETE_ENVIRONMENTS: validation reports that first (`too-many-environments`),
 * and the ranges are never expanded (docs/language.md, Parameters).
 */
function bounded(ranges: ParameterRange[], env: Environment): Record<string, number>[] {
    const count = ranges.reduce((n, r) => n * Math.max(0, Math.floor(r.high) - Math.ceil(r.low) + 1), 1);
    if (count > MAX_CONCRETE_ENVIRONMENTS) {
        throw new CompileError(`'${env.name}' stands for ${count} concrete environments; Mesa analyses at most ${MAX_CONCRETE_ENVIRONMENTS}.`, locationOf(env, 'name'));
    }
    return cartesian(ranges.map(r => ({ name: r.name, values: range(r.low, r.high) })));
}

/** The parameter ranges an environment use stands for, in the order of the declared parameters. */
function useRanges(use: EnvironmentUse, env: Environment): ParameterRange[] {
    return flattenEnvironment(env).parameters.map(param => {
        const binding = use.bindings.find(b => b.parameter.$refText === param.name);
        if (binding?.value !== undefined) return { name: param.name, low: binding.value, high: binding.value };
        return { name: param.name, low: binding?.low ?? param.low, high: binding?.high ?? param.high };
    });
}

/** The parameter bindings an environment use stands for, in the order of the declared parameters. */
export function expandUse(use: EnvironmentUse): Record<string, number>[] {
    const env = use.environment.ref;
    return env ? bounded(useRanges(use, env), env) : [];
}

function allBindings(env: Environment): ParameterRange[] {
    return flattenEnvironment(env).parameters.map(p => ({ name: p.name, low: p.low, high: p.high }));
}

/**
 * The model an optimizer plans in, per environment it acts in (docs/language.md, Training
 * and deployment): each parameter of the model takes the acting environment's value of the
 * parameter of the same name when that lies in its range, else the low end of its range.
 */
function modelBinding(model: Environment, acting: string[], environments: Map<string, CompiledEnvironment>,
    add: (env: Environment, params: Record<string, number>) => string): Pick<CompiledOptimizer, 'model' | 'models'> {
    const parameters = flattenEnvironment(model).parameters;
    const models: Record<string, string> = {};
    for (const label of acting) {
        const values = environments.get(label)?.params ?? {};
        models[label] = add(model, Object.fromEntries(parameters.map(p => {
            const value = values[p.name];
            return [p.name, value !== undefined && value >= p.low && value <= p.high ? value : p.low];
        })));
    }
    const labels = [...new Set(Object.values(models))];
    if (labels.length === 0) return { model: add(model, Object.fromEntries(parameters.map(p => [p.name, p.low]))) };
    return labels.length === 1 ? { model: labels[0]! } : { model: model.name, models };
}

function range(low: number, high: number): number[] {
    const values: number[] = [];
    for (let v = low; v <= high; v++) values.push(v);
    return values;
}

function cartesian(ranges: { name: string; values: number[] }[]): Record<string, number>[] {
    let result: Record<string, number>[] = [{}];
    for (const { name, values } of ranges) {
        result = result.flatMap(partial => values.map(v => ({ ...partial, [name]: v })));
    }
    return result;
}

function unique(labels: string[]): string[] {
    return [...new Set(labels)];
}

