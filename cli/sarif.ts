/**
 * SARIF 2.1.0 output for `mesa check --format sarif`: one run, rule ids = diagnostic
 * codes, physical locations with 1-based regions, as code-scanning tools read it.
 */
import type { PlainDiagnostic, Severity } from '../language/findings/report-diagnostic.js';
import type { Range } from '../language/model/spec.js';

export interface CheckedFile {
    path: string;
    diagnostics: PlainDiagnostic[];
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(files: CheckedFile[], version: string): object {
    const codes = [...new Set(files.flatMap(f => f.diagnostics.map(d => d.code)))].sort();
    const results = files.flatMap(file => file.diagnostics.map(d => ({
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [physicalLocation(file.path, d.range)],
        ...(d.related.length > 0 ? {
            relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, ...physicalLocation(r.path, r.range) })),
        } : {}),
    })));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'mesa',
                    version,
                    informationUri: 'https://github.com/mesa-tools/mesa',
                    rules: codes.map(id => ({ id, name: ruleName(id), shortDescription: { text: id.replace(/-/g, ' ') } })),
                },
            },
            artifacts: files.map(f => ({ location: { uri: toUri(f.path) } })),
            results,
        }],
    };
}

function physicalLocation(path: string, range: Range): { physicalLocation: object } {
    return {
        physicalLocation: {
            artifactLocation: { uri: toUri(path) },
            region: {
                startLine: range.start.line + 1,
                startColumn: range.start.character + 1,
                endLine: range.end.line + 1,
                endColumn: range.end.character + 1,
            },
        },
    };
}

function toUri(path: string): string {
    return path.split('/').map(encodeURIComponent).join('/');
}

function ruleName(code: string): string {
    return code.split('-').map(w => w[0]!.toUpperCase() + w.slice(1)).join('');
}
