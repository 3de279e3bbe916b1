/**
 * The plain diagnostic shape of `mesa check --format json` (docs/cli.md, Output formats), converted from
 * LSP diagnostics; paths are given relative to a base folder when possible.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Range } from '../model/spec.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface PlainDiagnostic {
    code: string;
    severity: Severity;
    message: string;
    range: Range;
    related: { message: string; path: string; range: Range }[];
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function toPlainDiagnostic(diagnostic: Diagnostic, pathOf: (uri: string) => string): PlainDiagnostic {
    return {
        code: String(diagnostic.code ?? 'unknown'),
        severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
        message: diagnostic.message,
        range: copyRange(diagnostic.range),
        related: (diagnostic.relatedInformation ?? []).map(r => ({
            message: r.message, path: pathOf(r.location.uri), range: copyRange(r.location.range),
        })),
    };
}

function copyRange(range: Range): Range {
    return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

/** Orders diagnostics by position, then severity, so output is stable. */
export function compareDiagnostics(a: PlainDiagnostic, b: PlainDiagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || rank(a.severity) - rank(b.severity) || a.code.localeCompare(b.code);
}

function rank(s: Severity): number {
    return ['error', 'warning', 'info', 'hint'].indexOf(s);
}
