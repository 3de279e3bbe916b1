/**
 * The analysis worker of the browser build (docs/browser.md): a web worker that the
 * language server's own worker starts, running one job at a time. A job is cancelled by
 * ending this worker, so the signal here never fires.
 */
import { runJob } from './analysis/run-job.js';
import type { AnalysisJob, FromWorker } from './analysis/worker-protocol.js';

interface WorkerScope {
    onmessage: ((event: { data: AnalysisJob }) => void) | null;
    postMessage(message: FromWorker): void;
}

const scope = globalThis as unknown as WorkerScope;
const NEVER = { cancelled: false } as const;
const post = (message: FromWorker): void => scope.postMessage(message);
scope.onmessage = event => post(runJob(event.data, NEVER, post));
