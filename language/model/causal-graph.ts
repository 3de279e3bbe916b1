/**
 * Builds an environment's signed causal graph (docs/language.md, The causal graph): an edge from every input a
 * rule or objective reads, signed by the monotonicity of the expression in that input,
 * with the delay of the read, unless the read provably has no effect; qualitative
 * parents give edges with their declared signs.
 */
import type { SignLookup } from './signs.js';
import type { ValueSignTable } from './signs.js';
import { monotonicity, movedSigns, sameValueSigns, valueSignTable } from './signs.js';
import type { CausalEdge, CausalGraph, CompiledNode, CompiledObjective, Expr } from './spec.js';

const readsCache = new WeakMap<Expr, readonly { name: string; delay: number }[]>();

/** Every distinct (name, delay) an expression reads, in reading order (expressions are immutable: kept per expression). */
export function readsOf(expr: Expr): readonly { name: string; delay: number }[] {
    let reads = readsCache.get(expr);
    if (!reads) {
        reads = collectReads(expr);
        readsCache.set(expr, reads);
    }
    return reads;
}

function collectReads(expr: Expr): { name: string; delay: number }[] {
    const seen = new Map<string, { name: string; delay: number }>();
    const visit = (e: Expr): void => {
        switch (e.kind) {
            case 'ref': {
                const key = `${e.name}@${e.delay}`;
                if (!seen.has(key)) seen.set(key, { name: e.name, delay: e.delay });
                return;
            }
            case 'unary': return visit(e.operand);
            case 'binary': visit(e.left); return visit(e.right);
            case 'if': visit(e.condition); visit(e.then); return visit(e.else);
            case 'call': return e.args.forEach(visit);
            // A draw reads what its options read; an indexing what its indices read (the table is a constant).
            case 'draw': return e.options.forEach(o => visit(o.value));
            case 'index': return e.indices.forEach(visit);
            case 'const': return;
        }
    };
    visit(expr);
    return [...seen.values()];
}

/**
 * An edge per read, signed by the expression's monotonicity in it; a read the sign
 * analysis proves has no effect (a factor fixed at 0, e.g. a parameter bound to 0)
 * gives no edge (docs/language.md, Edge signs).
 */
function signedReads(expr: Expr, to: string, toObjective: boolean, lookup: SignLookup): CausalEdge[] {
    const edges: CausalEdge[] = [];
    for (const { name, delay } of readsOf(expr)) {
        const sign = monotonicity(expr, name, delay, lookup);
        if (sign !== '0') edges.push({ from: name, to, toObjective, delay, sign });
    }
    return edges;
}

/** The value signs of an environment's inputs and the edges between its actions and nodes. */
export interface NodeCausalEdges {
    edges: CausalEdge[];
    signs: ValueSignTable;
}

type EdgeSource = Omit<CompiledNode, 'location'>;

/**
 * A node's incoming edges, kept per node with the sign table they were read under. A
 * node's edges depend on its rule and on the signs of what it reads only; while an
 * environment's signs stay the same, its earlier table stands for them (see
 * nodeCausalEdges), and when they change (a node added, a sign that moved), a node
 * whose inputs kept their signs keeps its edges. Only changed nodes are read again.
 */
const nodeEdges = new WeakMap<EdgeSource, { signs: ValueSignTable; edges: CausalEdge[] }>();

export function nodeCausalEdges(actions: string[], nodes: EdgeSource[], previous?: NodeCausalEdges): NodeCausalEdges {
    const fresh = valueSignTable(actions, nodes);
    const same = previous !== undefined && sameValueSigns(previous.signs, fresh);
    const signs = same ? previous.signs : fresh;
    // The names whose signs moved since the previous table (usually none, or a node just added).
    const moved = previous !== undefined && !same ? movedSigns(previous.signs, fresh) : undefined;
    const edges: CausalEdge[] = [];
    for (const node of nodes) {
        let kept = nodeEdges.get(node);
        // Read under another table whose signs for what this rule reads are the same: the same edges.
        if (kept && kept.signs !== signs && node.rule) {
            const unmoved = kept.signs === previous?.signs && moved !== undefined
                ? !readsAnyOf(node.rule, moved)
                : readsSameSigns(node.rule, kept.signs, signs);
            if (unmoved) kept.signs = signs;
        }
        if (!kept || kept.signs !== signs) {
            const own = node.rule ? signedReads(node.rule, node.name, false, signs) : [];
            for (const parent of node.parents ?? []) {
                own.push({ from: parent.name, to: node.name, toObjective: false, sign: parent.sign, delay: 0 });
            }
            kept = { signs, edges: own };
            nodeEdges.set(node, kept);
        }
        for (let i = 0; i < kept.edges.length; i++) edges.push(kept.edges[i]!);
    }
    return { edges, signs };
}

/** Whether every input `rule` reads has the same sign in both tables (then its edges are the same). */
function readsSameSigns(rule: Expr, a: SignLookup, b: SignLookup): boolean {
    for (const { name, delay } of readsOf(rule)) {
        if (a.signOf(name, delay) !== b.signOf(name, delay)) return false;
    }
    return true;
}

function readsAnyOf(rule: Expr, names: ReadonlySet<string>): boolean {
    if (names.size === 0) return false;
    const reads = readsOf(rule);
    for (let i = 0; i < reads.length; i++) if (names.has(reads[i]!.name)) return true;
    return false;
}

/** The signed causal graph; `nodeEdges` may come from an earlier build of the same actions and nodes. */
export function buildCausalGraph(actions: string[], nodes: CompiledNode[], objectives: CompiledObjective[],
    nodeEdges: NodeCausalEdges = nodeCausalEdges(actions, nodes)): CausalGraph {
    // The sign table has every action and node: whether an objective can be evaluated here.
    const known = nodeEdges.signs.current;
    const edges: CausalEdge[] = nodeEdges.edges.slice();
    const evaluable = objectives.filter(o => readsOf(o.expression).every(r => known.has(r.name)));
    for (const objective of evaluable) {
        edges.push(...signedReads(objective.expression, objective.name, true, nodeEdges.signs));
    }
    return { actions: [...actions], nodes: nodes.map(n => n.name), objectives: evaluable.map(o => o.name), edges };
}
