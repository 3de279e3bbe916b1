/**
 * `mesa simulate FILE [--json OUT] [--html OUT] [--max-states N] [--seed N] [--time-budget MS] [--workers N]`:
 * runs the full simulation (its environments explored on worker threads, cli/parallel/pool.ts), prints the verdict table (and the diversity threshold, when
 * selection picks a candidate that misfits some training), and writes the report JSON
 * (docs/report-json.md) and the self-contained HTML report. `-` as OUT means stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { diversitySentence } from '../language/findings/diversity-threshold.js';
import type { MesaServices } from '../language/mesa-module.js';
import { renderReportHtml } from '../language/report/html/index.js';
import type { CompiledSpec } from '../language/model/spec.js';
import type { Report } from '../language/simulation/report.js';
import { DEFAULT_MAX_STATES, formatVerdictTable, SimulationError } from '../language/simulation/index.js';
import { simulateParallel } from './parallel/pool.js';
import type { Output } from './check.js';
import { UserError } from './user-error.js';
import { loadSpecFile } from './load-spec.js';

export interface SimulateCliOptions {
    json?: string;
    html?: string;
    maxStates: number;
    seed: number;
    timeBudgetMs?: number;
    /** Threads exploring environments at once; default the machine's cores. */
    workers?: number;
}

export { DEFAULT_MAX_STATES };

export async function runSimulate(services: MesaServices, path: string, options: SimulateCliOptions, out: Output): Promise<number> {
    const file = await loadSpecFile(services, path, out, 'before simulating');
    if (!file) return 1;
    const spec = file.spec;
    let report: Report;
    try {
        report = await simulateShown(spec, options, out);
    } catch (error) {
        if (!(error instanceof SimulationError)) throw error;
        const at = error.location ? `:${error.location.range.start.line + 1}:${error.location.range.start.character + 1}` : '';
        out.stderr(`${path}${at}: error [${error.code}] ${error.message}\n`);
        return 1;
    }
    const json = JSON.stringify(report, null, 2) + '\n';
    if (options.json === '-') {
        out.stdout(json);
    } else {
        out.stdout(formatVerdictTable(report));
        const diversity = diversitySentence(spec, report);
        if (diversity) out.stdout(`diversity: ${diversity}\n`);
        if (options.json) write(options.json, json);
    }
    if (options.html) {
        const html = await renderReportHtml(report, { mode: 'file' });
        if (options.html === '-') out.stdout(html);
        else write(options.html, html);
    }
    for (const target of [options.json, options.html]) {
        if (target && target !== '-') out.stderr(`mesa: wrote ${target}\n`);
    }
    return 0;
}

/**
 * The whole simulation of `spec` under the CLI's options, on the pool's threads, its
 * phases shown on the output's progress line, which is erased when the run ends, however
 * it ends.
 */
export async function simulateShown(spec: CompiledSpec, options: Omit<SimulateCliOptions, 'seed'> & { seed?: number }, out: Output): Promise<Report> {
    const line = out.progress;
    try {
        return await simulateParallel(spec, {
            maxStates: options.maxStates,
            ...(options.seed !== undefined ? { seed: options.seed } : {}),
            ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}),
            ...(options.workers !== undefined ? { workers: options.workers } : {}),
            ...(line ? { progress: (stage: string) => line.stage(stage) } : {}),
        });
    } finally {
        line?.done();
    }
}

function write(path: string, content: string): void {
    try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
    } catch (error) {
        throw new UserError(`${path}: cannot write (${(error as { code?: string }).code ?? String(error)})`);
    }
}
