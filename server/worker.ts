/**
 * The analysis worker: runs the simulation core off the language server's main thread,
 * one job at a time, and answers with the report and its findings. It knows nothing of
 * Langium or LSP: it receives the compiled, plain model.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyzeBySimulation } from '../language/findings/simulation-analysis.js';
import type { FromWorker, ToWorker } from './analysis/worker-protocol.js';

const port = parentPort;
if (!port) {
    throw new Error('server/worker must run as a worker thread');
}

// The analyses wait for the author; the editor's answers do not. On Linux the nice value
// belongs to the thread, so this lowers the worker's priority only: when the two cores
// are busy, the language server's thread is scheduled first.
try {
    setPriority(0, 10);
} catch {
    // not permitted here: analyses run at the server's priority
}

port.on('message', (job: ToWorker) => {
    const flag = new Int32Array(job.cancel);
    const signal = { get cancelled() { return Atomics.load(flag, 0) === 1; } };
    const started = performance.now();
    let reply: FromWorker;
    try {
        const outcome = analyzeBySimulation(job.spec, {
            maxStates: job.maxStates,
            ...(job.timeBudgetMs !== undefined ? { timeBudgetMs: job.timeBudgetMs } : {}),
            ...(job.seed !== undefined ? { seed: job.seed } : {}),
            signal,
        });
        reply = signal.cancelled
            ? { type: 'cancelled', id: job.id }
            : { type: 'done', id: job.id, ...(outcome.report ? { report: outcome.report } : {}), findings: outcome.findings, ms: performance.now() - started };
    } catch (error) {
        reply = { type: 'failed', id: job.id, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
});
