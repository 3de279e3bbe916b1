/**
 * The analysis worker thread: runs the simulation core off the language server's main
 * thread, one job at a time, and answers with the report and its findings.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runJob } from './analysis/run-job.js';
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
    const post = (message: FromWorker): void => port.postMessage(message);
    post(runJob(job, { get cancelled() { return Atomics.load(flag, 0) === 1; } }, post));
});
