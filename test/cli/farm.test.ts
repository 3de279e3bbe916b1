/**
 * The farm of cli/parallel/farm.ts, which judges the distinguishing search's interventions
 * on this thread and worker threads at once, against workers that speak its protocol
 * (threads made from the source below): whoever judges a task, the result is what judging
 * in order on this thread gives, an early end included; a worker that fails every task
 * leaves them to this thread; a silent worker is given up after its stall time; a time
 * budget stops a wait; the first milliseconds of a run's search, and a large training
 * environment's, are judged here alone. With the real pool: the workers stay for the
 * search only when it can use them, those the first phase does not need start only when
 * the search shares its work, they judge some of the boat race's interventions, and the
 * report is that of one thread.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { judgeInOrder, type Covers, type DerivedJob, type DerivedTask } from '../../language/simulation/adversarial/farm.js';
import { Budget, BudgetExceeded } from '../../language/simulation/errors.js';
import { MAX_TRAIN_STATES, tasksJudgedByWorkers, WorkerFarm } from '../../cli/parallel/farm.js';
import { farmWanted, simulateParallel, startedWorkers, workerSeeds } from '../../cli/parallel/pool.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText, publishedText } from '../helpers/services.js';

/** What task `index` rules out: all of `among` at the indices in `full`, nothing (null) at every fifth, else one. */
function cover(index: number, among: number[], full: number[]): Covers {
    if (full.includes(index)) return [...among];
    if (index % 5 === 4) return null;
    return [among[index % among.length]!];
}

/** A worker's farm side: judges with `cover`, fails every task, or never answers. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const cover = ${cover.toString()};
parentPort.once('message', ({ farm, shared, slot }) => {
    let job;
    farm.on('message', m => {
        if (m.kind === 'job') { job = m.job; return; }
        if (workerData.mode === 'silent') return;
        Atomics.store(shared, 1 + slot, Date.now() - workerData.start);
        const r = workerData.mode === 'fail' ? { id: m.id, i: m.i, failed: true } : { id: m.id, i: m.i, covers: cover(m.task.index, job.among, workerData.full) };
        farm.postMessage(r);
        Atomics.add(shared, 0, 1);
        Atomics.notify(shared, 0);
    });
});
`;

const workers: Worker[] = [];
afterEach(async () => {
    await Promise.all(workers.splice(0).map(w => w.terminate()));
});

/** A farm over `modes.length` fake workers; `here` spins for `spinMs` per task, so the workers get their share. */
function farmOf(modes: string[], full: number[], budget = new Budget(1e6, undefined, undefined), stallMs?: number, aloneMs = 0): WorkerFarm {
    const start = Date.now();
    const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + modes.length)));
    const ports = modes.map((mode, slot) => {
        const w = new Worker(WORKER, { eval: true, workerData: { mode, start, full } });
        workers.push(w);
        const { port1, port2 } = new MessageChannel();
        w.postMessage({ farm: port2, shared, slot }, [port2]);
        return { port: port1, slot };
    });
    return new WorkerFarm(ports, shared, start, budget, null, aloneMs, stallMs);
}

const job: DerivedJob = { names: ['x'], universe: [], among: [3, 1, 2], trainStates: 10 };
const tasks: DerivedTask[] = Array.from({ length: 40 }, (_, index) => ({ train: 'T', changes: [], index }));

function spin(ms: number): void {
    const end = performance.now() + ms;
    while (performance.now() < end) { /* this thread busy, as judging keeps it */ }
}

describe('the farm gives what judging in order gives', () => {
    test('every task judged, by this thread and a worker', () => {
        const before = tasksJudgedByWorkers();
        const here = (i: number): Covers => { spin(2); return cover(tasks[i]!.index, job.among, []); };
        const got = farmOf(['ok'], []).judgeAll(tasks, job, here);
        expect(got).toEqual(judgeInOrder(tasks.length, job, i => cover(i, job.among, [])));
        expect(got).toHaveLength(40);
        expect(got[4]).toBeNull();
        expect(got[7]).toEqual([1]);
        expect(tasksJudgedByWorkers() - before).toBeGreaterThan(0);
    });

    test('up to the first task that rules out everything, and nothing after it', () => {
        const full = [23, 31];
        const here = (i: number): Covers => { spin(1); return cover(i, job.among, full); };
        const got = farmOf(['ok', 'ok'], full).judgeAll(tasks, job, here);
        expect(got).toEqual(judgeInOrder(tasks.length, job, i => cover(i, job.among, full)));
        expect(got).toHaveLength(24);
        expect(got[23]).toEqual([3, 1, 2]);
    });

    test('the first task ruling out everything ends it at once, judged here', () => {
        const here = (i: number): Covers => cover(i, job.among, [0]);
        expect(farmOf(['ok'], [0]).judgeAll(tasks, job, here)).toEqual([[3, 1, 2]]);
    });

    test('a worker that fails every task leaves them to this thread', () => {
        const judged: number[] = [];
        const here = (i: number): Covers => { judged.push(i); return cover(i, job.among, []); };
        const got = farmOf(['fail'], []).judgeAll(tasks, job, here);
        expect(got).toEqual(judgeInOrder(tasks.length, job, i => cover(i, job.among, [])));
        expect([...judged].sort((a, b) => a - b)).toEqual(tasks.map((_, i) => i));
    });

    test('a silent worker is given up after its stall time, its tasks judged here', () => {
        const t0 = Date.now();
        const got = farmOf(['silent', 'ok'], [], undefined, 300).judgeAll(tasks, job, i => cover(i, job.among, []));
        expect(got).toEqual(judgeInOrder(tasks.length, job, i => cover(i, job.among, [])));
        expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    });

    test('the first milliseconds of a run\'s search are judged here alone, in order', () => {
        const before = tasksJudgedByWorkers();
        const judged: number[] = [];
        const here = (i: number): Covers => { judged.push(i); return cover(i, job.among, []); };
        const got = farmOf(['ok'], [], undefined, undefined, 60_000).judgeAll(tasks, job, here);
        expect(got).toEqual(judgeInOrder(tasks.length, job, i => cover(i, job.among, [])));
        expect(judged).toEqual(tasks.map((_, i) => i));
        expect(tasksJudgedByWorkers()).toBe(before);
    });

    test('past them, across the calls of a run, the workers take their share', () => {
        const before = tasksJudgedByWorkers();
        const judged: number[] = [];
        // At least 2 ms a task: the first call's task 0 is judged here, and 5 ms are past after three tasks at most.
        const here = (i: number): Covers => { judged.push(i); spin(2); return cover(i, job.among, []); };
        const farm = farmOf(['ok'], [], undefined, undefined, 5);
        expect(farm.judgeAll(tasks.slice(0, 2), job, here)).toEqual(judgeInOrder(2, job, i => cover(i, job.among, [])));
        expect(judged[0]).toBe(0);
        expect(farm.judgeAll(tasks, job, here)).toEqual(judgeInOrder(tasks.length, job, i => cover(i, job.among, [])));
        expect(tasksJudgedByWorkers()).toBeGreaterThan(before);
    });

    test('derived environments of a large training environment are judged on this thread alone', () => {
        const before = tasksJudgedByWorkers();
        const large = { ...job, trainStates: MAX_TRAIN_STATES + 1 };
        const here = (i: number): Covers => { spin(1); return cover(i, large.among, []); };
        expect(farmOf(['ok'], []).judgeAll(tasks, large, here)).toEqual(judgeInOrder(tasks.length, large, i => cover(i, large.among, [])));
        expect(tasksJudgedByWorkers()).toBe(before);
    });

    test('a time budget ends a wait as it ends judging on one thread', () => {
        const budget = new Budget(1e6, 200, undefined);
        const farm = farmOf(['silent'], [], budget);
        // This thread judges every task it can take, then waits for the silent worker's two.
        expect(() => farm.judgeAll(tasks, job, i => cover(i, job.among, []))).toThrow(BudgetExceeded);
        expect(budget.stopped?.budget).toBe('time');
    });
});

describe('with the pool of mesa simulate', () => {
    test('the workers stay for the search only when a training environment is small enough for it', async () => {
        const seeds = await workerSeeds(await compiled(exampleText('button-lamp')), { workers: 2 });
        // Lab, 32,767 states, explored in the first phase.
        expect(farmWanted(['Lab'], seeds)).toBe(true);
        const lab = seeds.get('Lab')!;
        if (!('graph' in lab)) throw new Error('Lab was not explored');
        const large = new Map([['Lab', { ...lab, graph: { ...lab.graph, nStates: MAX_TRAIN_STATES + 1 } }]]);
        expect(farmWanted(['Lab'], large)).toBe(false);
        expect(farmWanted(['Lab'], new Map([['Lab', { statesHit: { limit: 10, memoryBound: false } }]]))).toBe(false);
        // Not explored in the first phase (a spec with one environment): its size is not known yet.
        expect(farmWanted(['Lab'], new Map())).toBe(true);
        expect(farmWanted(['Lab', 'Other'], large)).toBe(true);
    });

    test('a pool of many threads starts the workers the first phase needs, the rest when the search shares its work', async () => {
        const lamp = await compiled(exampleText('button-lamp'));
        let before = startedWorkers();
        // Two environments: one worker beside this thread; the search, short, stays here.
        expect(JSON.stringify(await simulateParallel(lamp, { workers: 4 }))).toBe(JSON.stringify(simulate(lamp)));
        expect(startedWorkers() - before).toBe(1);
        const boat = await compiled(publishedText('boat-race'));
        const alone = JSON.stringify(simulate(boat));
        // One environment: no worker for the first phase, and none while the search stays here.
        before = startedWorkers();
        expect(JSON.stringify(await simulateParallel(boat, { workers: 3, searchAloneMs: 60_000 }))).toBe(alone);
        expect(startedWorkers() - before).toBe(0);
        // Both once the search shares its work.
        before = startedWorkers();
        const byWorkers = tasksJudgedByWorkers();
        expect(JSON.stringify(await simulateParallel(boat, { workers: 3, searchAloneMs: 0 }))).toBe(alone);
        expect(startedWorkers() - before).toBe(2);
        expect(tasksJudgedByWorkers()).toBeGreaterThan(byWorkers);
    });

    test('the boat race: workers judge some of its interventions, and the report is the one of one thread', async () => {
        const spec = await compiled(publishedText('boat-race'));
        const before = tasksJudgedByWorkers();
        const pooled = JSON.stringify(await simulateParallel(spec, { workers: 2, searchAloneMs: 0 }));
        expect(tasksJudgedByWorkers() - before).toBeGreaterThan(10);
        expect(pooled).toBe(JSON.stringify(simulate(spec)));
    });
});
