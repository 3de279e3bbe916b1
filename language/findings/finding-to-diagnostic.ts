/**
 * Findings of the analyses as LSP diagnostics: severity, code, source `mesa`, and the
 * justifying locations as related information.
 */
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding, FindingSeverity } from './finding.js';

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export function findingToDiagnostic(finding: Finding): Diagnostic {
    return {
        severity: SEVERITY[finding.severity],
        code: finding.code,
        source: 'mesa',
        message: finding.message,
        range: finding.location.range,
        ...(finding.data !== undefined ? { data: finding.data } : {}),
        ...(finding.related.length > 0 ? {
            relatedInformation: finding.related.map(r => ({ message: r.message, location: { uri: r.location.uri, range: r.location.range } })),
        } : {}),
    };
}
