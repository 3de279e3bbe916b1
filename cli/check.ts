/**
 * `mesa check FILE... [--format text|json|sarif] [--strict]`: every diagnostic of every
 * file; exit 1 on any error (or warning with --strict), 2 when a file cannot be read.
 */
import { analyzeBySimulation } from '../language/findings/simulation-analysis.js';
import { findingToDiagnostic } from '../language/findings/finding-to-diagnostic.js';
import { settledVerdicts } from '../language/findings/simulation-findings.js';
import { settleByVerdicts } from '../language/findings/simulation-store.js';
import type { PlainDiagnostic } from '../language/findings/report-diagnostic.js';
import { DEFAULT_SETTINGS } from '../language/protocol.js';
import { loadSpecText, unloadSpec } from '../language/compile/load.js';
import type { MesaServices } from '../language/mesa-module.js';
import { UserError } from './user-error.js';
import { formatText } from './format-text.js';
import { fileUri, plainDiagnostics } from './load-spec.js';
import { readSpecFile } from './read-spec-file.js';
import type { CheckedFile } from './sarif.js';
import { toSarif } from './sarif.js';
import type { ProgressLine } from './progress.js';

export interface CheckOptions {
    format: 'text' | 'json' | 'sarif';
    strict: boolean;
    /** Budgets of the simulation-backed analyses: the editor's defaults, so CI and editor agree. */
    maxStates: number;
    timeBudgetMs: number;
}

export const CHECK_DEFAULTS = { maxStates: DEFAULT_SETTINGS.analysis.maxStates, timeBudgetMs: DEFAULT_SETTINGS.analysis.timeBudgetMs };

export interface Output {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** The line that shows a long run's phases (cli/progress.ts), when standard error is a terminal. */
    progress?: ProgressLine;
}

export async function runCheck(services: MesaServices, paths: string[], options: CheckOptions, out: Output, version: string): Promise<number> {
    const files: CheckedFile[] = [];
    let unreadable = false;
    for (const path of paths) {
        let text: string;
        try {
            text = readSpecFile(path);
        } catch (error) {
            if (!(error instanceof UserError)) throw error;
            out.stderr(`mesa: ${error.message}\n`);
            unreadable = true;
            continue;
        }
        files.push({ path, diagnostics: await diagnoseText(services, text, path, options) });
    }
    if (options.format === 'json') {
        out.stdout(JSON.stringify({ files }, null, 2) + '\n');
    } else if (options.format === 'sarif') {
        out.stdout(JSON.stringify(toSarif(files, version), null, 2) + '\n');
    } else {
        out.stdout(formatText(files));
    }
    if (unreadable) return 2;
    const all = files.flatMap(f => f.diagnostics);
    const failing = all.some(d => d.severity === 'error' || (options.strict && d.severity === 'warning'));
    return failing ? 1 : 0;
}

/**
 * The diagnostics of one spec, as the editor shows them once its analysis ran (static
 * ones, settled by the simulation's verdicts, then the simulation-backed ones within the
 * budgets), with paths relative to the cwd.
 */
export async function diagnoseText(services: MesaServices, text: string, path: string, budgets: { maxStates: number; timeBudgetMs: number }): Promise<PlainDiagnostic[]> {
    const uri = fileUri(path);
    const loaded = await loadSpecText(services, text, uri);
    let all = [...loaded.diagnostics];
    if (loaded.spec) {
        const outcome = analyzeBySimulation(loaded.spec, budgets);
        // As the editor does once its analysis ran: a proxy warning on an objective the
        // simulation shows robust or misaligned says so, as info (docs/analyses.md, When each kind runs).
        all = settleByVerdicts(all, loaded.spec, outcome.report ? settledVerdicts(outcome.report) : new Map());
        all.push(...outcome.findings.map(findingToDiagnostic));
    }
    const diagnostics = plainDiagnostics(all, uri, path);
    await unloadSpec(services, loaded);
    return diagnostics;
}
