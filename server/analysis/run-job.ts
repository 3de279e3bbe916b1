/**
 * One analysis job run to its answer, as both analysis workers give it: the Node worker
 * thread (server/worker.ts) and the browser's web worker (server/browser-worker.ts). It
 * knows nothing of Langium or LSP: it receives the compiled, plain model.
 */
import { analyzeBySimulation } from '../../language/findings/simulation-analysis.js';
import type { AnalysisJob, FromWorker } from './worker-protocol.js';

/** Runs `job`; a job that asks for them posts its phases through `post` on the way. */
export function runJob(job: AnalysisJob, signal: { readonly cancelled: boolean }, post: (message: FromWorker) => void): FromWorker {
    const started = performance.now();
    try {
        const outcome = analyzeBySimulation(job.spec, {
            maxStates: job.maxStates,
            ...(job.timeBudgetMs !== undefined ? { timeBudgetMs: job.timeBudgetMs } : {}),
            ...(job.seed !== undefined ? { seed: job.seed } : {}),
            ...(job.progress ? { progress: (stage: string) => post({ type: 'progress', id: job.id, stage }) } : {}),
            signal,
        });
        return signal.cancelled
            ? { type: 'cancelled', id: job.id }
            : { type: 'done', id: job.id, ...(outcome.report ? { report: outcome.report } : {}), findings: outcome.findings, ms: performance.now() - started };
    } catch (error) {
        return { type: 'failed', id: job.id, message: error instanceof Error ? error.message : String(error) };
    }
}
