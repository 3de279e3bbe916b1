/**
 * The diversity sweep section (docs/analyses.md, Weights and the diversity sweep): an
 * SVG laid out here, by code, of each contending optimizer's selection score against
 * the share of training in the swept environments (x from 0 to 100%), thick where it
 * wins; the threshold share and the declared share marked; then the sweep's points as
 * a table. Scores are recomputed from the report (training his, weights, penalties)
 * with the sweep's own score lines, so the chart and the threshold agree.
 */
import type { Report } from '../../simulation/report.js';
import { scoreLines, type ScoreLine } from '../../simulation/diversity.js';
import { esc } from './escape.js';
import { plain, ticks } from './numbers.js';
import { PALETTE } from './vega.js';

const W = 560, H = 300;
const M = { left: 56, right: 132, top: 18, bottom: 40 };
const PW = W - M.left - M.right, PH = H - M.top - M.bottom;

/** A share as a percentage for the page: one decimal, trailing zero dropped. */
function pct(share: number): string {
    return `${plain(share * 100, share > 0 && share < 0.001 ? 3 : 1)}%`;
}


const f = (v: number): string => v.toFixed(2);

/** The score lines of the report's optimizers, with the weights the report gives each training environment. */
export function reportLines(report: Report): { lines: ScoreLine[]; declared: number } {
    const d = report.diversity!;
    const labels = report.optimizers[0]?.train.map(t => t.env) ?? [];
    const weights = labels.map(l => report.environments.find(e => e.label === l)?.trainWeight ?? 1 / labels.length);
    const swept = labels.map(l => d.environments.includes(l));
    const { depth: pd, length: pl } = report.selection.penalties;
    const lines = scoreLines(weights, swept, report.optimizers.map(o => ({
        name: o.name, robust: o.verdict === 'robust', his: o.train.map(t => t.hi), penalty: pd * o.depth + pl * o.bits,
    })));
    const declared = weights.reduce((sum, w, i) => sum + (swept[i] ? w : 0), 0);
    return { lines, declared };
}

/**
 * The chart over shares 0..xmax (1 for the whole sweep; less for a close-up of small
 * shares, where thresholds like Langosco et al.'s few percent sit).
 */
export function diversityChart(report: Report, xmax = 1): string {
    const d = report.diversity;
    if (!d || d.points.length === 0) return '';
    const { lines: all, declared } = reportLines(report);
    const winning = new Set(d.points.flatMap(p => p.winners));
    const lines = all.filter(l => winning.has(l.name) || l.robust);
    if (lines.length === 0) return '';
    const values = lines.flatMap(l => [l.a, l.a + l.b * xmax]);
    let lo = Math.min(...values), hi = Math.max(...values);
    const pad = hi > lo ? (hi - lo) * 0.08 : Math.max(1, Math.abs(hi) * 0.1);
    lo -= pad;
    hi += pad;
    const x = (s: number): number => M.left + s / xmax * PW;
    const y = (v: number): number => M.top + (hi - v) / (hi - lo) * PH;
    const parts: string[] = [];
    for (const t of xmax === 1 ? [0, 0.25, 0.5, 0.75, 1] : ticks(0, xmax).filter(t => t <= xmax)) {
        parts.push(`<line x1="${f(x(t))}" y1="${M.top}" x2="${f(x(t))}" y2="${M.top + PH}" stroke="currentColor" stroke-opacity="0.12"/>`);
        parts.push(`<text x="${f(x(t))}" y="${M.top + PH + 16}" text-anchor="middle" font-size="11" fill="currentColor">${esc(pct(t))}</text>`);
    }
    for (const v of ticks(lo, hi)) {
        parts.push(`<line x1="${M.left}" y1="${f(y(v))}" x2="${M.left + PW}" y2="${f(y(v))}" stroke="currentColor" stroke-opacity="0.12"/>`);
        parts.push(`<text x="${M.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" font-size="11" fill="currentColor">${esc(plain(v))}</text>`);
    }
    parts.push(`<text x="${f(M.left + PW / 2)}" y="${H - 6}" text-anchor="middle" font-size="11" font-weight="600" fill="currentColor">share of training in ${esc(d.environments.length === 1 ? d.environments[0]! : 'the swept environments')}</text>`);
    parts.push(`<text transform="translate(14 ${f(M.top + PH / 2)}) rotate(-90)" text-anchor="middle" font-size="11" font-weight="600" fill="currentColor">selection score</text>`);
    // The threshold is labelled at the top of its rule, the declared share at the bottom, so close shares stay legible.
    const marker = (share: number, label: string, dash: string, exact: string, top: boolean): void => {
        if (share > xmax) return;
        parts.push(`<g><title>${esc(exact)}</title><line x1="${f(x(share))}" y1="${M.top}" x2="${f(x(share))}" y2="${M.top + PH}" stroke="currentColor" stroke-dasharray="${dash}" stroke-opacity="0.7"/>`
            + `<text x="${f(x(share) + 4)}" y="${top ? M.top + 11 : M.top + PH - 5}" font-size="11" fill="currentColor">${esc(label)}</text></g>`);
    };
    marker(declared, `declared ${pct(declared)}`, '2 3', `declared share ${declared}`, false);
    if (d.threshold !== null) marker(d.threshold, `s* = ${pct(d.threshold)}`, '6 3', `threshold share ${d.threshold}`, true);
    for (const [i, line] of lines.entries()) {
        const color = PALETTE[i % PALETTE.length]!;
        parts.push(`<line x1="${f(x(0))}" y1="${f(y(line.a))}" x2="${f(x(xmax))}" y2="${f(y(line.a + line.b * xmax))}" stroke="${color}" stroke-width="1.2" stroke-opacity="0.55"/>`);
        for (let k = 0; k + 1 < d.points.length; k++) {
            const from = d.points[k]!.share, to = Math.min(d.points[k + 1]!.share, xmax);
            if (from >= xmax || !d.points[k]!.winners.includes(line.name) || !d.points[k + 1]!.winners.includes(line.name)) continue;
            parts.push(`<line x1="${f(x(from))}" y1="${f(y(line.a + line.b * from))}" x2="${f(x(to))}" y2="${f(y(line.a + line.b * to))}" stroke="${color}" stroke-width="3.5"/>`);
        }
        const ly = M.top + 14 + i * 18;
        parts.push(`<line x1="${M.left + PW + 12}" y1="${ly - 4}" x2="${M.left + PW + 30}" y2="${ly - 4}" stroke="${color}" stroke-width="3.5"/>`
            + `<text x="${M.left + PW + 35}" y="${ly}" font-size="11" fill="currentColor">${esc(line.name)}${line.robust ? ' (robust)' : ''}</text>`);
    }
    const title = d.threshold === null ? 'No share makes selection pick a robust optimizer' : `A robust optimizer wins from ${pct(d.threshold)}`;
    // Wide enough for the longest legend entry (about 6.5 px a character at 11 px).
    const longest = Math.max(...lines.map(l => l.name.length + (l.robust ? 9 : 0)));
    const width = Math.max(W, Math.ceil(M.left + PW + 35 + longest * 6.5 + 8));
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>\n${parts.join('\n')}\n</svg>`;
}

/** The right end of a close-up of small shares, or null when the marked shares are not small: twice the larger one, rounded up to a tick. */
export function closeUp(report: Report): number | null {
    const d = report.diversity;
    if (!d) return null;
    const largest = Math.max(reportLines(report).declared, d.threshold ?? 0);
    if (largest <= 0 || largest >= 0.2) return null;
    const step = ticks(0, 2 * largest)[1] ?? 2 * largest;
    return Math.min(1, Math.ceil(2 * largest / step) * step);
}

export function diversitySection(report: Report): string {
    const d = report.diversity;
    if (!d) return '';
    const zoom = closeUp(report);
    const envs = d.environments.map(e => `<code>${esc(e)}</code>`).join(', ');
    const rows = d.points.map(p => `<tr${d.threshold !== null && p.share === d.threshold ? ' class="winner"' : ''}><td class="num">${esc(pct(p.share))}</td><td>${p.winners.map(w => `<code>${esc(w)}</code>`).join(', ')}</td></tr>`).join('\n');
    const verdict = d.threshold === null
        ? '<p>No share of training in these environments makes selection pick a robust optimizer.</p>'
        : `<p>A robust optimizer first wins selection at a share of <strong>${esc(pct(d.threshold))}</strong> (exactly ${esc(String(Number(d.threshold.toPrecision(12))))}).</p>`;
    return `<section id="diversity"><h2>Diversity sweep</h2>
<p class="lede">The selected optimizer misfits ${envs}. Their joint share of training goes from 0 to 100% (the other training environments share the rest in proportion to their weights); each line is an optimizer's selection score, thick where it wins.</p>
<div class="chart-grid"><figure class="chart"><div class="svg">${diversityChart(report)}</div></figure>${zoom === null ? '' : `
<figure class="chart"><div class="svg">${diversityChart(report, zoom)}</div><figcaption>Close-up of shares from 0 to ${esc(pct(zoom))}.</figcaption></figure>`}</div>
${verdict}
<div class="table-wrap"><table class="ranking">
<thead><tr><th scope="col" class="num">Share</th><th scope="col">Winners</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}
