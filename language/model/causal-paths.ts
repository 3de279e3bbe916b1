/**
 * Signed paths in a causal graph (docs/language.md, Paths): path signs multiply and `±` absorbs.
 * Relations are judged by shortest paths, found by breadth-first search.
 */
import type { CausalEdge, CausalGraph, Sign } from './spec.js';
import { MinHeap } from './min-heap.js';

export function multiply(a: Sign, b: Sign): Sign {
    if (a === '±' || b === '±') return '±';
    return a === b ? '+' : '-';
}

export interface SignedPath {
    sign: Sign;
    /** The edges from the start to the objective, in order (the last one enters the objective). */
    edges: CausalEdge[];
}

/**
 * A graph with its names numbered (actions, then nodes) and its node-to-node edges as
 * compressed rows by target and by source: the searches below run over typed arrays,
 * which an edit on a large environment rebuilds in a fraction of the time and garbage
 * that maps keyed by name took. Computed once per graph.
 */
interface NumberedGraph {
    index: Map<string, number>;
    names: string[];
    /** Per edge of `graph.edges`: its source's number, its target's (-1 for an objective), its sign (+1, -1, 0 for ±). */
    from: Int32Array;
    to: Int32Array;
    sign: Int8Array;
    /** Edge numbers of node-to-node edges into (and out of) each name: `inEdges[inStart[v]..inStart[v+1]]`. */
    inStart: Int32Array;
    inEdges: Int32Array;
    outStart: Int32Array;
    outEdges: Int32Array;
    /** Per objective, the numbers of the edges into it, in the graph's order. */
    intoObjective: Map<string, number[]>;
}

const numberedGraphs = new WeakMap<CausalGraph, NumberedGraph>();

function numbered(graph: CausalGraph): NumberedGraph {
    let numberedGraph = numberedGraphs.get(graph);
    if (numberedGraph) return numberedGraph;
    const index = new Map<string, number>();
    const names: string[] = [];
    const number = (name: string) => {
        if (index.has(name)) return;
        index.set(name, names.length);
        names.push(name);
    };
    for (let i = 0; i < graph.actions.length; i++) number(graph.actions[i]!);
    for (let i = 0; i < graph.nodes.length; i++) number(graph.nodes[i]!);
    const count = names.length;
    const edgeCount = graph.edges.length;
    const from = new Int32Array(edgeCount);
    const to = new Int32Array(edgeCount);
    const sign = new Int8Array(edgeCount);
    const inStart = new Int32Array(count + 1);
    const outStart = new Int32Array(count + 1);
    const intoObjective = new Map<string, number[]>();
    for (let e = 0; e < edgeCount; e++) {
        const edge = graph.edges[e]!;
        const u = index.get(edge.from) ?? -1;
        const v = edge.toObjective ? -1 : index.get(edge.to) ?? -1;
        from[e] = u;
        to[e] = v;
        sign[e] = signNumber(edge.sign);
        if (edge.toObjective) {
            const into = intoObjective.get(edge.to);
            if (into) into.push(e);
            else intoObjective.set(edge.to, [e]);
        }
        if (u >= 0 && v >= 0) {
            inStart[v + 1]!++;
            outStart[u + 1]!++;
        }
    }
    for (let v = 0; v < count; v++) {
        inStart[v + 1]! += inStart[v]!;
        outStart[v + 1]! += outStart[v]!;
    }
    const inEdges = new Int32Array(inStart[count]!);
    const outEdges = new Int32Array(outStart[count]!);
    const inFill = inStart.slice(0, count);
    const outFill = outStart.slice(0, count);
    for (let e = 0; e < edgeCount; e++) {
        const u = from[e]!, v = to[e]!;
        if (u < 0 || v < 0) continue;
        inEdges[inFill[v]!++] = e;
        outEdges[outFill[u]!++] = e;
    }
    numberedGraph = { index, names, from, to, sign, inStart, inEdges, outStart, outEdges, intoObjective };
    numberedGraphs.set(graph, numberedGraph);
    return numberedGraph;
}

/** The number of an action or node in a graph (actions first, then nodes in the graph's order), if it has one. */
export function numberOf(graph: CausalGraph, name: string): number | undefined {
    return numbered(graph).index.get(name);
}

/** Signs as numbers, so that the sign of a path is the product of its edges' (± is 0 and absorbs). */
function signNumber(sign: Sign): number {
    return sign === '+' ? 1 : sign === '-' ? -1 : 0;
}

function signOfNumber(n: number): Sign {
    return n > 0 ? '+' : n < 0 ? '-' : '±';
}

/** The nearest common causes of two objectives (see PathsInto.nearestCommonCauses). */
export interface CommonCauses {
    /** The nearest name whose shortest paths raise both objectives. */
    positive?: string;
    /** The nearest name with shortest paths into both, one of them of unknown sign. */
    unknown?: string;
    /** The nearest name with paths into both, whatever their signs. */
    any?: string;
}

/** The shortest causal paths from every action and node into one objective. */
export class PathsInto {
    constructor(
        private readonly graph: CausalGraph,
        private readonly numbers: NumberedGraph,
        /** Per name number: links of a shortest path into the objective (the edge into it counts); 0 if none. */
        private readonly distances: Int32Array,
        /** Per name number: the product of signs of its shortest paths, 0 (±) when they disagree. */
        private readonly signs: Int8Array,
        /** Per name number: the edge (a number into `graph.edges`) that starts one shortest path. */
        private readonly next: Int32Array,
    ) {}

    /** The links of a shortest path from `name` into the objective, if any path leads there. */
    distance(name: string): number | undefined {
        const v = this.numbers.index.get(name);
        return v === undefined || this.distances[v] === 0 ? undefined : this.distances[v];
    }

    /** The sign of `name`'s shortest paths into the objective (`±` when they disagree), if any. */
    sign(name: string): Sign | undefined {
        const v = this.numbers.index.get(name);
        return v === undefined || this.distances[v] === 0 ? undefined : signOfNumber(this.signs[v]!);
    }

    /** One shortest path from `start` into the objective, with its sign (that of all shortest paths). */
    pathFrom(start: string): SignedPath | undefined {
        const sign = this.sign(start);
        if (sign === undefined) return undefined;
        const edges: CausalEdge[] = [];
        let v = this.numbers.index.get(start)!;
        for (let guard = this.distances[v]!; guard > 0 && v >= 0; guard--) {
            const e = this.next[v]!;
            edges.push(this.graph.edges[e]!);
            v = this.numbers.to[e]!;
        }
        return { sign, edges };
    }

    /**
     * The names from which shortest paths lead into both this objective and `other`'s,
     * nearest by the sum of their links (declaration order, actions first, breaks ties).
     */
    nearestCommonCauses(other: PathsInto): CommonCauses {
        let positive = -1, unknown = -1, any = -1;
        let positiveLength = 0, unknownLength = 0, anyLength = 0;
        const a = this.distances, b = other.distances;
        for (let v = 0; v < a.length; v++) {
            if (a[v] === 0 || b[v] === 0) continue;
            const length = a[v]! + b[v]!;
            if (any < 0 || length < anyLength) {
                any = v;
                anyLength = length;
            }
            const sa = this.signs[v]!, sb = other.signs[v]!;
            if (sa === 1 && sb === 1) {
                if (positive < 0 || length < positiveLength) {
                    positive = v;
                    positiveLength = length;
                }
            } else if ((sa === 0 || sb === 0) && (unknown < 0 || length < unknownLength)) {
                unknown = v;
                unknownLength = length;
            }
        }
        const names = this.numbers.names;
        return {
            ...(positive >= 0 ? { positive: names[positive]! } : {}),
            ...(unknown >= 0 ? { unknown: names[unknown]! } : {}),
            ...(any >= 0 ? { any: names[any]! } : {}),
        };
    }
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

function computePathsInto(graph: CausalGraph, objective: string): PathsInto {
    const g = numbered(graph);
    const count = g.names.length;
    const distance = new Int32Array(count);
    const sign = new Int8Array(count);
    const next = new Int32Array(count);
    let layer: number[] = [];
    for (const e of g.intoObjective.get(objective) ?? []) {
        const u = g.from[e]!;
        if (u < 0) continue;
        if (distance[u] === 0) {
            distance[u] = 1;
            sign[u] = g.sign[e]!;
            next[u] = e;
            layer.push(u);
        } else if (sign[u] !== g.sign[e]) {
            sign[u] = 0;
        }
    }
    for (let d = 2; layer.length > 0; d++) {
        const reached: number[] = [];
        for (const v of layer) {
            for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
                const e = g.inEdges[k]!;
                const u = g.from[e]!;
                if (distance[u] !== 0 && distance[u]! < d) continue;
                const s = g.sign[e]! * sign[v]!;
                if (distance[u] === 0) {
                    distance[u] = d;
                    sign[u] = s;
                    next[u] = e;
                    reached.push(u);
                } else if (sign[u] !== s) {
                    sign[u] = 0;
                }
            }
        }
        layer = reached;
    }
    return new PathsInto(graph, g, distance, sign, next);
}

/** The objective's targets: the names it reads, with its sign in each (mixed reads give `±`). */
export function targetsOf(graph: CausalGraph, objective: string): { name: string; sign: Sign }[] {
    const targets = new Map<string, Sign>();
    for (const e of numbered(graph).intoObjective.get(objective) ?? []) {
        const edge = graph.edges[e]!;
        const earlier = targets.get(edge.from);
        targets.set(edge.from, earlier === undefined || earlier === edge.sign ? edge.sign : '±');
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
 * distance(O) of docs/analyses.md (Static analyses): the largest, over O's targets, of the shortest path from
 * any action, measured as (sum of delays, number of links). Undefined if a target cannot
 * be reached from any action.
 */
export function distanceFromActions(graph: CausalGraph, objective: string): Distance | undefined {
    let best = actionDistanceCache.get(graph);
    if (!best) actionDistanceCache.set(graph, best = shortestFromActions(graph));
    const { index } = numbered(graph);
    let worst = 0;
    for (const { name } of targetsOf(graph, objective)) {
        const v = index.get(name);
        const key = v === undefined ? Infinity : best[v]!;
        if (key === Infinity) return undefined;
        if (key > worst) worst = key;
    }
    return { steps: Math.floor(worst / LINKS), links: worst % LINKS };
}

/** Dijkstra's key: steps·2^20 + links orders (steps, links) lexicographically. */
const LINKS = 2 ** 20;

const actionDistanceCache = new WeakMap<CausalGraph, Float64Array>();

/** The shortest (steps, links) from any action to every action and node, as keys per name number (Infinity: unreachable). */
function shortestFromActions(graph: CausalGraph): Float64Array {
    const g = numbered(graph);
    const best = new Float64Array(g.names.length).fill(Infinity);
    const heap = new MinHeap<number>();
    for (const action of graph.actions) {
        const v = g.index.get(action)!;
        best[v] = 0;
        heap.push(0, v);
    }
    while (heap.size > 0) {
        const key = heap.minKey!;
        const u = heap.popValue();
        if (key > best[u]!) continue;
        for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
            const e = g.outEdges[k]!;
            const v = g.to[e]!;
            const candidate = key + graph.edges[e]!.delay * LINKS + 1;
            if (candidate < best[v]!) {
                best[v] = candidate;
                heap.push(candidate, v);
            }
        }
    }
    return best;
}
