/**
 * The learning path section (docs/analyses.md, Learning path): the base optimizer's local
 * search over objectives, as an SVG laid out here, by code (each step's score, the point
 * coloured by its verdict and labelled with its objective), and as a step-by-step
 * table. Says whether a pseudo-aligned objective comes before any robust one.
 */
import type { LearningPathReport, LearningStep, Report } from '../../simulation/report.js';
import { esc } from './escape.js';
import { num, plain, ticks } from './numbers.js';
import { PALETTE } from './vega.js';

const W = 560, H = 280;
const M = { left: 56, right: 24, top: 28, bottom: 40 };
const PW = W - M.left - M.right, PH = H - M.top - M.bottom;

/** Verdict colours from the chart palette: green, orange, red. */
const TONE: Record<LearningStep['verdict'], string> = { robust: PALETTE[3]!, 'pseudo-aligned': PALETTE[2]!, misaligned: PALETTE[4]! };

/** The longest objective text drawn on the chart; the table has it whole. */
const LABEL = 22;

const f = (v: number): string => v.toFixed(2);


/** Score against step, one point per step. */
export function learningPathChart(path: LearningPathReport): string {
    const steps = path.steps;
    if (steps.length === 0) return '';
    const scores = steps.map(s => s.score);
    let lo = Math.min(...scores), hi = Math.max(...scores);
    const pad = hi > lo ? (hi - lo) * 0.12 : Math.max(1, Math.abs(hi) * 0.1);
    lo -= pad;
    hi += pad;
    const x = (i: number): number => M.left + (steps.length === 1 ? PW / 2 : i / (steps.length - 1) * PW);
    const y = (v: number): number => M.top + (hi - v) / (hi - lo) * PH;
    const parts: string[] = [];
    for (const v of ticks(lo, hi)) {
        parts.push(`<line x1="${M.left}" y1="${f(y(v))}" x2="${M.left + PW}" y2="${f(y(v))}" stroke="currentColor" stroke-opacity="0.12"/>`);
        parts.push(`<text x="${M.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" font-size="11" fill="currentColor">${esc(plain(v))}</text>`);
    }
    steps.forEach((_, i) => parts.push(`<text x="${f(x(i))}" y="${M.top + PH + 16}" text-anchor="middle" font-size="11" fill="currentColor">${i}</text>`));
    parts.push(`<text x="${f(M.left + PW / 2)}" y="${H - 6}" text-anchor="middle" font-size="11" font-weight="600" fill="currentColor">step</text>`);
    parts.push(`<text transform="translate(14 ${f(M.top + PH / 2)}) rotate(-90)" text-anchor="middle" font-size="11" font-weight="600" fill="currentColor">score</text>`);
    parts.push(`<polyline points="${steps.map((s, i) => `${f(x(i))},${f(y(s.score))}`).join(' ')}" fill="none" stroke="currentColor" stroke-opacity="0.45" stroke-width="1.5"/>`);
    steps.forEach((s, i) => {
        const label = s.objective.length > LABEL ? `${s.objective.slice(0, LABEL - 1)}…` : s.objective;
        const anchor = steps.length > 1 && i === steps.length - 1 ? 'end' : i === 0 && steps.length > 1 ? 'start' : 'middle';
        parts.push(`<g><title>${esc(`step ${i}: ${s.objective}, score ${plain(s.score)}, ${s.verdict}`)}</title>`
            + `<circle cx="${f(x(i))}" cy="${f(y(s.score))}" r="5" fill="${TONE[s.verdict]}" stroke="currentColor" stroke-width="0.8"/>`
            + `<text x="${f(x(i))}" y="${f(y(s.score) - 10)}" text-anchor="${anchor}" font-size="11" fill="currentColor">${esc(label)}</text></g>`);
    });
    const legend = (Object.keys(TONE) as LearningStep['verdict'][]).map((v, k) =>
        `<circle cx="${M.left + 8 + k * 120}" cy="10" r="5" fill="${TONE[v]}"/><text x="${M.left + 17 + k * 120}" y="14" font-size="11" fill="currentColor">${esc(v)}</text>`).join('');
    parts.push(legend);
    const title = `Learning path: ${steps.map(s => s.objective).join(' → ')}`;
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>\n${parts.join('\n')}\n</svg>`;
}

/** The sentence under the heading: where the path goes first and where it ends. */
function summary(path: LearningPathReport): string {
    const last = path.steps[path.steps.length - 1];
    if (!last) return '<p class="muted">A budget stopped the search before its first step.</p>';
    const proxy = path.steps.slice(1).find(s => s.verdict === 'pseudo-aligned');
    const first = path.proxyFirst === true && proxy
        ? `<p class="warn-text">It becomes competent at the pseudo-aligned <code>${esc(proxy.objective)}</code> before any robust objective.</p>`
        : path.proxyFirst === false ? '<p>No pseudo-aligned objective comes before a robust one.</p>' : '';
    const end = path.complete
        ? `<p>It ends at <code>${esc(last.objective)}</code> (<span class="badge verdict-${esc(last.verdict)}">${esc(last.verdict)}</span>): no single change improves its score.</p>`
        : `<p class="muted">A budget stopped the search at <code>${esc(last.objective)}</code>: the path is incomplete.</p>`;
    return first + end;
}

export function learningPathSection(report: Report): string {
    const path = report.learningPath;
    if (!path) return '';
    const { depth, length } = report.selection.penalties;
    const rows = path.steps.map((s, i) => `<tr${i === path.steps.length - 1 ? ' class="winner"' : ''}>
<td class="num">${i}</td><td>${esc(s.move)}</td><th scope="row"><code>${esc(s.objective)}</code></th>
<td class="num">${num(s.trainValue)}</td><td class="num">${s.depth === null ? '<span class="muted">—</span>' : esc(s.depth)}</td><td class="num">${num(s.bits, 2)}</td>
<td class="num"><strong>${num(s.score)}</strong></td><td><span class="badge verdict-${esc(s.verdict)}">${esc(s.verdict)}</span></td>
</tr>`).join('\n');
    return `<section id="learning-path"><h2>Learning path</h2>
<p class="lede">The base optimizer as a local search over objectives: from the empty objective <code>0</code>, each step adds a term <code>+x</code> or <code>-x</code>, removes one, or wraps the objective in <code>final</code>, taking the change of best score. Score = expected training base value when the objective's ties are broken at random − ${num(depth)} × depth − ${num(length)} × bits.</p>
${summary(path)}
<div class="chart-grid"><figure class="chart"><div class="svg">${learningPathChart(path)}</div></figure></div>
<div class="table-wrap"><table class="ranking">
<thead><tr><th scope="col" class="num">Step</th><th scope="col">Move</th><th scope="col">Objective</th><th scope="col" class="num">Training value</th><th scope="col" class="num">Depth</th><th scope="col" class="num">Bits</th><th scope="col" class="num">Score</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}
