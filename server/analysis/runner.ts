/**
 * Runs simulation jobs: in a worker thread in the language server (so completion and
 * hover never wait on a simulation), or inline for tests and hosts without workers
 * (inline-runner.ts; the browser build has its own, web-worker-runner.ts). Each run can
 * be cancelled; a cancelled or superseded run resolves with `cancelled`. A worker that
 * dies (at its memory limit, or exiting) rejects its jobs with the reason in words, and
 * the next job starts a fresh one.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../../language/findings/finding.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import type { Report } from '../../language/simulation/report.js';
import { analysisJob, type FromWorker, type SimulateJob } from './worker-protocol.js';

export { InlineRunner } from './inline-runner.js';

export interface RunOptions {
    maxStates: number;
    timeBudgetMs?: number;
    seed?: number;
    /** Told the run's phases as it enters them (docs/simulation.md, Progress). */
    progress?: (stage: string) => void;
}

export interface RunResult {
    report?: Report;
    findings: Finding[];
    ms: number;
    /** The job was cancelled: nothing in it is worth reading. */
    cancelled?: true;
}

export interface RunHandle {
    result: Promise<RunResult>;
    cancel(): void;
}

export interface AnalysisRunner {
    run(spec: CompiledSpec, options: RunOptions): RunHandle;
    dispose(): void;
}

export class WorkerRunner implements AnalysisRunner {
    private worker: Worker | undefined;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void; progress?: (stage: string) => void }>();

    /** `resourceLimits`: the worker's heap limits (Node's defaults when absent). */
    constructor(private readonly script: string, private readonly log: (message: string) => void, private readonly resourceLimits?: ResourceLimits) {}

    run(spec: CompiledSpec, options: RunOptions): RunHandle {
        const cancel = new SharedArrayBuffer(4);
        const job: SimulateJob = { ...analysisJob(this.nextId++, spec, options), cancel };
        const progress = options.progress;
        const result = new Promise<RunResult>((resolve, reject) => this.pending.set(job.id, { resolve, reject, ...(progress ? { progress } : {}) }));
        this.ensureWorker().postMessage(job);
        return { result, cancel: () => Atomics.store(new Int32Array(cancel), 0, 1) };
    }

    dispose(): void {
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private ensureWorker(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(this.script, this.resourceLimits ? { resourceLimits: this.resourceLimits } : {});
        worker.on('message', (message: FromWorker) => {
            if (message.type === 'progress') {
                this.pending.get(message.id)?.progress?.(message.stage);
                return;
            }
            const waiting = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (!waiting) return;
            if (message.type === 'done') {
                waiting.resolve({ ...(message.report ? { report: message.report } : {}), findings: message.findings, ms: message.ms });
            } else if (message.type === 'cancelled') {
                waiting.resolve({ findings: [], ms: 0, cancelled: true });
            } else {
                waiting.reject(new Error(message.message));
            }
        });
        const fail = (why: string) => {
            this.log(`Mesa analysis worker stopped: ${why}; it restarts with the next analysis.`);
            for (const waiting of this.pending.values()) waiting.reject(new Error(`analysis worker stopped: ${why}`));
            this.pending.clear();
            this.worker = undefined;
        };
        worker.on('error', error => { if (this.worker === worker) fail(describeWorkerError(error)); });
        worker.on('exit', code => { if (this.worker === worker) fail(`it exited with code ${code}`); });
        worker.unref();
        this.worker = worker;
        return worker;
    }
}

/** Why a worker stopped, in words the editor can show (docs/editor.md, Diagnostics while typing). */
function describeWorkerError(error: Error): string {
    return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `it ran out of memory (${error.message})`
        : `it failed: ${error.message}`;
}
