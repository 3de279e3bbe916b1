/**
 * The plain-text verdict table that `mesa simulate` prints on stdout: one row per
 * optimizer with verdict, kind, training intervals and deployment intervals with
 * normalized regret, then the selection and any budget that was hit.
 */
import type { DeployInterval, Report, TrainInterval } from './report.js';

/** A number with at most 6 decimals, trailing zeros dropped, never "-0". */
export function formatNumber(x: number | null): string {
    if (x === null) return '?';
    const s = Number(x.toFixed(6)).toString();
    return s === '-0' ? '0' : s;
}

function interval(i: TrainInterval): string {
    return `${i.env} [${formatNumber(i.lo)}, ${formatNumber(i.hi)}] of ${formatNumber(i.optimum)}`;
}

function deployed(i: DeployInterval): string {
    const regret = i.normalizedRegret === null ? '?' : i.normalizedRegret.toFixed(3);
    return `${interval(i)} (regret ${regret})`;
}

function table(rows: string[][]): string {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map(r => r[c]!.length)));
    return rows.map(r => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function formatVerdictTable(report: Report): string {
    if (report.environments.length > 0 && report.environments.every(e => e.skipped?.includes('qualitative'))) {
        const names = report.environments.map(e => e.label).join(', ');
        return `Nothing to simulate: ${names} ${report.environments.length === 1 ? 'has' : 'have'} qualitative nodes.\n`
            + 'Their causal graphs are analysed statically; run `mesa check` for the proxy and pre-computation diagnostics.\n';
    }
    const rows: string[][] = [['optimizer', 'verdict', 'kind', 'train', 'deploy']];
    for (const o of report.optimizers) {
        const kind = o.kind === null ? '-' : o.kind === 'general' && o.via ? `general (via ${o.via})` : o.kind;
        rows.push([
            o.name + (o.implicit ? '' : '*'),
            o.verdict + (o.incomplete ? ' (incomplete)' : ''),
            kind,
            o.train.map(interval).join('; ') || '-',
            [...o.deploy.map(deployed), ...(o.deployAverage ? [deployed({ env: 'weighted average', ...o.deployAverage })] : [])].join('; ') || '-',
        ]);
    }
    const lines = [table(rows)];
    if (report.optimizers.some(o => !o.implicit)) lines.push('* declared optimizer');
    const sel = report.selection;
    if (sel.ranking.length > 0) {
        const ranking = sel.ranking.map(r => `${r.name} ${formatNumber(r.score)}`).join(', ');
        lines.push(`selected: ${sel.winners.join(', ') || '-'} (scores: ${ranking})`);
    }
    for (const e of report.environments) {
        if (e.skipped) lines.push(`${e.label}: not simulated (${e.skipped})`);
    }
    for (const i of report.incomplete) lines.push(i.message);
    return lines.join('\n') + '\n';
}
