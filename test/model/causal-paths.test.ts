/**
 * Property tests of the path searches behind the static analyses: on random small signed
 * graphs (2 actions, up to 5 nodes, two objectives, delays 0–3, cycles allowed), the
 * shortest paths into each objective, their signs, the common causes of two objectives
 * and the distance from the actions equal those found by enumerating every simple path.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { distanceFromActions, pathsInto } from '../../language/model/causal-paths.js';
import type { CausalEdge, CausalGraph, Sign } from '../../language/model/spec.js';

const ACTIONS = ['a0', 'a1'];
const NODES = ['n0', 'n1', 'n2', 'n3', 'n4'];
const OBJECTIVES = ['O', 'P'];
const SIGNS: Sign[] = ['+', '-', '±'];

const graphs: fc.Arbitrary<CausalGraph> = fc.record({
    nodeCount: fc.integer({ min: 1, max: NODES.length }),
    links: fc.array(fc.record({ from: fc.nat(6), to: fc.nat(4), sign: fc.nat(2), delay: fc.nat(3) }), { maxLength: 14 }),
    reads: fc.array(fc.record({ from: fc.nat(6), objective: fc.nat(1), sign: fc.nat(2) }), { minLength: 1, maxLength: 5 }),
}).map(({ nodeCount, links, reads }) => {
    const nodes = NODES.slice(0, nodeCount);
    const names = [...ACTIONS, ...nodes];
    const edges: CausalEdge[] = [];
    for (const link of links) {
        edges.push({ from: names[link.from % names.length]!, to: nodes[link.to % nodes.length]!, toObjective: false, sign: SIGNS[link.sign]!, delay: link.delay });
    }
    for (const read of reads) {
        edges.push({ from: names[read.from % names.length]!, to: OBJECTIVES[read.objective]!, toObjective: true, sign: SIGNS[read.sign]!, delay: 0 });
    }
    return { actions: [...ACTIONS], nodes, objectives: [...OBJECTIVES], edges };
});

/** Every simple path (no name twice) from `start` ending with an edge into `objective`. */
function simplePaths(graph: CausalGraph, start: string, objective: string): CausalEdge[][] {
    const found: CausalEdge[][] = [];
    const walk = (at: string, visited: Set<string>, path: CausalEdge[]): void => {
        for (const edge of graph.edges) {
            if (edge.from !== at) continue;
            if (edge.toObjective) {
                if (edge.to === objective) found.push([...path, edge]);
            } else if (!visited.has(edge.to)) {
                walk(edge.to, new Set([...visited, edge.to]), [...path, edge]);
            }
        }
    };
    walk(start, new Set([start]), []);
    return found;
}

const product = (edges: CausalEdge[]): Sign =>
    edges.some(e => e.sign === '±') ? '±' : edges.filter(e => e.sign === '-').length % 2 === 0 ? '+' : '-';

/** By enumeration: the links and the agreed sign (± if they differ) of the shortest paths from `start`. */
function bruteShortest(graph: CausalGraph, start: string, objective: string): { distance: number; sign: Sign } | undefined {
    const paths = simplePaths(graph, start, objective);
    if (paths.length === 0) return undefined;
    const distance = Math.min(...paths.map(p => p.length));
    const signs = new Set(paths.filter(p => p.length === distance).map(product));
    return { distance, sign: signs.size === 1 ? [...signs][0]! : '±' };
}

/** By enumeration: the least (steps, links) over paths from any action to `target` (actions are at 0). */
function bruteFromActions(graph: CausalGraph, target: string): [number, number] | undefined {
    if (graph.actions.includes(target)) return [0, 0];
    let best: [number, number] | undefined;
    const walk = (at: string, visited: Set<string>, steps: number, links: number): void => {
        for (const edge of graph.edges) {
            if (edge.from !== at || edge.toObjective || visited.has(edge.to)) continue;
            const here: [number, number] = [steps + edge.delay, links + 1];
            if (edge.to === target && (!best || here[0] < best[0] || (here[0] === best[0] && here[1] < best[1]))) best = here;
            walk(edge.to, new Set([...visited, edge.to]), here[0], here[1]);
        }
    };
    for (const action of graph.actions) walk(action, new Set([action]), 0, 0);
    return best;
}

const names = (graph: CausalGraph) => [...graph.actions, ...graph.nodes];

describe('path searches against enumeration of simple paths', () => {
    test('shortest paths into an objective: distance, agreed sign, and a path that realises them', () => {
        fc.assert(fc.property(graphs, graph => {
            for (const objective of OBJECTIVES) {
                const paths = pathsInto(graph, objective);
                for (const name of names(graph)) {
                    const expected = bruteShortest(graph, name, objective);
                    expect(paths.distance(name)).toBe(expected?.distance);
                    expect(paths.sign(name)).toBe(expected?.sign);
                    const path = paths.pathFrom(name);
                    if (!expected) {
                        expect(path).toBeUndefined();
                        continue;
                    }
                    // A chain from `name` into the objective, as long as the shortest.
                    expect(path!.edges).toHaveLength(expected.distance);
                    expect(path!.edges[0]!.from).toBe(name);
                    path!.edges.forEach((edge, i) => {
                        if (i > 0) expect(edge.from).toBe(path!.edges[i - 1]!.to);
                        expect(edge.toObjective).toBe(i === expected.distance - 1);
                    });
                    expect(path!.edges.at(-1)!.to).toBe(objective);
                    expect(path!.sign).toBe(expected.sign);
                }
            }
        }), { numRuns: 300 });
    });

    test('nearest common causes of two objectives', () => {
        fc.assert(fc.property(graphs, graph => {
            const [o, p] = [pathsInto(graph, 'O'), pathsInto(graph, 'P')];
            let positive: [string, number] | undefined, unknown: [string, number] | undefined, any: [string, number] | undefined;
            for (const name of names(graph)) {
                const a = bruteShortest(graph, name, 'O');
                const b = bruteShortest(graph, name, 'P');
                if (!a || !b) continue;
                const length = a.distance + b.distance;
                if (!any || length < any[1]) any = [name, length];
                if (a.sign === '+' && b.sign === '+') {
                    if (!positive || length < positive[1]) positive = [name, length];
                } else if ((a.sign === '±' || b.sign === '±') && (!unknown || length < unknown[1])) {
                    unknown = [name, length];
                }
            }
            expect(o.nearestCommonCauses(p)).toEqual({
                ...(positive ? { positive: positive[0] } : {}),
                ...(unknown ? { unknown: unknown[0] } : {}),
                ...(any ? { any: any[0] } : {}),
            });
        }), { numRuns: 300 });
    });

    test('distance from the actions: the farthest target, each by its least (steps, links)', () => {
        fc.assert(fc.property(graphs, graph => {
            for (const objective of OBJECTIVES) {
                const targets = [...new Set(graph.edges.filter(e => e.toObjective && e.to === objective).map(e => e.from))];
                const each = targets.map(t => bruteFromActions(graph, t));
                const expected = each.some(d => d === undefined) ? undefined
                    : each.reduce<[number, number]>((w, d) => (d![0] > w[0] || (d![0] === w[0] && d![1] > w[1]) ? d! : w), [0, 0]);
                const found = distanceFromActions(graph, objective);
                expect(found && [found.steps, found.links]).toEqual(expected);
            }
        }), { numRuns: 300 });
    });
});
