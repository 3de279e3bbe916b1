/**
 * The capability sweeps of a run on this thread and the pool's workers at once
 * (language/simulation/sweep.ts; docs/simulation.md, Worker threads). Before the
 * optimizers are analysed, the run names the sweeps it will ask for; when they are large
 * enough to be worth a worker's start, their training graphs move into shared memory and
 * every live worker gets the list. A worker claims sweeps from the last on, this thread
 * from the first on as the analyses ask for them: whoever swaps a sweep's claim word from
 * 0 first runs it, so each runs once. A sweep a worker failed, or that a worker silent for
 * `STALL_MS` holds, is run here, where it meets the same error or budget as in one
 * thread. The sweeps are the ones one thread computes, number for number.
 *
 * The learning path, which the run asks for last, can go to a worker too, once that worker
 * is done with its sweeps: then every explored graph moves into shared memory, since a
 * step's verdict looks at the deployment environments. It does only when no search farm
 * shares the workers (a worker busy with the path would hold up the search's tasks), and a
 * path that hit a budget there is computed here again, so that `incomplete` says so as in
 * one thread.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Context, Explored, Solved } from '../../language/simulation/context.js';
import { BudgetExceeded, type Budget } from '../../language/simulation/errors.js';
import type { LearningPathReport } from '../../language/simulation/report.js';
import type { EnvGraph } from '../../language/simulation/state-graph.js';
import type { EnvSweep, SweepFarm, SweepJob } from '../../language/simulation/sweep.js';
import { STALL_MS, waitForWorkers } from './farm.js';
import type { SweepResult, SweepSetup } from './messages.js';
import { claim, closeFree, HERE, holder } from './claims.js';

/**
 * Sweeps of training environments smaller than this stay on this thread: a worker must
 * first compile and optimise the passes' code, and a sweep is about H passes over the
 * graph, so below some hundred thousand states it is over before a worker would help.
 */
export const SHARED_SWEEP_STATES = 100_000;
let byWorkers = 0;
let pathsByWorkers = 0;

/** How many sweeps workers have run so far in this process, each counted when its result is used (for tests and the benchmark). */
export function sweepsRunByWorkers(): number {
    return byWorkers;
}

/** How many learning paths workers have computed so far in this process, each counted when used (for tests). */
export function learningPathsByWorkers(): number {
    return pathsByWorkers;
}

type Typed = Int32Array | Uint32Array | Float32Array | Float64Array;

/** The same numbers in shared memory (the array itself when they are there already). */
function shared<T extends Typed>(a: T): T {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const Kind = a.constructor as new (buffer: SharedArrayBuffer) => T;
    const out = new Kind(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
}

/**
 * Moves a graph's arrays into shared memory, in place: the graph stays the same object
 * with the same numbers, and can then be posted to a worker without a copy. The old
 * arrays are left to the collector.
 */
export function shareGraph(g: EnvGraph): void {
    g.layerStart = shared(g.layerStart);
    g.next = shared(g.next);
    for (const [name, r] of g.rewards) g.rewards.set(name, shared(r));
    if (g.outcomes) {
        g.outcomes.start = shared(g.outcomes.start);
        g.outcomes.next = shared(g.outcomes.next);
        g.outcomes.p = shared(g.outcomes.p);
    }
    if (g.start) g.start = shared(g.start);
    g.codes = shared(g.codes);
    g.dictionary = shared(g.dictionary);
}

/** A worker the sweeps may use, and its place in the shared heartbeats. */
export interface SweepWorker {
    worker: Worker;
    slot: number;
}

export class WorkerSweeps implements SweepFarm {
    private jobs: SweepJob[] = [];
    private claims: Int32Array = new Int32Array(0);
    private readonly results = new Map<number, SweepResult>();
    private ports: MessagePort[] = [];
    /** Whether the learning path was offered to the workers, and whether `ended` has run. */
    private pathShared = false;
    private done = false;

    /**
     * `workers(n)` gives the workers to share with when the sweeps start, starting more
     * when there are fewer than the n the sweeps can use; `shared` holds the results
     * counter and each worker's heartbeat at [1 + slot]; `runStart` is when the run started;
     * `ended` is called once the workers are no longer needed (no more sweeps will be asked
     * for, and the learning path, when shared, is in); sweeps of training environments
     * below `minStates` stay here, and so does the learning path then or without
     * `sharePath`; a worker silent for `stallMs` is taken for dead.
     */
    constructor(private readonly workers: (wanted: number) => SweepWorker[], private readonly shared: Int32Array, private readonly runStart: number,
        private readonly budget: Budget, private readonly ended: () => void,
        private readonly minStates = SHARED_SWEEP_STATES, private readonly stallMs = STALL_MS, private readonly sharePath = false) {}

    start(ctx: Context, jobs: SweepJob[], learningPath: boolean): void {
        const graphs = new Map<string, Explored>();
        const add = (g: EnvGraph, objective: string): boolean => {
            let solved: Solved;
            try {
                solved = ctx.solve(g, objective);
            } catch {
                // Not finite: the analysis meets it here, in its order.
                return false;
            }
            const entry = graphs.get(g.label) ?? { graph: g, solved: new Map<string, Solved>() };
            entry.solved.set(objective, solved);
            graphs.set(g.label, entry);
            return true;
        };
        const big: SweepJob[] = [];
        for (const job of jobs) {
            const g = ctx.graph(job.env);
            if (g && g.nStates >= this.minStates && add(g, job.objective)) big.push(job);
        }
        // The path, when every training environment is large: over every graph the run explored.
        const explored = learningPath && this.sharePath
            ? ctx.spec.environments.filter(e => !e.qualitative && !ctx.unexplored(e.label)).map(e => ctx.graph(e.label)!)
            : [];
        const path = ctx.spec.train.length > 0 && ctx.spec.train.every(label => explored.some(g => g.label === label && g.nStates >= this.minStates));
        if (big.length + (path ? 1 : 0) < 2) return;
        // The main thread runs one: the others can keep a worker each busy.
        const workers = this.workers(big.length + (path ? 1 : 0) - 1);
        if (workers.length === 0) return;
        if (path) {
            for (const g of explored) for (const objective of g.rewards.keys()) add(g, objective);
        }
        try {
            for (const { graph } of graphs.values()) shareGraph(graph);
        } catch {
            // No memory for the copies: the sweeps stay here (a graph half moved keeps its numbers).
            return;
        }
        this.jobs = big;
        this.pathShared = path;
        this.claims = new Int32Array(new SharedArrayBuffer(4 * (big.length + 1)));
        if (!path) this.claims[big.length] = HERE;
        for (const { worker } of workers) {
            const { port1, port2 } = new MessageChannel();
            worker.postMessage({ sweeps: port2, jobs: big, claims: this.claims, graphs } satisfies SweepSetup, [port2]);
            this.ports.push(port1);
        }
    }

    take(job: SweepJob): EnvSweep | undefined {
        const j = this.jobs.findIndex(x => x.env === job.env && x.objective === job.objective);
        if (j < 0) return undefined;
        const r = this.await(j);
        if (r && 'sweep' in r) byWorkers++;
        return r && 'sweep' in r ? r.sweep : undefined;
    }

    learningPath(): LearningPathReport | null | undefined {
        if (!this.pathShared) return undefined;
        try {
            const r = this.await(this.jobs.length);
            if (!r || !('path' in r)) return undefined;
            pathsByWorkers++;
            return r.path;
        } catch (e) {
            // Out of time or cancelled while waiting: the path is computed here, which records it.
            if (e instanceof BudgetExceeded) return undefined;
            throw e;
        } finally {
            this.finish();
        }
    }

    /**
     * What a worker sent back for job j (the learning path: j = jobs.length); undefined
     * when j is this thread's to run: no one had claimed it, this thread ran it already (for
     * another planner of the objective: here again, as on one thread), or its worker failed
     * it or fell silent. Throws what the budget throws while it waits.
     */
    private await(j: number): SweepResult | undefined {
        if (claim(this.claims, j, HERE)) return undefined;
        const slot = holder(this.claims, j);
        if (slot < 0) return undefined;
        for (;;) {
            const seen = Atomics.load(this.shared, 0);
            this.collect();
            if (this.results.has(j)) {
                const r = this.results.get(j)!;
                return 'failed' in r ? undefined : r;
            }
            waitForWorkers(this.shared, seen, this.budget);
            // A worker silent too long died: the job is run here.
            const now = Date.now() - this.runStart;
            if (now - Atomics.load(this.shared, 1 + slot) > this.stallMs) return undefined;
        }
    }

    /** Takes in the results the workers sent back. */
    private collect(): void {
        for (const port of this.ports) {
            for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
                const r = m.message as SweepResult;
                this.results.set(r.j, r);
            }
        }
    }

    end(): void {
        // What no one has claimed, no worker starts now.
        closeFree(this.claims, this.jobs.length);
        if (!this.pathShared) this.finish();
    }

    /** The workers are no longer needed here. */
    private finish(): void {
        if (this.done) return;
        this.done = true;
        for (const port of this.ports) port.close();
        this.ports = [];
        this.ended();
    }
}
