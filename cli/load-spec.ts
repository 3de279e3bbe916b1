/**
 * Reading, loading and compiling one spec file for the commands that need its model
 * (`simulate`, `graph`, `distinguish`): on errors, they are printed from that same load
 * as `mesa check` prints them, and the command stops.
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LoadedSpec } from '../language/compile/load.js';
import { loadSpecText, unloadSpec } from '../language/compile/load.js';
import type { PlainDiagnostic } from '../language/findings/report-diagnostic.js';
import { compareDiagnostics, toPlainDiagnostic } from '../language/findings/report-diagnostic.js';
import type { MesaServices } from '../language/mesa-module.js';
import type { CompiledSpec } from '../language/model/spec.js';
import type { Output } from './check.js';
import { formatText } from './format-text.js';
import { readSpecFile } from './read-spec-file.js';

export interface LoadedFile {
    text: string;
    spec: CompiledSpec;
    loaded: LoadedSpec;
}

/**
 * The compiled spec of `path`, or undefined after printing its errors; `stopping`, when
 * given, ends the message that follows them (e.g. "before simulating").
 */
export async function loadSpecFile(services: MesaServices, path: string, out: Output, stopping?: string): Promise<LoadedFile | undefined> {
    const text = readSpecFile(path);
    const uri = fileUri(path);
    const loaded = await loadSpecText(services, text, uri);
    await unloadSpec(services, loaded);
    if (loaded.spec) return { text, spec: loaded.spec, loaded };
    const errors = plainDiagnostics(loaded.diagnostics, uri, path).filter(d => d.severity === 'error');
    out.stderr(formatText([{ path, diagnostics: errors }]));
    if (stopping) out.stderr(`mesa: ${path}: fix the ${errors.length === 1 ? 'error' : `${errors.length} errors`} above ${stopping}\n`);
    return undefined;
}

/** LSP diagnostics of the file `uri` (given as `path`) in the CLI's shape, sorted by position. */
export function plainDiagnostics(diagnostics: Diagnostic[], uri: string, path: string): PlainDiagnostic[] {
    const pathOf = (u: string) => u === uri ? path : relativePath(u);
    return diagnostics.map(d => toPlainDiagnostic(d, pathOf)).sort(compareDiagnostics);
}

export function fileUri(path: string): string {
    return pathToFileURL(resolve(path)).toString();
}

function relativePath(uri: string): string {
    try {
        return relative(process.cwd(), fileURLToPath(uri));
    } catch {
        return uri;
    }
}
