/**
 * Messages between the language server and its analysis worker (a typed union, one
 * message type per direction). In Node, cancellation crosses threads through a shared
 * flag: the worker's simulation reads it while it runs, so a newer edit stops an older
 * analysis within a few thousand states. A browser gives no shared memory to a page that
 * is not cross-origin isolated (a file:// page, a web extension), so there a job is
 * cancelled by ending its worker (docs/browser.md, The language server in a web worker).
 */
import type { CompiledSpec } from '../../language/model/spec.js';
import type { Report } from '../../language/simulation/report.js';
import type { Finding } from '../../language/findings/finding.js';
import type { RunOptions } from './runner.js';

/** One analysis: the compiled spec and its budgets. */
export interface AnalysisJob {
    type: 'simulate';
    id: number;
    spec: CompiledSpec;
    maxStates: number;
    timeBudgetMs?: number;
    seed?: number;
    /** Tell the run's phases in `progress` messages before the answer. */
    progress?: boolean;
}

/** A job for the Node worker thread. */
export interface SimulateJob extends AnalysisJob {
    /** Int32Array over this buffer: element 0 becomes 1 when the job is cancelled. */
    cancel: SharedArrayBuffer;
}

export type ToWorker = SimulateJob;

/** The job of a run: its budgets and seed, and whether it tells its phases (a function stays on this side). */
export function analysisJob(id: number, spec: CompiledSpec, options: RunOptions): AnalysisJob {
    const { progress, ...rest } = options;
    return { type: 'simulate', id, spec, ...rest, ...(progress ? { progress: true } : {}) };
}

export type FromWorker =
    | { type: 'done'; id: number; report?: Report; findings: Finding[]; ms: number }
    /** The phase the job's run now turns to (docs/simulation.md, Progress); the job goes on. */
    | { type: 'progress'; id: number; stage: string }
    /** A cancelled job answers without its (partial) report: nobody reads it, and copying it would cost the server. */
    | { type: 'cancelled'; id: number }
    | { type: 'failed'; id: number; message: string };
