/**
 * The interventions of DESIGN §4 on one training environment, each a derived
 * environment both as a compiled environment (to judge objectives in) and as the
 * members of `environment X extends Train { ... }` that declare it in Mesa:
 * - an added action that raises one node by 1 for a step: `action raise_n` and the
 *   node redeclared as `rule + raise_n`;
 * - a cut edge: one reference in one rule replaced by 0 (the node redeclared);
 * - a node's init doubled or zeroed (when it is non-zero and read with a delay);
 * - the horizon doubled.
 * A redeclared node keeps its init explicitly, since redeclaring replaces it.
 */
import type { CompiledEnvironment, CompiledNode, Expr } from '../../model/types.js';
import { collectReads } from '../codegen.js';
import { numberText, printExpr } from './print.js';

export interface Intervention {
    /** The training environment's label (and declared name: only unparameterised ones are used). */
    train: string;
    /** In words, e.g. "cuts floor@1 in dusty_sweeps". */
    description: string;
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

function derive(train: CompiledEnvironment, k: number, change: Partial<CompiledEnvironment>): CompiledEnvironment {
    const env: CompiledEnvironment = { ...train, ...change, label: `${train.label}\u0000${k}` };
    return { ...env, maxDelay: rulesMaxDelay(env.nodes) };
}

function withNode(env: CompiledEnvironment, node: CompiledNode): CompiledNode[] {
    return env.nodes.map(n => (n.name === node.name ? node : n));
}

/** A fresh action name `raise_<node>` that the environment does not use. */
function freshAction(env: CompiledEnvironment, node: string): string {
    const taken = new Set([...env.actions, ...env.nodes.map(n => n.name), ...Object.keys(env.params)]);
    let name = `raise_${node}`;
    for (let i = 2; taken.has(name); i++) name = `raise_${node}_${i}`;
    return name;
}

export function interventions(train: CompiledEnvironment): Intervention[] {
    const out: Intervention[] = [];
    const push = (description: string, change: Partial<CompiledEnvironment>, members: string[]): void => {
        out.push({ train: train.label, description, env: derive(train, out.length, change), members });
    };
    const nodes = train.nodes.filter((n): n is CompiledNode & { rule: Expr } => n.rule !== undefined);
    for (const n of nodes) {
        const action = freshAction(train, n.name);
        const rule: Expr = { kind: 'binary', op: '+', left: n.rule, right: { kind: 'ref', name: action, delay: 0 } };
        push(`adds action ${action}, which raises ${n.name} by 1 for a step`,
            { actions: [...train.actions, action], nodes: withNode(train, { ...n, rule }) },
            [`action ${action}`, nodeLine(n.name, n.init, rule)]);
    }
    for (const n of nodes) {
        const refs = refsOf(n.rule);
        refs.forEach((r, i) => {
            const rule = cut(n.rule, { left: i });
            const text = r.delay > 0 ? `${r.name}@${r.delay}` : r.name;
            const nth = refs.filter(x => x.name === r.name && x.delay === r.delay).length > 1 ? ` (reference ${i + 1})` : '';
            push(`cuts ${text} in ${n.name}${nth}`, { nodes: withNode(train, { ...n, rule }) }, [nodeLine(n.name, n.init, rule)]);
        });
    }
    for (const n of nodes) {
        if (n.init === 0 || (train.maxDelay[n.name] ?? 0) === 0) continue;
        for (const [verb, init] of [['doubles', 2 * n.init], ['zeroes', 0]] as const) {
            push(`${verb} ${n.name}'s init (${numberText(n.init)} → ${numberText(init)})`,
                { nodes: withNode(train, { ...n, init }) }, [nodeLine(n.name, init, n.rule)]);
        }
    }
    push(`doubles the horizon (${train.horizon} → ${2 * train.horizon})`, { horizon: 2 * train.horizon }, [`horizon ${2 * train.horizon}`]);
    return out;
}

/** `environment name extends train { members }`, two-space indented. */
export function environmentSource(name: string, train: string, members: string[]): string {
    return `environment ${name} extends ${train} {\n${members.map(m => `  ${m}`).join('\n')}\n}`;
}
