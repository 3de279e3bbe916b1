/**
 * Runs simulation jobs in a web worker, for the browser build of the language server
 * (docs/browser.md, The language server in a web worker): so completion and hover never
 * wait on a simulation there either. Jobs go to the worker one at a time. Without shared
 * memory, cancelling the job that runs ends the worker, and the next job starts a fresh
 * one; a queued job is cancelled by dropping it. A worker that fails rejects its job with
 * the reason. A worker that cannot start at all (no nested workers, a content policy that
 * forbids them) hands this job and every later one to the fallback runner.
 */
import type { CompiledSpec } from '../../language/model/spec.js';
import type { AnalysisRunner, RunHandle, RunOptions, RunResult } from './runner.js';
import { analysisJob, type AnalysisJob, type FromWorker } from './worker-protocol.js';

/** What this runner uses of a web worker. */
export interface WorkerLike {
    postMessage(message: AnalysisJob): void;
    terminate(): void;
    onmessage: ((event: { data: FromWorker }) => void) | null;
    onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
}

interface Job {
    message: AnalysisJob;
    spec: CompiledSpec;
    options: RunOptions;
    resolve(result: RunResult): void;
    reject(error: Error): void;
    /** Set once the job runs inline: its handle, to pass a cancel on. */
    inline?: RunHandle;
}

const CANCELLED: RunResult = { findings: [], ms: 0, cancelled: true };

export class WebWorkerRunner implements AnalysisRunner {
    private worker: WorkerLike | undefined;
    /** Whether any worker of this runner has answered: a failure before that means workers cannot start here. */
    private answered = false;
    private useFallback = false;
    private running: Job | undefined;
    private readonly queue: Job[] = [];
    private nextId = 1;

    constructor(private readonly createWorker: () => WorkerLike, private readonly fallback: AnalysisRunner, private readonly log: (message: string) => void) {}

    run(spec: CompiledSpec, options: RunOptions): RunHandle {
        let settle!: Pick<Job, 'resolve' | 'reject'>;
        const result = new Promise<RunResult>((resolve, reject) => { settle = { resolve, reject }; });
        const job: Job = { message: analysisJob(this.nextId++, spec, options), spec, options, ...settle };
        if (this.useFallback) {
            this.runInline(job);
        } else {
            this.queue.push(job);
            this.next();
        }
        return { result, cancel: () => this.cancel(job) };
    }

    dispose(): void {
        this.stopWorker();
        for (const job of [...this.queue, ...(this.running ? [this.running] : [])]) job.resolve(CANCELLED);
        this.queue.length = 0;
        this.running = undefined;
        this.fallback.dispose();
    }

    private next(): void {
        if (this.running) return;
        const job = this.queue.shift();
        if (!job) return;
        if (this.useFallback) {
            this.runInline(job);
            return this.next();
        }
        let worker: WorkerLike;
        try {
            worker = this.ensureWorker();
        } catch (error) {
            this.switchToFallback(`it cannot be created (${error instanceof Error ? error.message : String(error)})`, job);
            return;
        }
        this.running = job;
        worker.postMessage(job.message);
    }

    private cancel(job: Job): void {
        if (job.inline) {
            job.inline.cancel();
        } else if (job === this.running) {
            // The worker is busy with it and cannot read a flag: end it.
            this.stopWorker();
            this.running = undefined;
            job.resolve(CANCELLED);
            this.next();
        } else {
            const at = this.queue.indexOf(job);
            if (at < 0) return;
            this.queue.splice(at, 1);
            job.resolve(CANCELLED);
        }
    }

    private ensureWorker(): WorkerLike {
        if (this.worker) return this.worker;
        const worker = this.createWorker();
        worker.onmessage = event => {
            if (this.worker !== worker) return;
            this.answered = true;
            const message = event.data;
            const job = this.running;
            if (!job || job.message.id !== message.id) return;
            if (message.type === 'progress') {
                job.options.progress?.(message.stage);
                return;
            }
            this.running = undefined;
            if (message.type === 'done') job.resolve({ ...(message.report ? { report: message.report } : {}), findings: message.findings, ms: message.ms });
            else if (message.type === 'cancelled') job.resolve(CANCELLED);
            else job.reject(new Error(message.message));
            this.next();
        };
        worker.onerror = event => {
            if (this.worker !== worker) return;
            event.preventDefault?.();
            const why = event.message ? `it failed: ${event.message}` : 'it failed';
            const job = this.running;
            this.running = undefined;
            this.stopWorker();
            if (!this.answered) {
                this.switchToFallback(why, job);
                return;
            }
            this.log(`Mesa analysis worker stopped: ${why}; it restarts with the next analysis.`);
            job?.reject(new Error(`analysis worker stopped: ${why}`));
            this.next();
        };
        this.worker = worker;
        return worker;
    }

    /** Workers cannot start here: run `job` and every later one with the fallback runner. */
    private switchToFallback(why: string, job: Job | undefined): void {
        this.log(`Mesa analysis worker could not start: ${why}; analyses run in the language server's worker instead.`);
        this.useFallback = true;
        if (job) this.runInline(job);
        this.next();
    }

    private runInline(job: Job): void {
        job.inline = this.fallback.run(job.spec, job.options);
        job.inline.result.then(job.resolve, job.reject);
    }

    private stopWorker(): void {
        this.worker?.terminate();
        this.worker = undefined;
    }
}
