/**
 * Signed paths in a causal graph (DESIGN §3.4): path signs multiply and `±` absorbs.
 * Searches enumerate simple paths and keep, for every sign, a shortest one.
 */
import type { CausalEdge, CausalGraph, Sign } from '../model/types.js';

export function multiply(a: Sign, b: Sign): Sign {
    if (a === '±' || b === '±') return '±';
    return a === b ? '+' : '-';
}

export interface SignedPath {
    sign: Sign;
    /** The edges from the start to the objective, in order (the last one enters the objective). */
    edges: CausalEdge[];
}

/** How many path extensions one search may try before it settles for what it found. */
export const PATH_SEARCH_BUDGET = 20_000;

/**
 * For each sign, a shortest simple path from `start` (an action or node) into
 * `objective`: through nodes, each visited at most once, ending with the edge into the
 * objective. Simple paths keep a delayed feedback loop (floor → dusty_sweeps → floor)
 * from turning every relation into both signs. The search is depth first with a budget,
 * so a dense graph cannot make it run away.
 */
export function pathsToObjective(graph: CausalGraph, start: string, objective: string): Map<Sign, SignedPath> {
    const outgoing = new Map<string, CausalEdge[]>();
    for (const edge of graph.edges) {
        const list = outgoing.get(edge.from) ?? [];
        list.push(edge);
        outgoing.set(edge.from, list);
    }
    const found = new Map<Sign, SignedPath>();
    const onPath = new Set<string>([start]);
    const edges: CausalEdge[] = [];
    let budget = PATH_SEARCH_BUDGET;
    const visit = (node: string, sign: Sign): void => {
        for (const edge of outgoing.get(node) ?? []) {
            if (--budget < 0) return;
            const s = multiply(sign, edge.sign);
            if (edge.toObjective) {
                const known = found.get(s);
                if (edge.to === objective && (!known || known.edges.length > edges.length + 1)) {
                    found.set(s, { sign: s, edges: [...edges, edge] });
                }
                continue;
            }
            if (onPath.has(edge.to)) continue;
            onPath.add(edge.to);
            edges.push(edge);
            visit(edge.to, s);
            edges.pop();
            onPath.delete(edge.to);
        }
    };
    visit(start, '+');
    return found;
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

/** `a → b → Light` for a path, with `@k` on delayed links. */
export function describePath(start: string, path: SignedPath): string {
    const parts = [start];
    for (const edge of path.edges) {
        parts.push(edge.delay > 0 ? `(@${edge.delay}) ${edge.to}` : edge.to);
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
    const best = new Map<string, Distance>();
    for (const action of graph.actions) best.set(action, { steps: 0, links: 0 });
    // Dijkstra with lexicographic weights; graphs are small, so a linear scan suffices.
    const settled = new Set<string>();
    for (;;) {
        let current: string | undefined;
        for (const [name, d] of best) {
            if (!settled.has(name) && (current === undefined || compareDistance(d, best.get(current)!) < 0)) current = name;
        }
        if (current === undefined) break;
        settled.add(current);
        const base = best.get(current)!;
        for (const edge of graph.edges) {
            if (edge.from !== current || edge.toObjective) continue;
            const candidate = { steps: base.steps + edge.delay, links: base.links + 1 };
            const known = best.get(edge.to);
            if (!known || compareDistance(candidate, known) < 0) best.set(edge.to, candidate);
        }
    }
    let worst: Distance | undefined = { steps: 0, links: 0 };
    for (const { name } of targetsOf(graph, objective)) {
        const d = best.get(name);
        if (!d) return undefined;
        if (compareDistance(d, worst!) > 0) worst = d;
    }
    return worst;
}
