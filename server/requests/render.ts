/**
 * Stand-in for the report renderer (language/report/html) while the server bundle cannot
 * include it (esbuild's CommonJS output rejects vega-canvas's top-level await): a verdict
 * table under a strict CSP, every name escaped, rows linking back into the source.
 */
import type { Report } from '../../language/report/types.js';

export async function renderReportHtml(report: Report, options: { mode: 'webview'; nonce: string; cspSource: string }): Promise<string> {
    const { nonce, cspSource } = options;
    const rows = report.optimizers.map(o => {
        const { line, character } = o.location.range.start;
        return `<tr class="verdict ${esc(o.verdict)}"><td><a class="src" href="#" data-uri="${esc(o.location.uri)}" data-line="${line}" data-character="${character}">${esc(o.name)}</a></td>`
            + `<td>${esc(o.verdict)}</td><td>${esc(o.kind ?? '')}</td></tr>`;
    }).join('\n');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${esc(cspSource)} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Mesa report</title><style nonce="${nonce}">table{border-collapse:collapse}td{padding:2px 8px}</style></head>
<body><h1>Mesa report</h1><table id="verdicts"><thead><tr><th>Optimizer</th><th>Verdict</th><th>Kind</th></tr></thead><tbody>
${rows}
</tbody></table>
<script nonce="${nonce}">const vscode = acquireVsCodeApi();
document.addEventListener('click', e => { const a = e.target.closest('a.src'); if (!a) return; e.preventDefault();
vscode.postMessage({ type: 'reveal', uri: a.dataset.uri, line: Number(a.dataset.line), character: Number(a.dataset.character) }); });</script>
</body></html>`;
}

function esc(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
