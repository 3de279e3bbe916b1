/**
 * `mesa/simulate`: the full simulation of a document (docs/simulation.md), returning the report
 * JSON of §8. It runs in a worker of its own (in Node the analysis worker's script,
 * dist/worker.cjs; see mesa-server.ts and browser-main.ts), so completion and the
 * editor's analysis go on meanwhile; the request's cancellation stops the core within a
 * few thousand states. Budgets are the command's, larger than the editor analysis's:
 * 5 million states and one minute.
 */
import type { LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { SimulateParams, SimulateProgressParams } from '../../language/protocol.js';
import type { Report } from '../../language/simulation/report.js';
import type { AnalysisRunner } from '../analysis/runner.js';
import { cancelled, compiledSpecOf, fileName } from './document.js';

export const SIMULATE_MAX_STATES = 5_000_000;
export const SIMULATE_TIME_BUDGET_MS = 60_000;

/**
 * `tell` sends a `mesa/simulateProgress` notification: the run's phases go to the client
 * when its request carries a `progressId`, until it is cancelled.
 */
export async function handleSimulate(shared: LangiumSharedCoreServices, runner: AnalysisRunner, params: SimulateParams, token: CancellationToken,
    tell?: (progress: SimulateProgressParams) => void): Promise<Report> {
    const spec = await compiledSpecOf(shared, params.uri, token);
    const { progressId } = params;
    const progress = progressId !== undefined && tell
        ? (stage: string): void => { if (!token.isCancellationRequested) tell({ progressId, stage }); }
        : undefined;
    const run = runner.run(spec, { maxStates: SIMULATE_MAX_STATES, timeBudgetMs: SIMULATE_TIME_BUDGET_MS, seed: params.seed ?? 1, ...(progress ? { progress } : {}) });
    // Answer a cancellation at once; the worker drops the job at its next budget check.
    const stopped = new Promise<never>((_resolve, reject) => {
        const subscription = token.onCancellationRequested(() => {
            run.cancel();
            subscription.dispose();
            reject(cancelled());
        });
        void run.result.finally(() => subscription.dispose()).catch(() => undefined);
    });
    const outcome = await Promise.race([run.result, stopped]);
    if (outcome.cancelled) throw cancelled();
    if (outcome.report) return outcome.report;
    // No report: the core stopped on a run-time error (a division by zero...), given as a finding.
    const finding = outcome.findings[0];
    const where = finding ? ` (line ${finding.location.range.start.line + 1})` : '';
    throw new ResponseError(LSPErrorCodes.RequestFailed, `Simulating ${fileName(params.uri)} failed${where}: ${finding?.message ?? 'no report'}`);
}
