/**
 * Signed paths in a causal graph (DESIGN §3.4): path signs multiply and `±` absorbs.
 * Relations are judged by shortest paths, found by breadth-first search.
 */
import type { CausalEdge, CausalGraph, Sign } from '../model/types.js';
import { MinHeap } from '../util/min-heap.js';

export function multiply(a: Sign, b: Sign): Sign {
    if (a === '±' || b === '±') return '±';
    return a === b ? '+' : '-';
}

export interface SignedPath {
    sign: Sign;
    /** The edges from the start to the objective, in order (the last one enters the objective). */
    edges: CausalEdge[];
}

/** A graph's node-to-node edges grouped by their target (`to`) or source (`from`), computed once per graph. */
const edgeGroups = new WeakMap<CausalGraph, { to?: Map<string, CausalEdge[]>; from?: Map<string, CausalEdge[]> }>();

function nodeEdgesBy(graph: CausalGraph, end: 'to' | 'from'): Map<string, CausalEdge[]> {
    let cached = edgeGroups.get(graph);
    if (!cached) {
        cached = {};
        edgeGroups.set(graph, cached);
    }
    let groups = cached[end];
    if (!groups) {
        groups = new Map<string, CausalEdge[]>();
        for (const edge of graph.edges) {
            if (edge.toObjective) continue;
            const list = groups.get(edge[end]);
            if (list) list.push(edge);
            else groups.set(edge[end], [edge]);
        }
        cached[end] = groups;
    }
    return groups;
}

/** The shortest causal paths from every node into one objective. */
export interface PathsInto {
    /** Links of a shortest path from the node into the objective (the edge into the objective counts). */
    distance: Map<string, number>;
    /** The sign of the node's shortest paths: their product of signs, `±` when shortest paths disagree. */
    sign: Map<string, Sign>;
    /** The first edge of one shortest path from the node. */
    next: Map<string, CausalEdge>;
}

/**
 * Shortest signed paths into `objective` from every action and node, by one backwards
 * breadth-first search (linear in the graph). A relation is judged by its most direct
 * paths: a delayed feedback loop (floor → dusty_sweeps → floor) adds longer paths of
 * the other sign, which would otherwise make every relation in such a graph `±`.
 */
export function pathsInto(graph: CausalGraph, objective: string): PathsInto {
    let perObjective = pathsCache.get(graph);
    if (!perObjective) pathsCache.set(graph, perObjective = new Map());
    let paths = perObjective.get(objective);
    if (!paths) perObjective.set(objective, paths = computePathsInto(graph, objective));
    return paths;
}

/**
 * Graphs are immutable model data, so their path searches are memoised: every mesa
 * objective is related to the same base objective, in the static analyses and again in
 * the core's verdict kinds.
 */
const pathsCache = new WeakMap<CausalGraph, Map<string, PathsInto>>();
const actionDistanceCache = new WeakMap<CausalGraph, Map<string, Distance>>();

function computePathsInto(graph: CausalGraph, objective: string): PathsInto {
    const incoming = nodeEdgesBy(graph, 'to');
    const distance = new Map<string, number>();
    const sign = new Map<string, Sign>();
    const next = new Map<string, CausalEdge>();
    let layer: string[] = [];
    for (const edge of graph.edges) {
        if (!edge.toObjective || edge.to !== objective) continue;
        const known = sign.get(edge.from);
        sign.set(edge.from, known === undefined || known === edge.sign ? edge.sign : '±');
        if (!distance.has(edge.from)) {
            distance.set(edge.from, 1);
            next.set(edge.from, edge);
            layer.push(edge.from);
        }
    }
    for (let d = 2; layer.length > 0; d++) {
        const reached: string[] = [];
        for (const v of layer) {
            for (const edge of incoming.get(v) ?? []) {
                const u = edge.from;
                if (distance.has(u) && distance.get(u)! < d) continue;
                const s = multiply(edge.sign, sign.get(v)!);
                const known = sign.get(u);
                sign.set(u, known === undefined || known === s ? s : '±');
                if (!distance.has(u)) {
                    distance.set(u, d);
                    next.set(u, edge);
                    reached.push(u);
                }
            }
        }
        layer = reached;
    }
    return { distance, sign, next };
}

/** One shortest path from `start` into the objective, with its sign (that of all shortest paths). */
export function pathFrom(paths: PathsInto, start: string): SignedPath | undefined {
    const sign = paths.sign.get(start);
    if (sign === undefined) return undefined;
    const edges: CausalEdge[] = [];
    let current = start;
    for (let guard = paths.distance.get(start)!; guard > 0; guard--) {
        const edge = paths.next.get(current)!;
        edges.push(edge);
        if (edge.toObjective) break;
        current = edge.to;
    }
    return { sign, edges };
}

/** The objective's targets: the names it reads, with its sign in each (mixed reads give `±`). */
export function targetsOf(graph: CausalGraph, objective: string): { name: string; sign: Sign }[] {
    const targets = new Map<string, Sign>();
    for (const edge of graph.edges) {
        if (edge.toObjective && edge.to === objective) {
            const earlier = targets.get(edge.from);
            targets.set(edge.from, earlier === undefined || earlier === edge.sign ? edge.sign : '±');
        }
    }
    return [...targets].map(([name, sign]) => ({ name, sign }));
}

/** The most links a message spells out; longer paths show their ends around an ellipsis. */
export const MAX_SHOWN_LINKS = 6;

/** `a → b → Light` for a path, with `@k` on delayed links. */
export function describePath(start: string, path: SignedPath): string {
    const parts = [start];
    for (const edge of path.edges) {
        parts.push(edge.delay > 0 ? `(@${edge.delay}) ${edge.to}` : edge.to);
    }
    if (parts.length > MAX_SHOWN_LINKS + 1) {
        const skipped = parts.length - MAX_SHOWN_LINKS;
        return [...parts.slice(0, 3), `… ${skipped} more …`, ...parts.slice(-(MAX_SHOWN_LINKS - 3))].join(' → ');
    }
    return parts.join(' → ');
}

export interface Distance {
    steps: number;
    links: number;
}

export function compareDistance(a: Distance, b: Distance): number {
    return a.steps - b.steps || a.links - b.links;
}

/**
 * distance(O) of DESIGN §5.1: the largest, over O's targets, of the shortest path from
 * any action, measured as (sum of delays, number of links). Undefined if a target cannot
 * be reached from any action.
 */
export function distanceFromActions(graph: CausalGraph, objective: string): Distance | undefined {
    let best = actionDistanceCache.get(graph);
    if (!best) actionDistanceCache.set(graph, best = shortestFromActions(graph));
    let worst: Distance = { steps: 0, links: 0 };
    for (const { name } of targetsOf(graph, objective)) {
        const d = best.get(name);
        if (!d) return undefined;
        if (compareDistance(d, worst) > 0) worst = d;
    }
    return worst;
}

/** Dijkstra's key: steps·2^20 + links orders (steps, links) lexicographically. */
function distanceKey(d: Distance): number {
    return d.steps * 2 ** 20 + d.links;
}

/** The shortest (steps, links) from any action to every action and node. */
function shortestFromActions(graph: CausalGraph): Map<string, Distance> {
    const outgoing = nodeEdgesBy(graph, 'from');
    const best = new Map<string, Distance>();
    const heap = new MinHeap<string>();
    for (const action of graph.actions) {
        best.set(action, { steps: 0, links: 0 });
        heap.push(0, action);
    }
    while (heap.size > 0) {
        const k = heap.minKey!;
        const current = heap.popValue();
        const base = best.get(current)!;
        if (k > distanceKey(base)) continue;
        for (const edge of outgoing.get(current) ?? []) {
            const candidate = { steps: base.steps + edge.delay, links: base.links + 1 };
            const known = best.get(edge.to);
            if (!known || compareDistance(candidate, known) < 0) {
                best.set(edge.to, candidate);
                heap.push(distanceKey(candidate), edge.to);
            }
        }
    }
    return best;
}
