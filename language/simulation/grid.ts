/**
 * The picture of an environment that shows a grid (`show grid at (x, y)`, docs/simulation.md,
 * Trajectory sample): where the agent is along the sampled episodes of the base optimum
 * and of each optimizer (their distinct position sequences, t = 0 to the horizon), and in
 * each optimizer's witness state. A position is read from the state, which remembers
 * the shown nodes (`x@1` holds x at the state's step, codegen.ts).
 */
import type { CompiledEnvironment, ShownGrid } from '../model/spec.js';
import type { GridReport, OptimizerReport } from './report.js';
import type { Episode } from './sample.js';
import type { EnvGraph, ProductGraph } from './state-graph.js';
import { stateValue } from './state-store.js';

export type GridPaths = GridReport['paths'];

/** The agent's position in a state of the environment's graph; null when the state does not hold it. */
function positionOf(env: EnvGraph, show: ShownGrid): ((s: number) => [number, number]) | null {
    const jx = env.slotNames.indexOf(`${show.x}@1`), jy = env.slotNames.indexOf(`${show.y}@1`);
    if (jx < 0 || jy < 0) return null;
    return s => [stateValue(env, s, jx), stateValue(env, s, jy)];
}

/**
 * Per policy of a sample (its episodes in order, `policies[e]` naming episode e's), the
 * distinct position sequences, in the order first followed; uniformly random episodes are
 * left out.
 */
export function gridPaths(env: EnvGraph, show: ShownGrid, episodes: readonly Episode[], policies: readonly string[]): GridPaths {
    const at = positionOf(env, show);
    if (!at) return [];
    const out: GridPaths = [];
    const seen = new Map<string, Set<string>>();
    episodes.forEach((episode, e) => {
        const policy = policies[e]!;
        if (policy === 'random') return;
        // An optimizer with a model acts on the product graph: its states map to the truth's.
        const truth = (episode.graph as Partial<ProductGraph>).trueIndex;
        const positions = Array.from(episode.states, s => at(truth ? truth[s]! : s));
        const key = positions.map(p => p.join(',')).join(';');
        let entry = out.find(p => p.policy === policy);
        if (!entry) { entry = { policy, positions: [] }; out.push(entry); seen.set(policy, new Set()); }
        const keys = seen.get(policy)!;
        if (keys.has(key)) return;
        keys.add(key);
        entry.positions.push(positions);
    });
    return out;
}

/** The grid report of an environment with `show`, else null. */
export function gridReport(env: CompiledEnvironment, paths: GridPaths, optimizers: readonly OptimizerReport[]): GridReport | null {
    const show = env.show;
    if (!show) return null;
    const witnesses: GridReport['witnesses'] = [];
    for (const o of optimizers) {
        const w = o.witness;
        if (!w || w.env !== env.label) continue;
        const x = w.values[`${show.x}@1`], y = w.values[`${show.y}@1`];
        if (x !== undefined && y !== undefined) witnesses.push({ optimizer: o.name, x, y });
    }
    return { name: show.grid, rows: show.rows, x: show.x, y: show.y, paths, witnesses };
}
