/**
 * What an analysis finds, as plain data: a code, a severity, a message naming the
 * objects and the numbers, where it applies and the locations that justify it. The
 * language server and the CLI turn findings into diagnostics the same way.
 */
import type { SourceLocation } from '../model/spec.js';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
    code: string;
    severity: FindingSeverity;
    message: string;
    location: SourceLocation;
    related: { message: string; location: SourceLocation }[];
    /** Plain JSON for a quick fix (the LSP diagnostic's `data`). */
    data?: unknown;
}
