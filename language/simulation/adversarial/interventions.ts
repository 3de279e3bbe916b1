/**
 * The interventions of docs/simulation.md (Distinguishing environments) on one training environment, each a derived
 * environment both as a compiled environment (to judge objectives in) and as the
 * members of `environment X extends Train { ... }` that declare it in Mesa:
 * - an added action that raises one node by 1 for a step: `action raise_n` and the
 *   node redeclared as `rule + raise_n`;
 * - a cut edge: one reference in one rule replaced by 0 (the node redeclared);
 * - a node's init doubled or zeroed (when it is non-zero and read with a delay);
 * - the horizon doubled;
 * - a parameter set to another value of its range (in pairs only: alone, it is one of the
 *   parameter values tried before any intervention). The derived environment of a
 *   parameterised training environment extends its declaration and is used with the
 *   same values (`CorridorDistinguish1(coin = 8)`): a redeclared rule is printed with them
 *   as constants, which the binding makes equal.
 * None writes a value that is not a finite number: an init whose double overflows is
 * only zeroed, and a node whose rule holds such a constant is left alone. An init that
 * draws is doubled outcome by outcome, or zeroed (it then no longer draws); a rule is
 * printed back with its draws and indexings (print.ts), and a node whose rule cannot be
 * printed (a table without a name the grammar reads) is left alone too.
 * A redeclared node keeps its init explicitly, since redeclaring replaces it. When
 * single interventions leave objectives undistinguished, pairs of them on the same
 * environment are tried too (`combine`).
 */
import type { CompiledEnvironment, CompiledNode, Expr, InitOutcome } from '../../model/spec.js';
import { collectReads } from '../codegen.js';
import { initText, numberText, printable, printExpr } from './print.js';

/**
 * One elementary change of §4; an intervention is one change, or two on the same
 * environment. `param` sets a parameter to another value of its range: `env` is the
 * environment at that value, one the spec compiles or one the compiler hands over for the
 * search (docs/simulation.md, Distinguishing environments); on its own it is a parameter value, tried before any intervention, so it
 * only enters pairs.
 */
export type Change =
    | { kind: 'raise'; node: string; action: string }
    | { kind: 'cut'; node: string; index: number }
    | { kind: 'init'; node: string; value: number; outcomes?: InitOutcome[] }
    | { kind: 'horizon' }
    | { kind: 'param'; parameter: string; value: number; env: CompiledEnvironment };

export interface Intervention {
    /** The training environment's label. */
    train: string;
    /** Its declaration's name, which the derived environment extends. */
    declaration: string;
    /** The parameter values the derived environment's use binds (the training environment's, or a `param` change's). */
    params: Record<string, number>;
    /** In words, e.g. "cuts floor@1 in dusty_sweeps". */
    description: string;
    changes: Change[];
    /** Its number among the interventions on its training environment: the derived environment's label is `<train>\u0000<index>`. */
    index: number;
    /**
     * The derived environment, labelled `label` until it gets its name: built when read
     * (a copy of the training environment's nodes), not with the list of interventions,
     * which on a large environment numbers thousands (docs/simulation.md, Budgets).
     */
    readonly env: CompiledEnvironment;
    /** Member lines of its declaration, without indentation (built when read, like `env`). */
    readonly members: string[];
}

/** A node's init as Mesa source: a number, or the draw it makes. */
function initSource(init: number, outcomes: InitOutcome[] | undefined): string {
    if (outcomes && outcomes.length > 1) return initText(outcomes);
    return init < 0 ? `-${numberText(-init)}` : numberText(init);
}

function nodeLine(n: CompiledNode & { rule: Expr }): string {
    const drawn = n.initOutcomes !== undefined && n.initOutcomes.length > 1;
    const init = n.init !== 0 || drawn ? ` init ${initSource(n.init, n.initOutcomes)}` : '';
    return `node ${n.name}${init} = ${printExpr(n.rule)}`;
}

/** Whether every constant of an expression is a finite number (then it can be printed back as Mesa). */
function finiteConstants(e: Expr): boolean {
    switch (e.kind) {
        case 'const': return Number.isFinite(e.value);
        case 'ref': return true;
        case 'unary': return finiteConstants(e.operand);
        case 'binary': return finiteConstants(e.left) && finiteConstants(e.right);
        case 'if': return finiteConstants(e.condition) && finiteConstants(e.then) && finiteConstants(e.else);
        case 'call': return e.args.every(finiteConstants);
        case 'draw': return e.options.every(o => finiteConstants(o.value));
        case 'index': return e.indices.every(finiteConstants);
    }
}

/** Whether an expression draws. */
function drawsIn(e: Expr): boolean {
    switch (e.kind) {
        case 'const': case 'ref': return false;
        case 'unary': return drawsIn(e.operand);
        case 'binary': return drawsIn(e.left) || drawsIn(e.right);
        case 'if': return drawsIn(e.condition) || drawsIn(e.then) || drawsIn(e.else);
        case 'call': return e.args.some(drawsIn);
        case 'draw': return true;
        case 'index': return e.indices.some(drawsIn);
    }
}

/** The names of the tables an expression indexes. */
function tablesOf(e: Expr, into: Set<string>): Set<string> {
    switch (e.kind) {
        case 'unary': tablesOf(e.operand, into); break;
        case 'binary': tablesOf(e.left, into); tablesOf(e.right, into); break;
        case 'if': tablesOf(e.condition, into); tablesOf(e.then, into); tablesOf(e.else, into); break;
        case 'call': for (const a of e.args) tablesOf(a, into); break;
        case 'draw': for (const o of e.options) tablesOf(o.value, into); break;
        case 'index': into.add(e.table); for (const i of e.indices) tablesOf(i, into); break;
        default: break;
    }
    return into;
}

/** The references of an expression in traversal order. */
function refsOf(e: Expr, out: { name: string; delay: number }[] = []): { name: string; delay: number }[] {
    switch (e.kind) {
        case 'ref': out.push({ name: e.name, delay: e.delay }); break;
        case 'unary': refsOf(e.operand, out); break;
        case 'binary': refsOf(e.left, out); refsOf(e.right, out); break;
        case 'if': refsOf(e.condition, out); refsOf(e.then, out); refsOf(e.else, out); break;
        case 'call': for (const a of e.args) refsOf(a, out); break;
        case 'draw': for (const o of e.options) refsOf(o.value, out); break;
        case 'index': for (const i of e.indices) refsOf(i, out); break;
        default: break;
    }
    return out;
}

/** The expression with its k-th reference (traversal order) replaced by 0. */
function cut(e: Expr, k: { left: number }): Expr {
    switch (e.kind) {
        case 'ref': return k.left-- === 0 ? { kind: 'const', value: 0 } : e;
        case 'unary': return { ...e, operand: cut(e.operand, k) };
        case 'binary': { const left = cut(e.left, k); return { ...e, left, right: cut(e.right, k) }; }
        case 'if': {
            const condition = cut(e.condition, k), then = cut(e.then, k);
            return { ...e, condition, then, else: cut(e.else, k) };
        }
        case 'call': return { ...e, args: e.args.map(a => cut(a, k)) };
        case 'draw': return { ...e, options: e.options.map(o => ({ ...o, value: cut(o.value, k) })) };
        case 'index': return { ...e, indices: e.indices.map(i => cut(i, k)) };
        default: return e;
    }
}

/** Largest delays read by the rules (the codegen adds the objectives' own reads). */
function rulesMaxDelay(nodes: CompiledNode[]): Record<string, number> {
    const reads = new Map<string, number>();
    for (const n of nodes) if (n.rule) collectReads(n.rule, reads);
    return Object.fromEntries([...reads].filter(([, d]) => d > 0));
}

/** A fresh action name `raise_<node>` that the environment does not use (`taken`: its names). */
function freshAction(taken: ReadonlySet<string>, node: string): string {
    let name = `raise_${node}`;
    for (let i = 2; taken.has(name); i++) name = `raise_${node}_${i}`;
    return name;
}

/** What every environment derived from one training environment starts from, computed once per training environment. */
interface Basis {
    /** Each node's position. */
    position: Map<string, number>;
    /** The rules' largest delays (rulesMaxDelay). */
    maxDelay: Record<string, number>;
    /** Some rule draws. */
    ruleDraws: boolean;
}

const bases = new WeakMap<CompiledEnvironment, Basis>();

function basisOf(train: CompiledEnvironment): Basis {
    let b = bases.get(train);
    if (!b) {
        const nodes = train.nodes;
        b = {
            position: new Map(nodes.map((n, i) => [n.name, i])),
            maxDelay: rulesMaxDelay(nodes),
            ruleDraws: nodes.some(n => n.rule !== undefined && drawsIn(n.rule)),
        };
        bases.set(train, b);
    }
    return b;
}

/**
 * Applies changes to a training environment: cuts first (the highest reference first,
 * so the others keep their indices), then added actions (appended to the rule, after
 * every original reference), then inits and the horizon. Unchanged nodes stay the same
 * objects. An added action, an init or the horizon changes no rule's delays, nor whether
 * a rule draws; only a cut of a delayed reference can lower a delay.
 */
function build(trained: CompiledEnvironment, changes: Change[], k: number): { env: CompiledEnvironment; members: string[] } {
    // A parameter set to another value starts from the environment at that value.
    const train = baseOf(trained, changes);
    const trainNodes = train.nodes;
    const basis = basisOf(train);
    const derivedNodes = [...trainNodes];
    const order = (c: Change): number => (c.kind === 'cut' ? -c.index : c.kind === 'raise' ? 1000 : 2000);
    const actions = [...train.actions];
    let horizon = train.horizon;
    let delays = false;
    for (const c of [...changes].sort((a, b) => order(a) - order(b))) {
        if (c.kind === 'param') continue;
        if (c.kind === 'horizon') { horizon = 2 * train.horizon; continue; }
        const at = basis.position.get(c.node)!;
        const n = derivedNodes[at]!;
        if (c.kind === 'cut') {
            delays ||= refsOf(n.rule!)[c.index]!.delay > 0;
            derivedNodes[at] = { ...n, rule: cut(n.rule!, { left: c.index }) };
        }
        if (c.kind === 'raise') {
            actions.push(c.action);
            derivedNodes[at] = { ...n, rule: { kind: 'binary', op: '+', left: n.rule!, right: { kind: 'ref', name: c.action, delay: 0 } } };
        }
        if (c.kind === 'init') {
            const changed: CompiledNode = { ...n, init: c.value };
            if (c.outcomes) changed.initOutcomes = c.outcomes; else delete changed.initOutcomes;
            derivedNodes[at] = changed;
        }
    }
    const chance = basis.ruleDraws || derivedNodes.some(n => (n.initOutcomes?.length ?? 0) > 1);
    const env: CompiledEnvironment = {
        ...train, label: `${trained.label}\u0000${k}`, horizon, actions, nodes: derivedNodes,
        maxDelay: delays ? rulesMaxDelay(derivedNodes) : basis.maxDelay, chance,
    };
    const members = [
        ...(horizon !== train.horizon ? [`horizon ${horizon}`] : []),
        ...actions.slice(train.actions.length).map(a => `action ${a}`),
        ...derivedNodes.filter((n, i) => n !== trainNodes[i]).map(n => nodeLine(n as CompiledNode & { rule: Expr })),
    ];
    return { env, members };
}

/** The environment changes start from: the training environment, or the one at a `param` change's value. */
function baseOf(train: CompiledEnvironment, changes: Change[]): CompiledEnvironment {
    const param = changes.find(c => c.kind === 'param');
    return param?.kind === 'param' ? param.env : train;
}

/** The environment of the intervention made of `changes` (numbered k) on `train`: what `Intervention.env` reads. */
export function derivedEnvironment(train: CompiledEnvironment, changes: Change[], k: number): CompiledEnvironment {
    return build(train, changes, k).env;
}

/** An intervention whose environment and members are built when read. */
function intervention(train: CompiledEnvironment, changes: Change[], description: string, k: number): Intervention {
    return {
        train: train.label, declaration: train.name, params: baseOf(train, changes).params, description, changes, index: k,
        get env() { return derivedEnvironment(train, changes, k); },
        get members() { return build(train, changes, k).members; },
    };
}

/**
 * The single interventions of §4 on one training environment, in a fixed order; last,
 * each of `variants` (the environments at other values of one of its parameters) as a
 * `param` change.
 */
export function interventions(train: CompiledEnvironment, variants: readonly CompiledEnvironment[] = []): Intervention[] {
    const out: Intervention[] = [];
    const push = (description: string, change: Change): void => { out.push(intervention(train, [change], description, out.length)); };
    const trainNodes = train.nodes;
    const tables = new Set<string>();
    for (const n of trainNodes) if (n.rule) tablesOf(n.rule, tables);
    const taken = new Set([...train.actions, ...trainNodes.map(n => n.name), ...Object.keys(train.params), ...tables]);
    // Mesa has no literal for a value that is not finite: such a rule or init is never written.
    // Nor can a rule be written that indexes a table without a name (print.ts, printable).
    const nodes = trainNodes.filter((n): n is CompiledNode & { rule: Expr } =>
        n.rule !== undefined && finiteConstants(n.rule) && printable(n.rule));
    for (const n of nodes) {
        const action = freshAction(taken, n.name);
        push(`adds action ${action}, which raises ${n.name} by 1 for a step`, { kind: 'raise', node: n.name, action });
    }
    for (const n of nodes) {
        const refs = refsOf(n.rule);
        const texts = refs.map(r => (r.delay > 0 ? `${r.name}@${r.delay}` : r.name));
        const counts = new Map<string, number>();
        for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
        texts.forEach((text, index) => {
            const nth = counts.get(text)! > 1 ? ` (reference ${index + 1})` : '';
            push(`cuts ${text} in ${n.name}${nth}`, { kind: 'cut', node: n.name, index });
        });
    }
    for (const n of nodes) {
        const drawn = n.initOutcomes !== undefined && n.initOutcomes.length > 1 ? n.initOutcomes : undefined;
        const nonZero = drawn ? drawn.some(o => o.value !== 0) : n.init !== 0;
        if (!nonZero || (train.maxDelay[n.name] ?? 0) === 0) continue;
        const before = initSource(n.init, drawn);
        const doubled = drawn?.map(o => ({ value: 2 * o.value, p: o.p }));
        if (Number.isFinite(2 * n.init) && (doubled ?? []).every(o => Number.isFinite(o.value))) {
            const change: Change = doubled ? { kind: 'init', node: n.name, value: 2 * n.init, outcomes: doubled } : { kind: 'init', node: n.name, value: 2 * n.init };
            push(`doubles ${n.name}'s init (${before} → ${initSource(2 * n.init, doubled)})`, change);
        }
        push(`zeroes ${n.name}'s init (${before} → 0)`, { kind: 'init', node: n.name, value: 0 });
    }
    push(`doubles the horizon (${train.horizon} → ${2 * train.horizon})`, { kind: 'horizon' });
    for (const v of variants) {
        const parameter = Object.keys(train.params).find(p => train.params[p] !== v.params[p]);
        if (parameter === undefined) continue;
        const value = v.params[parameter]!;
        push(`sets ${parameter} to ${value} (${train.params[parameter]} → ${value})`, { kind: 'param', parameter, value, env: v });
    }
    return out;
}

/**
 * Two single interventions at once, unless they set the same node's init, two parameters,
 * or a parameter and an init (an init change is computed from the training environment's).
 */
export function combine(train: CompiledEnvironment, a: Intervention, b: Intervention, k: number): Intervention | null {
    const all = [...a.changes, ...b.changes];
    const inits = all.filter(c => c.kind === 'init').map(c => (c as { node: string }).node);
    if (new Set(inits).size < inits.length) return null;
    const params = all.filter(c => c.kind === 'param').length;
    if (params > 1 || (params === 1 && inits.length > 0)) return null;
    return intervention(train, [...a.changes, ...b.changes], `${a.description}, and ${b.description}`, k);
}

/** `environment name extends train { members }`, two-space indented. */
export function environmentSource(name: string, train: string, members: string[]): string {
    return `environment ${name} extends ${train} {\n${members.map(m => `  ${m}`).join('\n')}\n}`;
}
