/**
 * A worker thread of the pool (cli/parallel/pool.ts; bundled as dist/core-worker.cjs):
 * for each environment it is given, it runs the task of task.ts (explore, then solve every
 * objective) under the run's state cap, deadline and cancellation, and hands the graph
 * and the solutions back, moving their buffers rather than copying them
 * (docs/simulation.md, Worker threads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Context } from '../../language/simulation/context.js';
import { Budget } from '../../language/simulation/errors.js';
import { buffersOf, type Task, type TaskResult, type WorkerSetup } from './messages.js';
import { runTask } from './task.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const signal = { get cancelled(): boolean { return Atomics.load(setup.cancelled, 0) !== 0; } };
const remaining = setup.deadline === null ? undefined : Math.max(0, setup.deadline - Date.now());
const budget = new Budget(setup.maxStates, remaining, signal);
const ctx = new Context(setup.spec, budget);

port.on('message', ({ label }: Task) => {
    const result = runTask(ctx, label);
    try {
        port.postMessage(result, buffersOf(result));
    } catch {
        port.postMessage({ label, kind: 'failed', stopped: budget.stopped !== undefined } satisfies TaskResult);
    }
});
