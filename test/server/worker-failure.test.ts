/**
 * When the analysis worker dies (docs/editor.md, Diagnostics while typing): the runner
 * says why (its memory limit, its exit code) and starts a fresh worker for the next job;
 * the scheduler withdraws the results of the last analysis and puts one warning saying
 * what happened in their place, carried over edits until a fresh analysis replaces it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { AnalysisRunner, RunHandle } from '../../server/analysis/runner.js';
import { InlineRunner, WorkerRunner } from '../../server/analysis/runner.js';
import { exampleText, load } from '../helpers/services.js';
import { codesOf, setupScheduler } from './scheduler-setup.js';

const dir = mkdtempSync(join(tmpdir(), 'mesa-worker-'));
const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
    return path;
};
/** Allocates until the worker's heap limit stops it. */
const HOG = script('hog.cjs', `parentPort.on('message', () => { const kept = []; for (;;) kept.push(new Array(100000).fill(kept.length)); });`);
/** The first worker started exits with code 7 on its job; every later one answers with an empty result. */
const QUITTER = script('quitter.cjs', `const fs = require('node:fs');
const marker = ${JSON.stringify(join(dir, 'quit-once'))};
const first = !fs.existsSync(marker);
fs.writeFileSync(marker, '');
parentPort.on('message', job => first ? process.exit(7) : parentPort.postMessage({ type: 'done', id: job.id, findings: [], ms: 1 }));`);

const runners: WorkerRunner[] = [];
afterAll(() => runners.forEach(r => r.dispose()));

describe('the worker runner', () => {
    test('a worker stopped at its memory limit rejects its job with the reason', async () => {
        const { spec } = await load(exampleText('button-lamp'));
        const logs: string[] = [];
        const runner = new WorkerRunner(HOG, message => logs.push(message), { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 });
        runners.push(runner);
        const error = await runner.run(spec!, { maxStates: 1_000 }).result.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/^analysis worker stopped: it ran out of memory \(.*memory limit.*\)$/);
        expect(logs.join('\n')).toContain('it ran out of memory');
    }, 30_000);

    test('a worker that exits rejects its job with the exit code, and the next job gets a fresh worker', async () => {
        const { spec } = await load(exampleText('button-lamp'));
        const runner = new WorkerRunner(QUITTER, () => undefined);
        runners.push(runner);
        await expect(runner.run(spec!, { maxStates: 1_000 }).result).rejects.toThrow('analysis worker stopped: it exited with code 7');
        await expect(runner.run(spec!, { maxStates: 1_000 }).result).resolves.toEqual({ findings: [], ms: 1 });
        await expect(runner.run(spec!, { maxStates: 1_000 }).result).resolves.toEqual({ findings: [], ms: 1 });
    }, 30_000);
});

/** Runs the first job inline, then fails every later one as a dead worker does. */
function dyingRunner(reason: string): AnalysisRunner {
    const inline = new InlineRunner();
    let jobs = 0;
    return {
        run(spec, options): RunHandle {
            if (jobs++ === 0) return inline.run(spec, options);
            return { result: Promise.reject(new Error(`analysis worker stopped: ${reason}`)), cancel: () => undefined };
        },
        dispose: () => undefined,
    };
}

describe('the scheduler when the worker dies', () => {
    const REASON = 'it ran out of memory (Worker terminated due to reaching memory limit: JS heap out of memory)';

    test('the old results are withdrawn and one warning says what happened', async () => {
        const { open, analyzed, services, logs } = setupScheduler({}, dyingRunner(REASON));
        const first = analyzed();
        await open(exampleText('button-lamp'));
        expect(codesOf((await first).diagnostics)).toContain('unidentifiable');

        const failed = analyzed();
        await open(exampleText('button-lamp').replace('horizon 40', 'horizon 41'));
        const event = await failed;
        expect(event.failed).toBe(`analysis worker stopped: ${REASON}`);
        const codes = codesOf(event.diagnostics);
        expect(codes).not.toContain('unidentifiable');
        expect(codes).not.toContain('distribution-shift');
        // The static analyses stay: they do not depend on the worker.
        expect(codes).toContain('proxy-side-effect');
        const warning = event.diagnostics.filter(d => d.code === 'analysis-failed');
        expect(warning).toHaveLength(1);
        expect(warning[0]).toMatchObject({
            severity: 2,
            range: { start: { line: 18, character: 0 }, end: { line: 18, character: 5 } },
            message: `The simulation-backed analysis failed (analysis worker stopped: ${REASON}); its earlier results are withdrawn. It runs again after the next edit or save; if it keeps failing, lower mesa.analysis.maxStates.`,
        });
        expect(services.analysis.VerdictCache.get('file:///work/button-lamp.mesa', 'Pressing')).toBeUndefined();
        expect(logs.join('\n')).toContain(REASON);

        // An edit before the next analysis carries the warning, not the withdrawn results.
        const { open: openOff, services: offServices } = setupScheduler({ trigger: 'off' });
        offServices.analysis.SimulationStore.set('file:///work/button-lamp.mesa', services.analysis.SimulationStore.get('file:///work/button-lamp.mesa'));
        const edited = await openOff('// moved\n' + exampleText('button-lamp'));
        const carried = (edited.diagnostics ?? []).filter(d => d.code === 'analysis-failed' || d.code === 'unidentifiable');
        expect(carried.map(d => [d.code, d.range.start.line])).toEqual([['analysis-failed', 19]]);
    });
});
