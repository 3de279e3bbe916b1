/**
 * The distinguishing search's interventions judged on this thread and the pool's workers
 * at once (language/simulation/adversarial/farm.ts; docs/simulation.md, Worker threads).
 * The run itself is synchronous, so this thread hands tasks out on each worker's farm
 * port, takes results back with `receiveMessageOnPort`, judges tasks itself in between,
 * and sleeps on the shared words (`Atomics.wait`) only when it has nothing left to take.
 * The first `ALONE_MS` of judging in a run, and the derived environments of large training
 * environments, stay on this thread.
 *
 * The result is what judging in order gives: tasks are handed out in order, each result
 * lands at its index, and once one rules out everything asked, nothing after it is handed
 * out or kept. A task a worker failed (an error, the time budget) is redone here, where
 * it meets the same error or budget as in one thread; so is the task of a worker silent
 * for `STALL_MS` (its heartbeat stopped: it died), and that worker gets nothing more.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { judgeInOrder, rulesOutAll, type Covers, type DerivedFarm, type DerivedJob, type DerivedTask } from '../../language/simulation/adversarial/farm.js';
import type { Budget } from '../../language/simulation/errors.js';
import type { FarmMessage, FarmResult } from './messages.js';

/** Tasks a worker holds at once: the next one waits in its queue while this thread is busy with its own. */
const DEPTH = 2;
/** A worker whose heartbeat is older than this, while it holds a task, is taken for dead. */
export const STALL_MS = 10_000;
/**
 * Training environments larger than this are judged on this thread alone: a derived
 * environment may reach ten times its training environment's states (distinguish.ts), and
 * two of those at once, each up to the run's state cap, could double the memory the run
 * needs. Below it, a derived environment holds at most two million states (about 200 MB).
 */
export const MAX_TRAIN_STATES = 200_000;
/**
 * The search's first this-many milliseconds are judged on this thread alone: each worker
 * compiles and optimises the search's code anew, which on 2 cores costs about what it saves
 * over a search of a second or two (docs/simulation.md, Worker threads), so only longer
 * searches are shared.
 */
export const ALONE_MS = 1_500;
/** How long this thread sleeps at most before it looks at the budget and the heartbeats again. */
const WAIT_MS = 50;

/**
 * Sleeps until a worker posts a result (the results counter `shared[0]` moves on from
 * `seen`), at most `WAIT_MS`, then looks at the budget: a time budget or a cancellation
 * stops the run here as it would on one thread. The search's farm and the sweeps
 * (sweeps.ts) wait this way.
 */
export function waitForWorkers(shared: Int32Array, seen: number, budget: Budget): void {
    Atomics.wait(shared, 0, seen, WAIT_MS);
    budget.check();
}

/** A worker's farm port, and its place in the shared heartbeats. */
export interface FarmPort {
    port: MessagePort;
    slot: number;
}

interface Hand {
    port: MessagePort;
    slot: number;
    /** The (job, index) of each task it holds, oldest first. */
    held: { id: number; i: number }[];
    /** When it was last handed a task or sent one back (ms since the run started). */
    since: number;
    lost: boolean;
}

let byWorkers = 0;

/** How many tasks workers have judged so far in this process, each counted when its result is used (for tests and the benchmark). */
export function tasksJudgedByWorkers(): number {
    return byWorkers;
}

export class WorkerFarm implements DerivedFarm {
    private readonly hands: Hand[];
    private jobs = 0;
    /** Milliseconds judged on this thread alone so far in the run. */
    private alone = 0;

    /**
     * The workers' farm ports, each worker's heartbeat at `shared[1 + slot]`; `start` is
     * when the run started; `recruit` starts more workers the first time the work is
     * shared, and gives their ports; the first `aloneMs` of judging are this thread's
     * alone; a worker silent for `stallMs` is taken for dead.
     */
    constructor(ports: FarmPort[], private readonly shared: Int32Array, private readonly start: number, private readonly budget: Budget,
        private recruit: (() => FarmPort[]) | null = null, private readonly aloneMs = ALONE_MS, private readonly stallMs = STALL_MS) {
        this.hands = ports.map(p => this.hand(p));
    }

    private hand({ port, slot }: FarmPort): Hand {
        return { port, slot, held: [], since: 0, lost: false };
    }

    judgeAll(tasks: DerivedTask[], job: DerivedJob, here: (i: number) => Covers): Covers[] {
        if (job.trainStates > MAX_TRAIN_STATES) return judgeInOrder(tasks.length, job, here);
        const id = ++this.jobs;
        const results: (Covers | undefined)[] = new Array<Covers | undefined>(tasks.length);
        let limit = tasks.length, next = 0, settled = 0;
        const redo: number[] = [];
        const settle = (i: number, covers: Covers, worker: boolean): void => {
            if (i >= limit || results[i] !== undefined) return;
            results[i] = covers;
            if (worker) byWorkers++;
            if (rulesOutAll(covers, job)) limit = i + 1;
        };
        while (this.alone < this.aloneMs && next < limit) {
            const t0 = performance.now();
            settle(next, here(next), false);
            next++;
            this.alone += performance.now() - t0;
        }
        if (next >= limit) return results.slice(0, limit) as Covers[];
        if (this.recruit) {
            for (const p of this.recruit()) this.hands.push(this.hand(p));
            this.recruit = null;
        }
        for (const h of this.hands) if (!h.lost) h.port.postMessage({ kind: 'job', id, job } satisfies FarmMessage);
        for (;;) {
            const seen = Atomics.load(this.shared, 0);
            for (const h of this.hands) this.collect(h, id, settle, redo);
            while (settled < limit && results[settled] !== undefined) settled++;
            if (settled >= limit) break;
            // This thread's share: a task a worker failed, else the first not handed out, so that
            // what the workers judge meanwhile comes after it (and is what an early end wastes).
            const i = redo.length > 0 ? redo.shift()! : next < limit ? next++ : -1;
            for (const h of this.hands) {
                while (!h.lost && h.held.length < DEPTH && next < limit) {
                    h.held.push({ id, i: next });
                    h.since = Date.now() - this.start;
                    h.port.postMessage({ kind: 'task', id, i: next, task: tasks[next]! } satisfies FarmMessage);
                    next++;
                }
            }
            if (i >= 0) {
                if (i < limit && results[i] === undefined) settle(i, here(i), false);
                continue;
            }
            waitForWorkers(this.shared, seen, this.budget);
            this.findLost(id, redo);
        }
        return results.slice(0, limit) as Covers[];
    }

    /** Takes in what a worker sent back: results of this job land at their index, failures go to `redo`. */
    private collect(h: Hand, id: number, settle: (i: number, c: Covers, worker: boolean) => void, redo: number[]): void {
        for (let m = receiveMessageOnPort(h.port); m !== undefined; m = receiveMessageOnPort(h.port)) {
            const r = m.message as FarmResult;
            h.held.shift();
            h.since = Date.now() - this.start;
            if (r.id !== id) continue;
            if ('failed' in r) redo.push(r.i);
            else settle(r.i, r.covers, true);
        }
    }

    /** Workers silent too long while holding tasks are given up; their tasks of this job go to `redo`. */
    private findLost(id: number, redo: number[]): void {
        const now = Date.now() - this.start;
        for (const h of this.hands) {
            if (h.lost || h.held.length === 0 || now - Math.max(h.since, Atomics.load(this.shared, 1 + h.slot)) <= this.stallMs) continue;
            h.lost = true;
            for (const t of h.held) if (t.id === id) redo.push(t.i);
            h.held = [];
        }
    }
}
