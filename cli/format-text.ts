/**
 * Human-readable diagnostics, compiler style: `path:line:col: severity [code] message`,
 * 1-based positions, related locations indented below, a summary line last.
 */
import type { CheckedFile } from './sarif.js';

export function formatText(files: CheckedFile[]): string {
    const lines: string[] = [];
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const file of files) {
        for (const d of file.diagnostics) {
            counts[d.severity]++;
            lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${d.message}`);
            for (const r of d.related) {
                lines.push(`    ${r.path}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
            }
        }
    }
    if (files.length === 0) return '';
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`${plural(files.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info`);
    return lines.join('\n') + '\n';
}
