/**
 * The capability sweeps on the pool's workers (cli/parallel/sweeps.ts; docs/simulation.md,
 * Worker threads). With the real pool, sharing every sweep whatever its size: workers run
 * some of them and every example and published case gives the report of one thread byte
 * for byte, two planners of one objective included, and no more workers start than the
 * sweeps can use; a planning window that overflows in a shared sweep ends the run with the
 * located error of one thread; the graphs the sweeps share keep their numbers. On a real
 * worker: it runs the sweep it claims as this thread would, and one that fails there (the
 * overflowing window) is left to this thread. Against workers
 * that speak the protocol (threads made from the source below): a sweep a worker failed,
 * or that a silent worker holds past its stall time, is run here; a time budget stops a
 * wait; each sweep is run once; sweeps of small training environments stay here. The
 * learning path after the sweeps: on the pool without a search, every example and
 * published case gives the report of one thread; a real worker computes the path this
 * thread would; a path a worker failed, or a wait the time budget ends, leaves it to this
 * thread, and the workers are let go only once it is in.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { simulateParallel, startedWorkers } from '../../cli/parallel/pool.js';
import { learningPathsByWorkers, shareGraph, sweepsRunByWorkers, WorkerSweeps } from '../../cli/parallel/sweeps.js';
import type { Begin, WorkerSetup } from '../../cli/parallel/messages.js';
import { Context } from '../../language/simulation/context.js';
import { Budget, BudgetExceeded } from '../../language/simulation/errors.js';
import { envSweep, sweepJobs, type SweepJob } from '../../language/simulation/sweep.js';
import { learningPath } from '../../language/simulation/learning-path.js';
import { groundOf } from '../../language/simulation/objective-search.js';
import { commonTrainingNames } from '../../language/simulation/adversarial/judge.js';
import { actingItself } from '../../language/simulation/behaviour.js';
import { simulate, SimulationError } from '../../language/simulation/index.js';
import { compiled, EXAMPLES, exampleText, PUBLISHED, publishedText } from '../helpers/services.js';
import { ROOT } from '../helpers/cli.js';

beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs', 'cli', 'core-worker'], { cwd: ROOT });
});

/** Planning P two steps ahead overflows (steps 1 and 2 sum to 2e308); O's sweep is fine, and comes first. */
const WINDOW_OVERFLOWS = `environment E {
  horizon 3
  action go
  node c = c@1 + 1
  node m = go@1
  node r = if c == 3 then -1e308 else 1e308 + 0 * go
}
objective base B = r
objective mesa O = m
objective mesa P = r
train E
`;

describe('with the pool of mesa simulate, every sweep shared', () => {
    test.each([...EXAMPLES.map(n => [n, exampleText(n)]), ...PUBLISHED.map(n => [`published/${n}`, publishedText(n)])])(
        '%s: the report of one thread', async (_name, text) => {
            const spec = await compiled(text);
            const pooled = await simulateParallel(spec, { workers: 2, sweepStates: 1 });
            expect(JSON.stringify(pooled)).toBe(JSON.stringify(simulate(spec)));
        });

    test.each([...EXAMPLES.map(n => [n, exampleText(n)]), ...PUBLISHED.map(n => [`published/${n}`, publishedText(n)])])(
        '%s, without the search: the learning path shared too, the report of one thread', async (_name, text) => {
            const spec = await compiled(text);
            const pooled = await simulateParallel(spec, { workers: 2, sweepStates: 1, adversarial: false });
            expect(JSON.stringify(pooled)).toBe(JSON.stringify(simulate(spec, { adversarial: false })));
        });

    test('button-lamp without the search: a worker computes the learning path; with the search, this thread does', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const before = learningPathsByWorkers();
        const pooled = await simulateParallel(spec, { workers: 2, sweepStates: 1, adversarial: false });
        expect(learningPathsByWorkers() - before).toBe(1);
        expect(pooled.learningPath!.steps.map(s => s.objective)).toEqual(['0', 'press']);
        await simulateParallel(spec, { workers: 2, sweepStates: 1 });
        expect(learningPathsByWorkers() - before).toBe(1);
    });

    test('a pool of many threads starts no more workers than the sweeps can use', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const before = startedWorkers();
        // Two sweeps: this thread runs one, the worker the first phase started the other.
        expect(JSON.stringify(await simulateParallel(spec, { workers: 4, sweepStates: 1 }))).toBe(JSON.stringify(simulate(spec)));
        expect(startedWorkers() - before).toBe(1);
    });

    test('two planners of one objective share its sweep, whoever ran it', async () => {
        const spec = await compiled(`${exampleText('button-lamp')}\noptimizer Presser { objective Pressing }\noptimizer Lighter { objective Lighting }\n`);
        const ctx = new Context(spec, new Budget(1e6, undefined, undefined));
        expect(sweepJobs(ctx, [...spec.objectives.filter(o => o.role === 'mesa').map(o => ({ name: o.name, objective: o.name, model: null, depth: null })),
            ...spec.optimizers.map(o => ({ name: o.name, objective: o.objective, model: null, depth: null }))])).toEqual(JOBS);
        const pooled = await simulateParallel(spec, { workers: 2, sweepStates: 1 });
        const one = simulate(spec);
        expect(JSON.stringify(pooled)).toBe(JSON.stringify(one));
        expect(one.optimizers.map(o => o.name)).toEqual(['Pressing', 'Lighting', 'Presser', 'Lighter']);
        expect(one.optimizers[3]!.sweep).toEqual(one.optimizers[1]!.sweep);
    });

    test('a planning window that overflows in a shared sweep: the located error of one thread', async () => {
        const spec = await compiled(WINDOW_OVERFLOWS);
        const one = (() => { try { simulate(spec); } catch (e) { return e; } return null; })();
        expect(one).toBeInstanceOf(SimulationError);
        expect((one as SimulationError).message).toBe('Planning P 2 steps ahead in E: its return over steps 1 to 2 is not a finite number (it overflows the range of double-precision numbers, about ±1.8e308).');
        const pooled = await simulateParallel(spec, { workers: 2, sweepStates: 1 }).then(() => null, (e: unknown) => e);
        expect(pooled).toBeInstanceOf(SimulationError);
        expect((pooled as SimulationError).message).toBe((one as SimulationError).message);
        expect((pooled as SimulationError).location).toEqual((one as SimulationError).location);
    });

    test('a graph moved into shared memory keeps its numbers', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const g = new Context(spec, new Budget(1e6, undefined, undefined)).graph('LabWithSwitch')!;
        const before = { next: Array.from(g.next), light: Array.from(g.rewards.get('Light')!), codes: Array.from(g.codes), layerStart: Array.from(g.layerStart) };
        shareGraph(g);
        expect(g.next.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(g.rewards.get('Light')!.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(g.codes.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect({ next: Array.from(g.next), light: Array.from(g.rewards.get('Light')!), codes: Array.from(g.codes), layerStart: Array.from(g.layerStart) }).toEqual(before);
    });
});

/** A worker's sweep side: claims sweeps from the last on, then the learning path, and fails each, or never answers (after its first claim, or once it holds the path). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { slot, start, shared, mode } = workerData;
parentPort.once('message', ({ sweeps, jobs, claims }) => {
    // The sweeps from the last on, then the learning path's word at jobs.length.
    for (const j of [...jobs.keys()].reverse().concat(jobs.length)) {
        if (Atomics.compareExchange(claims, j, 0, 1 + slot) !== 0) continue;
        Atomics.store(shared, 1 + slot, Date.now() - start);
        if (mode === 'silent' || (mode === 'silent on the path' && j === jobs.length)) return;
        sweeps.postMessage({ j, failed: true });
        Atomics.add(shared, 0, 1);
        Atomics.notify(shared, 0);
    }
});
`;

const workers: Worker[] = [];
afterEach(async () => {
    await Promise.all(workers.splice(0).map(w => w.terminate()));
});

/** Sweeps over one fake worker of `mode`, on button-lamp's context; `ended` counts the ends. */
async function fakeSweeps(mode: string, options: { budget?: Budget; stallMs?: number; minStates?: number; sharePath?: boolean } = {}) {
    const spec = await compiled(exampleText('button-lamp'));
    const ctx = new Context(spec, options.budget ?? new Budget(1e6, undefined, undefined));
    const start = Date.now();
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const w = new Worker(WORKER, { eval: true, workerData: { slot: 0, start, shared, mode } });
    workers.push(w);
    const ended = { count: 0 };
    const sweeps = new WorkerSweeps(() => [{ worker: w, slot: 0 }], shared, start, ctx.budget, () => { ended.count++; }, options.minStates ?? 1, options.stallMs, options.sharePath);
    return { ctx, sweeps, ended };
}

const JOBS: SweepJob[] = [{ env: 'Lab', objective: 'Pressing' }, { env: 'Lab', objective: 'Lighting' }];

/** Waits until the worker (slot 0) has claimed job j (default the last sweep; the learning path is at the sweeps' count). */
async function claimed(sweeps: WorkerSweeps, j?: number): Promise<void> {
    const { claims, jobs } = sweeps as unknown as { claims: Int32Array; jobs: SweepJob[] };
    const at = j ?? jobs.length - 1;
    for (let i = 0; i < 500 && Atomics.load(claims, at) === 0; i++) await new Promise(r => setTimeout(r, 10));
    expect(Atomics.load(claims, at)).toBe(1);
}

/** Sweeps over one real worker of the pool (dist/core-worker.cjs) for the spec of `ctx`. */
function realSweeps(ctx: Context, sharePath = false): WorkerSweeps {
    const start = Date.now();
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const setup: WorkerSetup = {
        spec: ctx.spec, maxStates: 1e6, deadline: null, cancelled: new Int32Array(new SharedArrayBuffer(4)), start,
        tasks: [], claims: new Int32Array(new SharedArrayBuffer(0)), slot: 0, shared,
    };
    const w = new Worker(join(ROOT, 'dist', 'core-worker.cjs'));
    w.postMessage({ begin: setup } satisfies Begin);
    workers.push(w);
    return new WorkerSweeps(() => [{ worker: w, slot: 0 }], shared, start, ctx.budget, () => {}, 1, 10_000, sharePath);
}

/** The learning path this thread computes. */
const pathHere = (ctx: Context) => learningPath(ctx, () => groundOf(ctx, commonTrainingNames(ctx)));

describe('the sweeps on a worker of the pool', () => {
    test('a planning window that overflows on the worker: its sweep is run here, which meets the located error', async () => {
        const ctx = new Context(await compiled(WINDOW_OVERFLOWS), new Budget(1e6, undefined, undefined));
        const jobs: SweepJob[] = [{ env: 'E', objective: 'O' }, { env: 'E', objective: 'P' }];
        expect(sweepJobs(ctx, ['O', 'P'].map(o => ({ name: o, objective: o, model: null, depth: null })))).toEqual(jobs);
        const sweeps = realSweeps(ctx);
        sweeps.start(ctx, jobs, false);
        await claimed(sweeps);
        // The worker failed P's sweep: nothing comes back to use.
        const before = sweepsRunByWorkers();
        expect(sweeps.take(jobs[1]!)).toBeUndefined();
        expect(sweepsRunByWorkers()).toBe(before);
        const g = ctx.graph('E')!;
        const a = actingItself(g);
        expect(() => envSweep(ctx, a, 'P')).toThrow('Planning P 2 steps ahead in E: its return over steps 1 to 2 is not a finite number');
        // O's, whoever ran it (the worker may have claimed it after P), is the one of this thread.
        expect(sweeps.take(jobs[0]!) ?? envSweep(ctx, a, 'O')).toEqual(envSweep(ctx, a, 'O'));
        sweeps.end();
    });

    test('button-lamp: the worker runs the sweep of Lighting as this thread would', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const ctx = new Context(spec, new Budget(1e6, undefined, undefined));
        const planners = spec.objectives.filter(o => o.role === 'mesa').map(o => ({ name: o.name, objective: o.name, model: null, depth: null }));
        expect(sweepJobs(ctx, planners)).toEqual(JOBS);
        const sweeps = realSweeps(ctx);
        sweeps.start(ctx, JOBS, false);
        await claimed(sweeps);
        const before = sweepsRunByWorkers();
        const theirs = sweeps.take(JOBS[1]!);
        expect(sweepsRunByWorkers() - before).toBe(1);
        const g = ctx.graph('Lab')!;
        const a = actingItself(g);
        const ours = envSweep(ctx, a, 'Lighting');
        expect(theirs).toEqual(ours);
        // Pressing's, whoever ran it, is the one of this thread.
        expect(sweeps.take(JOBS[0]!) ?? envSweep(ctx, a, 'Pressing')).toEqual(envSweep(ctx, a, 'Pressing'));
        // The lamp lights ten steps after a press: a window of 11 steps sees it, and from there on
        // Lighting attains its optimum; at the full horizon the base objective gets 30 steps of light.
        expect(ours.attains.indexOf(true)).toBe(10);
        expect(ours.attains.slice(10).every(x => x)).toBe(true);
        expect(ours.points[39]).toEqual({ depth: 40, lo: 30, hi: 30 });
        sweeps.end();
    });
});

describe('the learning path on a worker of the pool', () => {
    test('button-lamp: after its sweeps, the worker computes the path this thread would', async () => {
        const ctx = new Context(await compiled(exampleText('button-lamp')), new Budget(1e6, undefined, undefined));
        const sweeps = realSweeps(ctx, true);
        sweeps.start(ctx, JOBS, true);
        await claimed(sweeps, JOBS.length);
        sweeps.end();
        const before = learningPathsByWorkers();
        const theirs = sweeps.learningPath();
        expect(learningPathsByWorkers() - before).toBe(1);
        expect(theirs).toEqual(pathHere(ctx));
        // Pressing the button is learned first, and it is the proxy.
        expect(theirs!.steps.map(s => [s.move, s.objective, s.verdict])).toEqual([['start', '0', 'pseudo-aligned'], ['+ press', 'press', 'pseudo-aligned']]);
    });
});

describe('the sweeps against fake workers', () => {
    test('a learning path the worker failed is left to this thread; the workers are let go once it is in', async () => {
        const { ctx, sweeps, ended } = await fakeSweeps('fail', { sharePath: true });
        sweeps.start(ctx, JOBS, true);
        await claimed(sweeps, JOBS.length);
        sweeps.end();
        expect(ended.count).toBe(0);
        expect(sweeps.learningPath()).toBeUndefined();
        expect(ended.count).toBe(1);
    });

    test('a time budget that ends the wait for the path leaves it to this thread, which records it', async () => {
        const budget = new Budget(1e6, 300, undefined);
        const { ctx, sweeps } = await fakeSweeps('silent on the path', { budget, stallMs: 60_000, sharePath: true });
        sweeps.start(ctx, JOBS, true);
        await claimed(sweeps, JOBS.length);
        sweeps.end();
        expect(sweeps.learningPath()).toBeUndefined();
        expect(budget.stopped?.budget).toBe('time');
    });

    test('without a path to share (a search uses the workers, or the run asks for none), the path stays here', async () => {
        for (const [sharePath, asked] of [[false, true], [true, false]] as const) {
            const { ctx, sweeps, ended } = await fakeSweeps('fail', { sharePath });
            sweeps.start(ctx, JOBS, asked);
            expect(Atomics.load((sweeps as unknown as { claims: Int32Array }).claims, JOBS.length)).toBe(-1);
            sweeps.end();
            expect(ended.count).toBe(1);
            expect(sweeps.learningPath()).toBeUndefined();
        }
    });

    test('a sweep the worker failed is run here; one taken here is not taken again', async () => {
        const { ctx, sweeps, ended } = await fakeSweeps('fail');
        sweeps.start(ctx, JOBS, false);
        await claimed(sweeps);
        // This thread claims Pressing's itself; Lighting's failed on the worker: both are run here.
        expect(sweeps.take(JOBS[0]!)).toBeUndefined();
        expect(sweeps.take(JOBS[1]!)).toBeUndefined();
        sweeps.end();
        expect(ended.count).toBe(1);
    });

    test('a silent worker is given up after its stall time, its sweep run here', async () => {
        const { ctx, sweeps } = await fakeSweeps('silent', { stallMs: 150 });
        sweeps.start(ctx, JOBS, false);
        await claimed(sweeps);
        const t0 = performance.now();
        expect(sweeps.take(JOBS[1]!)).toBeUndefined();
        expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
        sweeps.end();
    });

    test('a time budget stops a wait', async () => {
        const budget = new Budget(1e6, 300, undefined);
        const { ctx, sweeps } = await fakeSweeps('silent', { budget, stallMs: 60_000 });
        sweeps.start(ctx, JOBS, false);
        await claimed(sweeps);
        expect(() => sweeps.take(JOBS[1]!)).toThrow(BudgetExceeded);
        expect(budget.stopped?.budget).toBe('time');
        sweeps.end();
    });

    test('sweeps of training environments below the size shared stay here: no worker is asked', async () => {
        const { ctx, sweeps } = await fakeSweeps('silent', { minStates: 40_000 });
        // Lab has 32,767 states.
        sweeps.start(ctx, JOBS, false);
        expect((sweeps as unknown as { claims: Int32Array }).claims).toHaveLength(0);
        expect(sweeps.take(JOBS[1]!)).toBeUndefined();
        sweeps.end();
    });

    test('a sweep run here is the one a worker runs: the same points', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const ctx = new Context(spec, new Budget(1e6, undefined, undefined));
        const g = ctx.graph('Lab')!;
        const a = actingItself(g);
        const here = envSweep(ctx, a, 'Lighting');
        expect(here.points).toHaveLength(40);
        expect(here.attains).toHaveLength(40);
        shareGraph(g);
        expect(envSweep(ctx, a, 'Lighting')).toEqual(here);
    });
});
