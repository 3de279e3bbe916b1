/**
 * What the pool of cli/parallel/pool.ts and its workers (cli/parallel/core-worker.ts) say
 * to each other, and the generic walk that lists the buffers a message can hand over
 * without copying them. Node-only, like the rest of cli/.
 */
import type { Explored } from '../../language/simulation/context.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import type { Covers, DerivedJob, DerivedTask } from '../../language/simulation/adversarial/farm.js';
import type { EnvSweep, SweepJob } from '../../language/simulation/sweep.js';
import type { LearningPathReport } from '../../language/simulation/report.js';
import type { MessagePort } from 'node:worker_threads';

/**
 * What every worker is told first, in its `Begin` message: the spec and the run's caps. A
 * worker may start before its run does (pool.ts, `startWorkerEarly`), so this comes by
 * message rather than with the worker's start.
 */
export interface WorkerSetup {
    spec: CompiledSpec;
    maxStates: number;
    /** When the run's time budget ends, as `Date.now()` reads it; none: no time budget. */
    deadline: number | null;
    /** Set to 1 by the main thread when the run is cancelled. */
    cancelled: Int32Array;
    /** When the run started, as `Date.now()` read it: heartbeats count from there. */
    start: number;
    /** The first phase's tasks, in order: the environments to explore (cli/parallel/task.ts). */
    tasks: string[];
    /**
     * Per task, who runs it (claims.ts): the main thread and the workers each claim the
     * first free task, so that a worker takes its next task as soon as it is done with one.
     */
    claims: Int32Array;
    /** This worker's place in the heartbeats of `shared`. */
    slot: number;
    /**
     * The shared words: [0] counts results posted by any worker (farm.ts and sweeps.ts wait
     * on it), [1 + slot] is this worker's heartbeat (ms since the run started, written
     * whenever it looks at its budget or starts a task).
     */
    shared: Int32Array;
}

/**
 * Sent once to each worker, after its first-phase tasks: the port the distinguishing
 * search's tasks come by and its results go back by (cli/parallel/farm.ts).
 */
export interface FarmSetup {
    farm: MessagePort;
}

/**
 * Sent at most once to each worker, before the run's optimizers are analysed
 * (cli/parallel/sweeps.ts): the capability sweeps to run, the last first, each once
 * claimed in `claims` (claims.ts), then the learning path; the graphs they run over (the
 * training ones, and every explored one when the learning path is shared), in shared
 * memory, with the objectives solved there; the port each result goes back by.
 */
export interface SweepSetup {
    sweeps: MessagePort;
    jobs: SweepJob[];
    /** Per sweep, then the learning path's at [jobs.length] (−1 from the start when it stays on the main thread). */
    claims: Int32Array;
    graphs: Map<string, Explored>;
}

/** From a worker: sweep job j run (j = jobs.length: the learning path), or failed there (the main thread runs it again). */
export type SweepResult =
    | { j: number; sweep: EnvSweep }
    | { j: number; path: LearningPathReport | null }
    | { j: number; failed: true };

/** To a worker on its farm port: the job the next tasks belong to, or one task. */
export type FarmMessage =
    | { kind: 'job'; id: number; job: DerivedJob }
    | { kind: 'task'; id: number; i: number; task: DerivedTask };

/** From a worker: task i of job `id` judged, or failed there (the main thread redoes it). */
export type FarmResult =
    | { id: number; i: number; covers: Covers }
    | { id: number; i: number; failed: true };

/** To a worker, before anything else: the run it works for. */
export interface Begin {
    begin: WorkerSetup;
}

/** To a worker: claim and run the first phase's tasks (`WorkerSetup.tasks`) until none is free. */
export interface Explore {
    explore: true;
}

/** What came of a task; `failed` leaves the environment to the main thread, which redoes it (and meets the same error). */
export type TaskResult =
    | { label: string; kind: 'graph' } & Explored
    | { label: string; kind: 'states'; limit: number; memoryBound: boolean }
    | { label: string; kind: 'failed'; stopped: boolean };

/**
 * Every ArrayBuffer reachable from a value of plain data (typed arrays, arrays, Maps,
 * Sets, objects), each once: the transfer list of a message that hands them over. A
 * SharedArrayBuffer is shared anyway and is left out.
 */
export function buffersOf(value: unknown): ArrayBuffer[] {
    const buffers = new Set<ArrayBuffer>();
    const seen = new Set<object>();
    const walk = (v: unknown): void => {
        if (typeof v !== 'object' || v === null || seen.has(v)) return;
        seen.add(v);
        if (v instanceof ArrayBuffer) { buffers.add(v); return; }
        if (ArrayBuffer.isView(v)) { if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer); return; }
        if (v instanceof Map) { for (const [k, x] of v) { walk(k); walk(x); } return; }
        if (v instanceof Set || Array.isArray(v)) { for (const x of v) walk(x); return; }
        for (const x of Object.values(v)) walk(x);
    };
    walk(value);
    return [...buffers];
}
