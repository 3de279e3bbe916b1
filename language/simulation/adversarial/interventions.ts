/**
 * The interventions of docs/simulation.md (Distinguishing environments) on one training environment, each a derived
 * environment both as a compiled environment (to judge objectives in) and as the
 * members of `environment X extends Train { ... }` that declare it in Mesa:
 * - an added action that raises one node by 1 for a step: `action raise_n` and the
 *   node redeclared as `rule + raise_n`;
 * - a cut edge: one reference in one rule replaced by 0 (the node redeclared);
 * - a node's init doubled or zeroed (when it is non-zero and read with a delay);
 * - the horizon doubled.
 * A redeclared node keeps its init explicitly, since redeclaring replaces it. When
 * single interventions leave objectives undistinguished, pairs of them on the same
 * environment are tried too (`combine`).
 */
import type { CompiledEnvironment, CompiledNode, Expr } from '../../model/spec.js';
import { collectReads } from '../codegen.js';
import { numberText, printExpr } from './print.js';

/** One elementary change of §4; an intervention is one change, or two on the same environment. */
export type Change =
    | { kind: 'raise'; node: string; action: string }
    | { kind: 'cut'; node: string; index: number }
    | { kind: 'init'; node: string; value: number }
    | { kind: 'horizon' };

export interface Intervention {
    /** The training environment's label (and declared name: only unparameterised ones are used). */
    train: string;
    /** In words, e.g. "cuts floor@1 in dusty_sweeps". */
    description: string;
    changes: Change[];
    /** The derived environment, labelled `label` until it gets its name. */
    env: CompiledEnvironment;
    /** Member lines of its declaration, without indentation. */
    members: string[];
}

function nodeLine(name: string, init: number, rule: Expr): string {
    const initText = init !== 0 ? ` init ${init < 0 ? `-${numberText(-init)}` : numberText(init)}` : '';
    return `node ${name}${initText} = ${printExpr(rule)}`;
}

/** The references of an expression in traversal order. */
function refsOf(e: Expr, out: { name: string; delay: number }[] = []): { name: string; delay: number }[] {
    switch (e.kind) {
        case 'ref': out.push({ name: e.name, delay: e.delay }); break;
        case 'unary': refsOf(e.operand, out); break;
        case 'binary': refsOf(e.left, out); refsOf(e.right, out); break;
        case 'if': refsOf(e.condition, out); refsOf(e.then, out); refsOf(e.else, out); break;
        case 'call': for (const a of e.args) refsOf(a, out); break;
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
        default: return e;
    }
}

/** Largest delays read by the rules (the codegen adds the objectives' own reads). */
function rulesMaxDelay(nodes: CompiledNode[]): Record<string, number> {
    const reads = new Map<string, number>();
    for (const n of nodes) if (n.rule) collectReads(n.rule, reads);
    return Object.fromEntries([...reads].filter(([, d]) => d > 0));
}

/** A fresh action name `raise_<node>` that the environment does not use. */
function freshAction(env: CompiledEnvironment, node: string): string {
    const taken = new Set([...env.actions, ...env.nodes.map(n => n.name), ...Object.keys(env.params)]);
    let name = `raise_${node}`;
    for (let i = 2; taken.has(name); i++) name = `raise_${node}_${i}`;
    return name;
}

/**
 * Applies changes to a training environment: cuts first (the highest reference first,
 * so the others keep their indices), then added actions (appended to the rule, after
 * every original reference), then inits and the horizon.
 */
export function build(train: CompiledEnvironment, changes: Change[], description: string, k: number): Intervention {
    const nodes = new Map(train.nodes.map(n => [n.name, n]));
    const order = (c: Change): number => (c.kind === 'cut' ? -c.index : c.kind === 'raise' ? 1000 : 2000);
    const actions = [...train.actions];
    let horizon = train.horizon;
    for (const c of [...changes].sort((a, b) => order(a) - order(b))) {
        if (c.kind === 'horizon') { horizon = 2 * train.horizon; continue; }
        const n = nodes.get(c.node)!;
        if (c.kind === 'cut') nodes.set(c.node, { ...n, rule: cut(n.rule!, { left: c.index }) });
        if (c.kind === 'raise') {
            actions.push(c.action);
            nodes.set(c.node, { ...n, rule: { kind: 'binary', op: '+', left: n.rule!, right: { kind: 'ref', name: c.action, delay: 0 } } });
        }
        if (c.kind === 'init') nodes.set(c.node, { ...n, init: c.value });
    }
    const derivedNodes = train.nodes.map(n => nodes.get(n.name)!);
    const env: CompiledEnvironment = {
        ...train, label: `${train.label}\u0000${k}`, horizon, actions, nodes: derivedNodes, maxDelay: rulesMaxDelay(derivedNodes),
    };
    const members = [
        ...(horizon !== train.horizon ? [`horizon ${horizon}`] : []),
        ...actions.slice(train.actions.length).map(a => `action ${a}`),
        ...derivedNodes.filter((n, i) => n !== train.nodes[i]).map(n => nodeLine(n.name, n.init, n.rule!)),
    ];
    return { train: train.label, description, changes, env, members };
}

/** The single interventions of §4 on one training environment, in a fixed order. */
export function interventions(train: CompiledEnvironment): Intervention[] {
    const out: Intervention[] = [];
    const push = (description: string, change: Change): void => { out.push(build(train, [change], description, out.length)); };
    const nodes = train.nodes.filter((n): n is CompiledNode & { rule: Expr } => n.rule !== undefined);
    for (const n of nodes) {
        const action = freshAction(train, n.name);
        push(`adds action ${action}, which raises ${n.name} by 1 for a step`, { kind: 'raise', node: n.name, action });
    }
    for (const n of nodes) {
        const refs = refsOf(n.rule);
        refs.forEach((r, index) => {
            const text = r.delay > 0 ? `${r.name}@${r.delay}` : r.name;
            const nth = refs.filter(x => x.name === r.name && x.delay === r.delay).length > 1 ? ` (reference ${index + 1})` : '';
            push(`cuts ${text} in ${n.name}${nth}`, { kind: 'cut', node: n.name, index });
        });
    }
    for (const n of nodes) {
        if (n.init === 0 || (train.maxDelay[n.name] ?? 0) === 0) continue;
        push(`doubles ${n.name}'s init (${numberText(n.init)} → ${numberText(2 * n.init)})`, { kind: 'init', node: n.name, value: 2 * n.init });
        push(`zeroes ${n.name}'s init (${numberText(n.init)} → 0)`, { kind: 'init', node: n.name, value: 0 });
    }
    push(`doubles the horizon (${train.horizon} → ${2 * train.horizon})`, { kind: 'horizon' });
    return out;
}

/** Two single interventions at once, unless they set the same node's init. */
export function combine(train: CompiledEnvironment, a: Intervention, b: Intervention, k: number): Intervention | null {
    const inits = [...a.changes, ...b.changes].filter(c => c.kind === 'init').map(c => (c as { node: string }).node);
    if (new Set(inits).size < inits.length) return null;
    return build(train, [...a.changes, ...b.changes], `${a.description}, and ${b.description}`, k);
}

/** `environment name extends train { members }`, two-space indented. */
export function environmentSource(name: string, train: string, members: string[]): string {
    return `environment ${name} extends ${train} {\n${members.map(m => `  ${m}`).join('\n')}\n}`;
}
