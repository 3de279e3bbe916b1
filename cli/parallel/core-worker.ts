/**
 * A worker thread of the pool (cli/parallel/pool.ts; bundled as dist/core-worker.cjs):
 * told first which run it works for (it may have started before the run did), it
 * claims the first phase's environments one after another, as the main thread does,
 * runs the task of task.ts on each (explore, then solve every objective) under the run's
 * state cap, deadline and cancellation, and hands the graph and the solutions back
 * without copying them (the graph is born in shared memory, the rest is moved); then it
 * runs the capability sweeps it is handed over graphs in shared memory, and the learning
 * path when it is offered (cli/parallel/sweeps.ts), and judges the distinguishing
 * search's interventions it is handed on its farm port (cli/parallel/farm.ts), signalling
 * each result on the shared words (docs/simulation.md, Worker threads).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { judgeTask } from '../../language/simulation/adversarial/distinguish.js';
import type { DerivedJob } from '../../language/simulation/adversarial/farm.js';
import { Context } from '../../language/simulation/context.js';
import { releaseScratch } from '../../language/simulation/dp.js';
import { releaseSpare } from '../../language/simulation/depth-passes.js';
import { Budget } from '../../language/simulation/errors.js';
import { envSweep } from '../../language/simulation/sweep.js';
import { learningPath } from '../../language/simulation/learning-path.js';
import { groundOf } from '../../language/simulation/objective-search.js';
import { commonTrainingNames } from '../../language/simulation/adversarial/judge.js';
import { actingItself } from '../../language/simulation/behaviour.js';
import { buffersOf, type Begin, type Explore, type FarmMessage, type FarmResult, type FarmSetup, type SweepResult, type SweepSetup, type TaskResult, type WorkerSetup } from './messages.js';
import { runTask } from './task.js';
import { claim, claimFirst, workerMark } from './claims.js';

const port = parentPort!;
// The run this worker works for, from its first message (`begin`).
let setup: WorkerSetup;
let budget: Budget;
let ctx: Context;
let farm: FarmSetup | undefined;
/** Tells the main thread this worker is alive and working. */
const beat = (): void => { Atomics.store(setup.shared, 1 + setup.slot, Date.now() - setup.start); };
const signal = { get cancelled(): boolean { beat(); return Atomics.load(setup.cancelled, 0) !== 0; } };

/** Takes on the run of `run`: its caps, its deadline from now on, a context of its own over its spec. */
function begin(run: WorkerSetup): void {
    setup = run;
    const remaining = setup.deadline === null ? undefined : Math.max(0, setup.deadline - Date.now());
    budget = new Budget(setup.maxStates, remaining, signal);
    ctx = new Context(setup.spec, budget);
}

port.on('message', (message: Begin | Explore | FarmSetup | SweepSetup) => {
    if ('begin' in message) {
        begin(message.begin);
        return;
    }
    if ('sweeps' in message) {
        sweep(message);
        return;
    }
    if ('farm' in message) {
        farm = message;
        beat();
        message.farm.on('message', judge);
        return;
    }
    explore();
});

/**
 * Claims the first free task of the first phase and runs it, until none is free or the run
 * has stopped (cancelled, or out of time here).
 */
function explore(): void {
    while (Atomics.load(setup.cancelled, 0) === 0 && budget.stopped === undefined) {
        const j = claimFirst(setup.claims, workerMark(setup.slot));
        if (j < 0) break;
        beat();
        const result = runTask(ctx, setup.tasks[j]!);
        try {
            port.postMessage(result, buffersOf(result));
        } catch {
            port.postMessage({ label: result.label, kind: 'failed', stopped: budget.stopped !== undefined } satisfies TaskResult);
        }
        // The graph has gone to the main thread; its passes' buffers need not stay while this worker goes on or waits.
        letGo();
    }
}

/**
 * Runs the sweeps it can claim, the last first (the main thread asks for them from the
 * first on), over the graphs shared with it; anything thrown leaves a sweep to the main
 * thread, which meets it again.
 */
function sweep({ sweeps: out, jobs, claims, graphs }: SweepSetup): void {
    for (const [label, seed] of graphs) if (ctx.unexplored(label)) ctx.seed(label, seed);
    // The sweeps from the last on, then the learning path (its word is −1 when it stays on the main thread).
    for (let j = jobs.length - 1; j >= -1; j--) {
        const at = j < 0 ? jobs.length : j;
        if (!claim(claims, at, workerMark(setup.slot))) continue;
        beat();
        let result: SweepResult;
        try {
            result = j < 0 ? pathResult(at) : { j, sweep: envSweep(ctx, actingItself(ctx.graph(jobs[j]!.env)!), jobs[j]!.objective) };
        } catch {
            result = { j: at, failed: true };
        }
        out.postMessage(result);
        Atomics.add(setup.shared, 0, 1);
        Atomics.notify(setup.shared, 0);
    }
    letGo();
}

/** The run's learning path, as the main thread would compute it; failed when it hit a budget here, which the main thread must record. */
function pathResult(j: number): SweepResult {
    const before = ctx.incomplete.length;
    const path = learningPath(ctx, () => groundOf(ctx, commonTrainingNames(ctx)));
    return ctx.incomplete.length > before ? { j, failed: true } : { j, path };
}

/** Lets the passes' scratch buffers go while this worker waits. */
function letGo(): void {
    releaseScratch();
    releaseSpare();
}

let job: DerivedJob | undefined;

/** Judges one intervention of the current job; anything thrown leaves it to the main thread. */
function judge(message: FarmMessage): void {
    const { farm: out } = farm!, shared = setup.shared;
    if (message.kind === 'job') {
        job = message.job;
        return;
    }
    beat();
    let result: FarmResult;
    try {
        result = { id: message.id, i: message.i, covers: judgeTask(ctx, message.task, job!) };
    } catch {
        result = { id: message.id, i: message.i, failed: true };
    }
    (out as MessagePort).postMessage(result);
    Atomics.add(shared, 0, 1);
    Atomics.notify(shared, 0);
}
