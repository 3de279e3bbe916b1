/**
 * The report's header (spec, seed, summary, the incomplete-analysis banner) and the
 * verdict table: each optimizer, implicit or declared, with its verdict badge, kind,
 * training and deployment intervals, depth and bits, its name linked to the source.
 */
import type { OptimizerReport, Report, TrainInterval, Verdict } from '../../simulation/report.js';
import { esc, fileName } from './escape.js';
import { deployInterval, falls, interval, num } from './numbers.js';
import type { ReportMode } from './links.js';
import { sourceLink } from './links.js';

const VERDICTS: readonly Verdict[] = ['robust', 'pseudo-aligned', 'misaligned', 'unknown'];

/** A colour-coded verdict badge; the class comes from a fixed list, never from the data. */
export function verdictBadge(verdict: Verdict): string {
    const known = VERDICTS.includes(verdict) ? verdict : 'unknown';
    return `<span class="badge verdict-${known}">${esc(known)}</span>`;
}

export function headerSection(report: Report, title: string): string {
    const counts = VERDICTS
        .map(v => ({ v, n: report.optimizers.filter(o => o.verdict === v).length }))
        .filter(c => c.n > 0 || c.v !== 'unknown')
        .map(c => `<div class="stat verdict-${c.v}"><span class="n">${c.n}</span><span class="label">${esc(c.v)}</span></div>`)
        .join('');
    const banner = report.incomplete.length === 0 ? '' : `<div class="banner incomplete" role="alert">
<strong>Incomplete analysis.</strong> A budget was hit; figures marked — are missing and verdicts may be unknown.
<ul>${report.incomplete.map(i => `<li>${esc(i.message)}${i.env === null ? '' : ` <span class="muted">(environment <code>${esc(i.env)}</code>${i.optimizer === null ? '' : `, optimizer <code>${esc(i.optimizer)}</code>`})</span>`}</li>`).join('')}</ul>
</div>`;
    const envs = report.environments.length;
    return `<header class="top">
<p class="eyebrow">Mesa inner-alignment report</p>
<h1>${esc(title)}</h1>
<p class="meta"><span>spec <code>${esc(fileName(report.spec))}</code></span><span>seed <code>${esc(report.seed)}</code></span><span>${envs} environment${envs === 1 ? '' : 's'}</span><span>${report.objectives.length} objectives</span></p>
${banner}
<div class="stats">${counts}</div>
</header>`;
}

function kindCell(o: OptimizerReport): string {
    if (o.kind === null) return '';
    let text = `<span class="kind">${esc(o.kind)}</span>`;
    if (o.via !== null) text += ` <span class="muted">via</span> <code>${esc(o.via)}</code>`;
    if (o.signUnknown) text += ' <span class="muted">(sign unknown)</span>';
    return text;
}

/** One line per environment; a line whose lo falls below the optimum is marked. */
function intervals<T extends TrainInterval>(list: readonly T[], cell: (i: T) => string): string {
    if (list.length === 0) return '<span class="muted">—</span>';
    return `<ul class="intervals">${list.map(i => `<li${falls(i) ? ' class="falls"' : ''}><span class="env-name">${esc(i.env)}</span> ${cell(i)}</li>`).join('')}</ul>`;
}

export function verdictSection(report: Report, mode: ReportMode): string {
    const winners = new Set(report.selection.winners);
    const rows = report.optimizers.map(o => {
        const tags = [
            o.implicit ? '<span class="chip">implicit</span>' : '<span class="chip declared">declared</span>',
            winners.has(o.name) ? '<span class="chip selected" title="selected by the base objective">selected</span>' : '',
            o.incomplete ? '<span class="chip warn" title="a budget was hit">incomplete</span>' : '',
        ].filter(Boolean).join(' ');
        const planning = [
            o.model === null ? '' : `model <code>${esc(o.model)}</code>`,
            o.declaredDepth === null ? '' : `depth ${esc(o.declaredDepth)}`,
        ].filter(Boolean).join(', ');
        return `<tr class="row-${VERDICTS.includes(o.verdict) ? o.verdict : 'unknown'}">
<th scope="row">${sourceLink(o.location, `<strong>${esc(o.name)}</strong>`, mode)}<div class="tags">${tags}</div>${planning ? `<div class="muted small">${planning}</div>` : ''}</th>
<td><code>${esc(o.objective)}</code></td>
<td>${verdictBadge(o.verdict)}<div class="small">${kindCell(o)}</div></td>
<td>${intervals(o.train, interval)}</td>
<td>${intervals(o.deploy, deployInterval)}${o.deployAverage ? `<div><span class="env-name">weighted average</span> ${deployInterval({ env: '', ...o.deployAverage })}</div>` : ''}</td>
<td class="num">${esc(o.depth)}</td>
<td class="num">${num(o.bits, 2)}</td>
</tr>`;
    }).join('\n');
    return `<section id="verdicts"><h2>Verdicts</h2>
<p class="lede">Each optimizer's base-objective interval <code>[lo, hi] of optimum</code>: the worst and best base return over its optimal behaviours, against the best any policy achieves. It fits training when hi reaches the optimum in every training environment.</p>
<div class="table-wrap"><table class="verdicts">
<thead><tr><th scope="col">Optimizer</th><th scope="col">Objective</th><th scope="col">Verdict</th><th scope="col">Training</th><th scope="col">Deployment</th><th scope="col" class="num">Depth</th><th scope="col" class="num">Bits</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}
