/**
 * `simulateParallel(spec, options)`: `simulate` with its first phase, exploring every
 * environment and solving every objective there, spread over this thread and a pool of
 * worker threads (cli/parallel/core-worker.ts), one thread per core and one environment
 * per task (cli/parallel/task.ts), and the rest on this thread
 * over a context seeded with their work (docs/simulation.md, Worker threads). The report
 * is byte for byte the one of `simulate`. Node-only: nothing the browser bundles imports
 * it. Without the worker bundle, with one worker, one environment or a fake clock, it is
 * `simulate` itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledSpec } from '../../language/model/spec.js';
import { Context, type Seed } from '../../language/simulation/context.js';
import type { Report } from '../../language/simulation/report.js';
import { budgetOf, DEFAULT_MAX_STATES, explorationOrder, simulateWith, type SimulateOptions } from '../../language/simulation/simulate.js';
import { Budget } from '../../language/simulation/errors.js';
import type { TaskResult, WorkerSetup } from './messages.js';
import { runTask } from './task.js';

export interface ParallelOptions extends SimulateOptions {
    /** Threads exploring at once; default the machine's cores; 1: all on this thread. */
    workers?: number;
    /** The worker bundle; default dist/core-worker.cjs (tests name a missing one). */
    workerFile?: string;
}

/** The machine's cores, the default number of workers. */
export function defaultWorkers(): number {
    return availableParallelism();
}

export async function simulateParallel(spec: CompiledSpec, options: ParallelOptions = {}): Promise<Report> {
    // The run starts now: the workers share this budget's deadline.
    const start = Date.now();
    const ctx = new Context(spec, budgetOf(options));
    for (const [label, seed] of await workerSeeds(spec, options, start)) ctx.seed(label, seed);
    return simulateWith(ctx, options);
}

/**
 * The environments explored (and their objectives solved) on worker threads, or whose
 * exploration hit the state cap there, for a run that started at `start`; empty when the
 * pool does not run. The workers are ended when it resolves.
 */
export async function workerSeeds(spec: CompiledSpec, options: ParallelOptions = {}, start = Date.now()): Promise<Map<string, Seed>> {
    const labels = explorationOrder(spec).filter(l => spec.environments.some(e => e.label === l && !e.qualitative));
    const n = Math.min(options.workers ?? defaultWorkers(), labels.length);
    const file = options.workerFile ?? bundledWorker();
    if (n < 2 || file === undefined || !existsSync(file) || options.clock !== undefined || options.signal?.cancelled) return new Map();
    const setup: WorkerSetup = {
        spec,
        maxStates: options.maxStates ?? DEFAULT_MAX_STATES,
        deadline: options.timeBudgetMs === undefined ? null : start + options.timeBudgetMs,
        cancelled: new Int32Array(new SharedArrayBuffer(4)),
    };
    return exploreInPool(file, setup, labels, n, options.signal);
}

/** dist/core-worker.cjs, next to the CLI bundle, or from the sources' place in the tree. */
function bundledWorker(): string | undefined {
    const here = dirname(fileURLToPath(import.meta.url));
    return [join(here, 'core-worker.cjs'), join(here, '..', '..', 'dist', 'core-worker.cjs')].find(f => existsSync(f));
}

/**
 * Runs the tasks on n threads, this one and n − 1 workers, in order, each taking the next
 * as it finishes; resolves with what can be seeded (graphs and state cap hits) once all
 * are done or given up. This thread's share runs in a context of its own, as a worker's
 * would, so that every graph is seeded the same way. A worker that cannot start or dies
 * leaves its task to the run; after the time budget or cancellation stops one, no more
 * are handed out. The workers are ended before it resolves.
 */
async function exploreInPool(file: string, setup: WorkerSetup, labels: string[], n: number,
    signal: { cancelled: boolean } | undefined): Promise<Map<string, Seed>> {
    const seeds = new Map<string, Seed>();
    const queue = [...labels];
    let stopped = false;
    const cancel = (): void => { Atomics.store(setup.cancelled, 0, 1); stopped = true; };
    const record = (r: TaskResult): void => {
        if (r.kind === 'graph') seeds.set(r.label, { graph: r.graph, solved: r.solved });
        else if (r.kind === 'states') seeds.set(r.label, { statesHit: { limit: r.limit, memoryBound: r.memoryBound } });
        else if (r.stopped) stopped = true;
    };
    const next = (): string | undefined => {
        if (signal?.cancelled) cancel();
        return stopped ? undefined : queue.shift();
    };
    const workers = startWorkers(file, setup, n - 1, next, record, signal, cancel);
    // This thread's share. Its budget reads the run's signal, and passes a cancellation on to the workers.
    const relay = { get cancelled(): boolean { if (signal?.cancelled) cancel(); return signal?.cancelled === true; } };
    const remaining = setup.deadline === null ? undefined : Math.max(0, setup.deadline - Date.now());
    const own = new Context(setup.spec, new Budget(setup.maxStates, remaining, relay));
    for (let label = next(); label !== undefined; label = next()) {
        record(runTask(own, label));
        // Let the workers' results in, so that they get their next tasks.
        await new Promise(resolve => setImmediate(resolve));
    }
    await workers;
    return seeds;
}

/** Starts `count` workers that take tasks from `next` until it has none; resolves when all have ended. */
function startWorkers(file: string, setup: WorkerSetup, count: number, next: () => string | undefined,
    record: (r: TaskResult) => void, signal: { cancelled: boolean } | undefined, cancel: () => void): Promise<void> {
    return new Promise<void>(resolve => {
        const live = new Set<Worker>();
        const watch = signal ? setInterval(() => { if (signal.cancelled) cancel(); }, 10) : undefined;
        const retire = (w: Worker): void => {
            if (!live.delete(w)) return;
            void w.terminate();
            if (live.size > 0) return;
            if (watch) clearInterval(watch);
            resolve();
        };
        const dispatch = (w: Worker): void => {
            const label = next();
            if (label === undefined) retire(w);
            else w.postMessage({ label });
        };
        for (let i = 0; i < count; i++) {
            let w: Worker;
            try {
                w = new Worker(file, { workerData: setup });
            } catch {
                continue;
            }
            live.add(w);
            w.on('message', (r: TaskResult) => {
                if (!live.has(w)) return;
                record(r);
                dispatch(w);
            });
            // A worker that fails leaves the task it had to the run.
            w.on('error', () => retire(w));
            w.on('exit', () => retire(w));
            dispatch(w);
        }
        if (live.size === 0) {
            if (watch) clearInterval(watch);
            resolve();
        }
    });
}
