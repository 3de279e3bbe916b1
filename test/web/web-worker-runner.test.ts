/**
 * The browser build's analysis runner (docs/browser.md, The language server in a web
 * worker), on stand-in workers that run the real job function a tick later: one job at a
 * time; cancelling the job that runs ends its worker and the next job gets a fresh one;
 * cancelling a queued job drops it; a worker that fails after answering rejects its job
 * with the reason; one that fails before ever answering hands its job, and every later
 * one, to the fallback runner.
 */
import { describe, expect, test } from 'vitest';
import { InlineRunner } from '../../server/analysis/inline-runner.js';
import { runJob } from '../../server/analysis/run-job.js';
import type { WorkerLike } from '../../server/analysis/web-worker-runner.js';
import { WebWorkerRunner } from '../../server/analysis/web-worker-runner.js';
import type { AnalysisJob, FromWorker } from '../../server/analysis/worker-protocol.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { compiled, exampleText } from '../helpers/services.js';
import { BUTTON_LAMP_PHASES } from '../helpers/phases.js';

/** A stand-in web worker: answers each job a tick later with the real job function, or as `behaviour` says. */
class FakeWorker implements WorkerLike {
    onmessage: ((event: { data: FromWorker }) => void) | null = null;
    onerror: ((event: { message?: string }) => void) | null = null;
    readonly received: number[] = [];
    readonly jobs: AnalysisJob[] = [];
    terminated = false;

    constructor(private readonly behaviour: 'answer' | 'hold' | 'fail') {}

    postMessage(job: AnalysisJob): void {
        this.received.push(job.id);
        // What a real worker receives: a clone, which no function survives.
        this.jobs.push(structuredClone(job));
        if (this.behaviour === 'hold') return;
        setTimeout(() => {
            if (this.terminated) return;
            if (this.behaviour === 'fail') this.onerror?.({ message: 'Uncaught RangeError: Maximum call stack size exceeded' });
            else this.onmessage?.({ data: runJob(job, { cancelled: false }, message => this.onmessage?.({ data: message })) });
        }, 0);
    }

    terminate(): void {
        this.terminated = true;
    }
}

function runnerOf(behaviours: ('answer' | 'hold' | 'fail')[]): { runner: WebWorkerRunner; workers: FakeWorker[]; logs: string[] } {
    const workers: FakeWorker[] = [];
    const logs: string[] = [];
    const runner = new WebWorkerRunner(() => {
        const worker = new FakeWorker(behaviours[workers.length] ?? 'answer');
        workers.push(worker);
        return worker;
    }, new InlineRunner(), message => logs.push(message));
    return { runner, workers, logs };
}

const codes = (findings: { code: string }[]) => findings.map(f => f.code).sort();
/** button-lamp's simulation-backed findings, as the README lists them. */
const BUTTON_LAMP = ['distribution-shift', 'learning-path-proxy-first', 'selection-prefers-proxy', 'underdetermined-training', 'unidentifiable'];

let buttonLamp: CompiledSpec;
const spec = async () => buttonLamp ??= await compiled(exampleText('button-lamp'));

describe('the web worker runner', () => {
    test('runs a job in a worker and answers with its findings', async () => {
        const { runner, workers } = runnerOf(['answer']);
        const result = await runner.run(await spec(), { maxStates: 200_000 }).result;
        expect(codes(result.findings)).toEqual(BUTTON_LAMP);
        expect(result.findings.find(f => f.code === 'distribution-shift')?.message)
            .toBe('In deployment environment LabWithSwitch, Pressing scores [30, 30] against Light\'s optimum 40 (worst 0): normalized regret 0.25.');
        expect(workers).toHaveLength(1);
    });

    test('a run that asks for them is told its phases from the worker, the job posted with a flag, not the function', async () => {
        const { runner, workers } = runnerOf(['answer']);
        const stages: string[] = [];
        const result = runner.run(await spec(), { maxStates: 200_000, progress: stage => stages.push(stage) });
        const worker = workers[0]!;
        expect(worker.jobs[0]).toMatchObject({ id: 1, maxStates: 200_000, progress: true });
        expect(codes((await result.result).findings)).toEqual(BUTTON_LAMP);
        expect(stages).toEqual(BUTTON_LAMP_PHASES);
        // The next job, without the option, posts no flag and tells nothing.
        await runner.run(await spec(), { maxStates: 200_000 }).result;
        expect(worker.jobs[1]).not.toHaveProperty('progress');
        expect(stages).toHaveLength(8);
    });

    test('sends one job at a time; cancelling the running one ends its worker, and the next job gets a fresh worker', async () => {
        const { runner, workers } = runnerOf(['hold', 'answer']);
        const first = runner.run(await spec(), { maxStates: 200_000 });
        const second = runner.run(await spec(), { maxStates: 200_000 });
        expect(workers).toHaveLength(1);
        expect(workers[0]!.received).toEqual([1]);
        first.cancel();
        expect(await first.result).toEqual({ findings: [], ms: 0, cancelled: true });
        expect(workers[0]!.terminated).toBe(true);
        expect(workers).toHaveLength(2);
        expect(workers[1]!.received).toEqual([2]);
        expect(codes((await second.result).findings)).toEqual(BUTTON_LAMP);
    });

    test('cancelling a queued job drops it without ending the worker', async () => {
        const { runner, workers } = runnerOf(['answer']);
        const first = runner.run(await spec(), { maxStates: 200_000 });
        const second = runner.run(await spec(), { maxStates: 200_000 });
        second.cancel();
        expect(await second.result).toEqual({ findings: [], ms: 0, cancelled: true });
        expect(codes((await first.result).findings)).toEqual(BUTTON_LAMP);
        expect(workers).toHaveLength(1);
        expect(workers[0]!.received).toEqual([1]);
        expect(workers[0]!.terminated).toBe(false);
    });

    test('a worker that fails after answering rejects its job with the reason; the next job gets a fresh worker', async () => {
        const { runner, workers, logs } = runnerOf(['answer', 'answer']);
        await runner.run(await spec(), { maxStates: 200_000 }).result;
        // The first worker has answered; make it fail on its next job.
        (workers[0] as unknown as { behaviour: string }).behaviour = 'fail';
        await expect(runner.run(await spec(), { maxStates: 200_000 }).result)
            .rejects.toThrow('analysis worker stopped: it failed: Uncaught RangeError: Maximum call stack size exceeded');
        expect(workers[0]!.terminated).toBe(true);
        expect(logs).toEqual(['Mesa analysis worker stopped: it failed: Uncaught RangeError: Maximum call stack size exceeded; it restarts with the next analysis.']);
        expect(codes((await runner.run(await spec(), { maxStates: 200_000 }).result).findings)).toEqual(BUTTON_LAMP);
        expect(workers).toHaveLength(2);
    });

    test('a worker that cannot start hands this job and every later one to the fallback', async () => {
        const { runner, workers, logs } = runnerOf(['fail']);
        expect(codes((await runner.run(await spec(), { maxStates: 200_000 }).result).findings)).toEqual(BUTTON_LAMP);
        expect(codes((await runner.run(await spec(), { maxStates: 200_000 }).result).findings)).toEqual(BUTTON_LAMP);
        expect(workers).toHaveLength(1);
        expect(logs).toEqual(['Mesa analysis worker could not start: it failed: Uncaught RangeError: Maximum call stack size exceeded; analyses run in the language server\'s worker instead.']);
    });

    test('a worker that cannot even be created runs the jobs with the fallback', async () => {
        const logs: string[] = [];
        const runner = new WebWorkerRunner(() => { throw new Error('this browser starts no workers from a worker'); }, new InlineRunner(), m => logs.push(m));
        expect(codes((await runner.run(await spec(), { maxStates: 200_000 }).result).findings)).toEqual(BUTTON_LAMP);
        expect(logs).toEqual(['Mesa analysis worker could not start: it cannot be created (this browser starts no workers from a worker); analyses run in the language server\'s worker instead.']);
    });
});
