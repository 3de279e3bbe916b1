/**
 * One task of the pool (cli/parallel/pool.ts), run on a worker (core-worker.ts) or on the
 * main thread alike: compile an environment, explore it under the run's caps, and solve
 * every objective evaluable there exactly as `Context.solve` would. Whatever fails (a
 * run-time error, a return that is not finite, the time budget) is left for the main
 * thread's run to redo, so that it fails there as it would in one thread.
 */
import type { Context} from '../../language/simulation/context.js';
import { type Solved } from '../../language/simulation/context.js';
import { BudgetExceeded } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import type { EnvGraph } from '../../language/simulation/state-graph.js';
import type { TaskResult } from './messages.js';

/** Runs the task of `label` in `ctx` (a context of its own, not the run's: its graph is seeded into the run's). */
export function runTask(ctx: Context, label: string): TaskResult {
    const budget = ctx.budget;
    let graph: EnvGraph;
    try {
        // Born in shared memory: the capability sweeps and the learning path can share it with a worker without a copy.
        graph = explore(ctx.compiledEnv(label), budget, true);
    } catch (e) {
        if (e instanceof BudgetExceeded && e.budget === 'states') return { label, kind: 'states', limit: e.limit, memoryBound: e.memoryBound };
        return { label, kind: 'failed', stopped: budget.stopped !== undefined };
    }
    const solved = new Map<string, Solved>();
    for (const objective of graph.rewards.keys()) {
        try {
            solved.set(objective, ctx.solve(graph, objective));
        } catch {
            // Not finite: the main thread meets it again if it asks. Out of time: it stops there too.
            if (budget.stopped) break;
        }
    }
    return { label, kind: 'graph', graph, solved };
}
