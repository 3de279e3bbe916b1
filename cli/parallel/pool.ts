/**
 * `simulateParallel(spec, options)`: `simulate` over this thread and a pool of worker
 * threads (cli/parallel/core-worker.ts), one thread per core (docs/simulation.md, Worker
 * threads). Parts of a run are spread over them: the first phase, exploring every
 * environment and solving every objective there, one environment per task
 * (cli/parallel/task.ts), the rest then running on this thread over a context seeded with
 * their work; the distinguishing search's interventions, judged through the context's
 * farm (cli/parallel/farm.ts); and the capability sweeps and the learning path, through
 * its sweeps (cli/parallel/sweeps.ts). The report is byte for byte the one of `simulate`.
 * Node-only: nothing the browser bundles imports it. Without the worker bundle, with one
 * worker or a fake clock, it is `simulate` itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { CompiledSpec } from '../../language/model/spec.js';
import { Context, type Seed } from '../../language/simulation/context.js';
import type { Report } from '../../language/simulation/report.js';
import { budgetOf, DEFAULT_MAX_STATES, explorationOrder, simulateWith, type SimulateOptions } from '../../language/simulation/simulate.js';
import { Budget } from '../../language/simulation/errors.js';
import { MAX_TRAIN_STATES, STALL_MS, WorkerFarm, type FarmPort } from './farm.js';
import type { Begin, Explore, FarmSetup, TaskResult, WorkerSetup } from './messages.js';
import { SHARED_SWEEP_STATES, WorkerSweeps } from './sweeps.js';
import { runTask } from './task.js';
import { claimFirst, closeFree, HERE, holder } from './claims.js';

export interface ParallelOptions extends SimulateOptions {
    /** Threads at work at once; default the machine's cores; 1: all on this thread. */
    workers?: number;
    /** The worker bundle; default dist/core-worker.cjs (tests name a missing one). */
    workerFile?: string;
    /** The distinguishing search's first milliseconds, judged on this thread alone; default `ALONE_MS`. */
    searchAloneMs?: number;
    /** Training environments of fewer states have their capability sweeps on this thread alone; default `SHARED_SWEEP_STATES`. */
    sweepStates?: number;
}

/** The machine's cores, the default number of workers. */
export function defaultWorkers(): number {
    return availableParallelism();
}

export async function simulateParallel(spec: CompiledSpec, options: ParallelOptions = {}): Promise<Report> {
    // The run starts now: the workers share this budget's deadline.
    const start = Date.now();
    const ctx = new Context(spec, budgetOf(options));
    const pool = Pool.open(spec, options, start);
    if (!pool) return simulateWith(ctx, options);
    try {
        const seeds = await pool.explore(options.signal, options.progress);
        for (const [label, seed] of seeds) ctx.seed(label, seed);
        // No search, no farm.
        const farm = options.adversarial === false ? undefined : pool.farm(ctx.budget, seeds, options.searchAloneMs);
        ctx.farm = farm;
        // Once the sweeps (and the learning path, when shared) are over, workers the search will
        // not use are ended, and their memory with them. The path goes to a worker only when no
        // search shares them: a worker busy with it would hold up the search's tasks.
        ctx.sweeps = pool.sweeps(ctx.budget, () => { if (!farm) pool.close(); }, options.sweepStates, !farm);
        return simulateWith(ctx, options);
    } finally {
        pool.close();
    }
}

/**
 * The environments explored (and their objectives solved) on the pool's threads, or whose
 * exploration hit the state cap there, for a run that started at `start`; empty when the
 * pool does not run or the spec has fewer than two environments to explore. The workers
 * are ended when it resolves.
 */
export async function workerSeeds(spec: CompiledSpec, options: ParallelOptions = {}, start = Date.now()): Promise<Map<string, Seed>> {
    const pool = Pool.open(spec, options, start);
    if (!pool) return new Map();
    try {
        return await pool.explore(options.signal);
    } finally {
        pool.close();
    }
}

/**
 * Whether the search may use the farm after the first phase: some training environment
 * was not explored there (its size is unknown yet) or was, with at most `MAX_TRAIN_STATES`
 * states. One that hit the state cap has no search.
 */
export function farmWanted(train: string[], seeds: Map<string, Seed>): boolean {
    return train.some(label => {
        const seed = seeds.get(label);
        return seed === undefined || ('graph' in seed && seed.graph.nStates <= MAX_TRAIN_STATES);
    });
}

let workersStarted = 0;

/** How many worker threads pools have started so far in this process, early ones included (for tests). */
export function startedWorkers(): number {
    return workersStarted;
}

/**
 * Has V8 compile a long loop's optimised code on the thread that runs the loop (its flag
 * `--no-concurrent-osr`), not on a helper thread. With every core busy with the pool's
 * threads, that helper waits for a core while the loop runs slower code: the first phase
 * of two labs of 3 million states took 516–550 ms this way against 542–587 ms
 * (docs/benchmarks.md, Late morning). One thread gains nothing, so it is set when a
 * pool first puts a worker to work, not before. V8 reads the flag at each such compile,
 * in every isolate of the process. Only on the V8 versions known to have it (Node 18 to
 * 24): an unknown flag would be printed as an error.
 */
function compileHotLoopsInPlace(): void {
    const major = Number(process.versions.v8.split('.')[0]);
    if (major >= 10 && major <= 13) setFlagsFromString('--no-concurrent-osr');
}

/** Workers started before their run (`startWorkerEarly`), each with the bundle it runs, until a pool takes them. */
const early: { worker: Worker; file: string }[] = [];

/**
 * Starts the first worker of a run that has not begun: `mesa simulate` and `mesa
 * distinguish` call this before they parse the spec, so that the worker's own start
 * (25 ms on an idle machine, up to 80 ms beside a busy thread) overlaps the parse instead
 * of the first phase (docs/simulation.md, Worker threads). It waits for its run without
 * holding the process open; the run's pool takes it, or ends it when the run needs no
 * worker. Nothing when the run would stay on this thread, or one is waiting already.
 */
export function startWorkerEarly(options: Pick<ParallelOptions, 'workers' | 'workerFile'> = {}): void {
    const file = poolFile(options);
    if (file === undefined || early.length > 0) return;
    let worker: Worker;
    try {
        worker = new Worker(file);
    } catch {
        return;
    }
    workersStarted++;
    worker.unref();
    const entry = { worker, file };
    // One that fails before a run takes it is forgotten; the run starts its own.
    const forget = (): void => { const i = early.indexOf(entry); if (i >= 0) early.splice(i, 1); };
    worker.once('error', forget);
    worker.once('exit', forget);
    early.push(entry);
}

/** Workers started early and not taken by a run (for tests). */
export function waitingWorkers(): number {
    return early.length;
}

/** A waiting worker that runs `file`, now the caller's, or undefined. */
function takeEarly(file: string): Worker | undefined {
    const i = early.findIndex(e => e.file === file);
    if (i < 0) return undefined;
    const { worker } = early.splice(i, 1)[0]!;
    worker.removeAllListeners();
    worker.ref();
    return worker;
}

/** Ends the workers started early that no run took. */
function endEarly(): void {
    for (const { worker } of early.splice(0)) void worker.terminate();
}

/** The environments the first phase explores, in order. */
function toExplore(spec: CompiledSpec): string[] {
    return explorationOrder(spec).filter(l => spec.environments.some(e => e.label === l && !e.qualitative));
}

/** The worker bundle a run of `options` starts its workers from; undefined when the run stays on this thread. */
function poolFile(options: Pick<ParallelOptions, 'workers' | 'workerFile'>): string | undefined {
    const file = options.workerFile ?? bundledWorker();
    return (options.workers ?? defaultWorkers()) < 2 || file === undefined || !existsSync(file) ? undefined : file;
}

/** dist/core-worker.cjs, next to the CLI bundle, or from the sources' place in the tree. */
function bundledWorker(): string | undefined {
    const here = dirname(fileURLToPath(import.meta.url));
    return [join(here, 'core-worker.cjs'), join(here, '..', '..', 'dist', 'core-worker.cjs')].find(f => existsSync(f));
}

/**
 * The worker threads of one run, ended by `close`: as many as the first phase can use
 * start at once, the rest only when the distinguishing search shares its work (`farm`),
 * so that a run of a few environments on a machine of many cores holds a few workers'
 * memory, not one per core.
 */
class Pool {
    /** The workers that started and have not failed, and each one's place in `claims` and in the farm's heartbeats. */
    private readonly live = new Set<Worker>();
    private readonly slots = new Map<Worker, number>();
    /** The workers given a farm port. */
    private readonly farmed = new Set<Worker>();
    private started = 0;

    private constructor(private readonly setup: WorkerSetup, private readonly file: string, private readonly total: number, first: number) {
        this.spawn(first);
    }

    /** Starts `count` more workers (fewer if the pool is full); returns those that started. */
    private spawn(count: number): Worker[] {
        const out: Worker[] = [];
        if (count > 0 && this.started < this.total) compileHotLoopsInPlace();
        for (let n = 0; n < count && this.started < this.total; n++) {
            const slot = this.started++;
            let w: Worker;
            const waiting = takeEarly(this.file);
            if (waiting) w = waiting;
            else {
                try {
                    w = new Worker(this.file);
                } catch {
                    continue;
                }
                workersStarted++;
            }
            w.postMessage({ begin: { ...this.setup, slot } } satisfies Begin);
            this.live.add(w);
            this.slots.set(w, slot);
            // A worker that fails leaves what it had to the run.
            const drop = (): void => { this.live.delete(w); };
            w.on('error', drop);
            w.on('exit', drop);
            out.push(w);
        }
        return out;
    }

    /** The pool of a run that started at `start`, or undefined when the run stays on this thread. */
    static open(spec: CompiledSpec, options: ParallelOptions, start: number): Pool | undefined {
        const workers = options.workers ?? defaultWorkers();
        const file = poolFile(options);
        if (file === undefined || options.clock !== undefined || options.signal?.cancelled) {
            endEarly();
            return undefined;
        }
        const tasks = toExplore(spec);
        const setup: WorkerSetup = {
            spec,
            maxStates: options.maxStates ?? DEFAULT_MAX_STATES,
            deadline: options.timeBudgetMs === undefined ? null : start + options.timeBudgetMs,
            cancelled: new Int32Array(new SharedArrayBuffer(4)),
            start,
            tasks,
            claims: new Int32Array(new SharedArrayBuffer(4 * tasks.length)),
            slot: -1,
            shared: new Int32Array(new SharedArrayBuffer(4 * workers)),
        };
        // The first phase keeps one thread per environment busy, this one included; the search
        // starts the rest when it first shares its work (none for a spec of one environment
        // whose search stays on this thread).
        return new Pool(setup, file, workers - 1, Math.min(workers - 1, Math.max(0, tasks.length - 1)));
    }

    /**
     * The first phase: the environments to explore, in order, on this thread and the
     * workers, each claiming the next free one as it finishes its last (so a worker never
     * waits for this thread to hand it one); resolves with what can be seeded (graphs and
     * state cap hits) once all are done or given up. This thread's share runs in a context
     * of its own, as a worker's would, so that every graph is seeded the same way. A worker
     * still starting claims nothing, so a small spec does not wait for it; a worker that
     * cannot start or dies leaves what it held to the run. After the time budget or
     * cancellation stops a thread, no more tasks are claimed. Nothing with fewer than two
     * environments.
     */
    async explore(signal: { cancelled: boolean } | undefined, progress?: (stage: string) => void): Promise<Map<string, Seed>> {
        const { tasks, claims } = this.setup;
        const seeds = new Map<string, Seed>();
        if (tasks.length < 2) return seeds;
        const threads = this.live.size + 1;
        progress?.(`exploring ${tasks.length} environments on ${threads === 1 ? 'this thread' : `${threads} threads`}`);
        let stopped = false;
        const cancel = (): void => { Atomics.store(this.setup.cancelled, 0, 1); stopped = true; };
        const record = (r: TaskResult): void => {
            if (r.kind === 'graph') seeds.set(r.label, { graph: r.graph, solved: r.solved });
            else if (r.kind === 'states') seeds.set(r.label, { statesHit: { limit: r.limit, memoryBound: r.memoryBound } });
            else if (r.stopped) stopped = true;
        };
        const workers = this.listen(record);
        for (const w of this.live) w.postMessage({ explore: true } satisfies Explore);
        // This thread's share. Its budget reads the run's signal, and passes a cancellation on to the workers.
        const relay = { get cancelled(): boolean { if (signal?.cancelled) cancel(); return signal?.cancelled === true; } };
        const remaining = this.setup.deadline === null ? undefined : Math.max(0, this.setup.deadline - Date.now());
        const own = new Context(this.setup.spec, new Budget(this.setup.maxStates, remaining, relay));
        const claim = (): string | undefined => {
            if (signal?.cancelled) cancel();
            if (stopped) return undefined;
            const j = claimFirst(claims, HERE);
            return j < 0 ? undefined : tasks[j];
        };
        for (let label = claim(); label !== undefined; label = claim()) {
            record(runTask(own, label));
            // Let the workers' results in.
            await new Promise(resolve => setImmediate(resolve));
        }
        // Whatever is still free after a stop is nobody's.
        closeFree(claims);
        await workers.done(signal, cancel);
        return seeds;
    }

    /**
     * Records each live worker's first-phase results as they come; `done` resolves, once
     * every task is claimed, when each task a worker claimed has its result in or its
     * worker has ended, and stops listening. While it waits, a cancellation of the run is
     * passed on to the workers.
     */
    private listen(record: (r: TaskResult) => void): { done: (signal: { cancelled: boolean } | undefined, cancel: () => void) => Promise<void> } {
        const { tasks, claims } = this.setup;
        const heard = new Set<string>();
        const ended = new Set<number>();
        let check = (): void => undefined;
        const listeners = [...this.live].map(w => {
            const slot = this.slots.get(w)!;
            const onMessage = (r: TaskResult): void => { record(r); heard.add(r.label); check(); };
            const onExit = (): void => { ended.add(slot); check(); };
            w.on('message', onMessage);
            w.on('exit', onExit);
            return () => { w.off('message', onMessage); w.off('exit', onExit); };
        });
        const waiting = (): boolean => tasks.some((label, j) => {
            const slot = holder(claims, j);
            return slot >= 0 && !heard.has(label) && !ended.has(slot);
        });
        const done = (signal: { cancelled: boolean } | undefined, cancel: () => void): Promise<void> => new Promise<void>(resolve => {
            const watch = signal ? setInterval(() => { if (signal.cancelled) cancel(); }, 10) : undefined;
            check = () => {
                if (waiting()) return;
                if (watch) clearInterval(watch);
                for (const off of listeners) off();
                resolve();
            };
            check();
        });
        return { done };
    }

    /**
     * The farm of the live workers, and of those it recruits, for the rest of the run, whose
     * waits look at `budget` and which judges the search's first `aloneMs` on this thread
     * alone. Undefined when there is no worker and none left to start, or when no training
     * environment can use it (each was explored in the first phase with more than
     * `MAX_TRAIN_STATES` states, or hit the state cap): the workers then stay only for the
     * sweeps.
     */
    farm(budget: Budget, seeds: Map<string, Seed>, aloneMs?: number): WorkerFarm | undefined {
        if (!farmWanted(this.setup.spec.train, seeds)) return undefined;
        if (this.live.size === 0 && this.started >= this.total) return undefined;
        const portOf = (w: Worker): FarmPort => {
            const { port1, port2 } = new MessageChannel();
            this.farmed.add(w);
            w.postMessage({ farm: port2 } satisfies FarmSetup, [port2]);
            return { port: port1, slot: this.slots.get(w)! };
        };
        // The workers the first phase did not need start when the search first shares its work
        // (or the sweeps did): each gets its port then.
        const recruit = (): FarmPort[] => {
            this.spawn(this.total - this.started);
            return [...this.live].filter(w => !this.farmed.has(w)).map(portOf);
        };
        return new WorkerFarm([...this.live].map(portOf), this.setup.shared, this.setup.start, budget, recruit, aloneMs);
    }

    /**
     * The capability sweeps on the live workers, and on as many more as they can use (the
     * workers not started yet), which start when the sweeps are shared, and with `sharePath`
     * the learning path after them; `ended` runs when the workers are no longer needed for
     * them.
     */
    sweeps(budget: Budget, ended: () => void, minStates = SHARED_SWEEP_STATES, sharePath = false): WorkerSweeps {
        const workers = (wanted: number): { worker: Worker; slot: number }[] => {
            this.spawn(Math.max(0, wanted - this.live.size));
            return [...this.live].map(worker => ({ worker, slot: this.slots.get(worker)! }));
        };
        return new WorkerSweeps(workers, this.setup.shared, this.setup.start, budget, ended, minStates, STALL_MS, sharePath);
    }

    /** Ends every worker, and any started early that the run did not take. */
    close(): void {
        for (const w of this.live) void w.terminate();
        this.live.clear();
        endEarly();
    }
}
