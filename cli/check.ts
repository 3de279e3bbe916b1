/**
 * `mesa check FILE... [--format text|json|sarif] [--strict]`: every diagnostic of every
 * file; exit 1 on any error (or warning with --strict), 2 when a file cannot be read.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDiagnostics, toPlainDiagnostic } from '../language/diagnostics/report-diagnostic.js';
import { loadSpecText, unloadSpec } from '../language/compile/load.js';
import type { MesaServices } from '../language/mesa-module.js';
import { UserError } from './errors.js';
import { formatText } from './format-text.js';
import { readSpecFile } from './read-spec-file.js';
import type { CheckedFile } from './sarif.js';
import { toSarif } from './sarif.js';

export interface CheckOptions {
    format: 'text' | 'json' | 'sarif';
    strict: boolean;
}

export interface Output {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
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
        files.push({ path, diagnostics: await diagnoseText(services, text, path) });
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

/** The diagnostics of one spec, as the editor shows them, with paths relative to the cwd. */
export async function diagnoseText(services: MesaServices, text: string, path: string) {
    const uri = `file://${encodeURI(absolute(path))}`;
    const loaded = await loadSpecText(services, text, uri);
    const pathOf = (u: string) => u === uri ? path : relativePath(u);
    const diagnostics = loaded.diagnostics.map(d => toPlainDiagnostic(d, pathOf)).sort(compareDiagnostics);
    await unloadSpec(services, loaded);
    return diagnostics;
}

function absolute(path: string): string {
    return path.startsWith('/') ? path : `${process.cwd()}/${path}`;
}

function relativePath(uri: string): string {
    try {
        return relative(process.cwd(), fileURLToPath(uri));
    } catch {
        return uri;
    }
}
