/**
 * The objectives table (role, body, bits, targets with signs, reward timing, EPIC distance) and the
 * selection step (penalties, winners, the ranking with scores).
 */
import type { ObjectiveReport, Report } from '../../simulation/report.js';
import { esc } from './escape.js';
import { num } from './numbers.js';
import type { ReportMode } from './links.js';
import { sourceLink } from './links.js';
import { epicCell } from './epic-scatter.js';

function timing(o: ObjectiveReport): string {
    const t = o.rewardTiming;
    if (t === null) return '<span class="muted">—</span>';
    if (t.shift !== null) return `base reward is this one shifted by <strong>${esc(t.shift)}</strong> steps`;
    return t.differs ? 'per-step rewards differ on sampled training episodes' : 'same per-step rewards on sampled training episodes';
}

export function objectivesSection(report: Report, mode: ReportMode): string {
    const rows = report.objectives.map(o => `<tr>
<th scope="row">${sourceLink(o.location, `<strong>${esc(o.name)}</strong>`, mode)}</th>
<td><span class="chip role-${o.role === 'base' ? 'base' : 'mesa'}">${esc(o.role)}</span></td>
<td><code>${esc(o.text)}</code>${o.aggregate === 'final' ? ' <span class="muted small">(final step)</span>' : ''}</td>
<td>${o.targets.map(t => `<code>${esc(t.sign)}${esc(t.name)}</code>`).join(' ') || '<span class="muted">none</span>'}</td>
<td class="num">${num(o.bits, 2)}</td>
<td>${o.values.map(v => `<div><span class="env-name">${esc(v.env)}</span> ${num(v.worst)} … ${num(v.optimum)}</div>`).join('')}</td>
<td class="small">${timing(o)}</td>
<td class="small">${epicCell(o)}</td>
</tr>`).join('\n');
    return `<section id="objectives"><h2>Objectives</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Objective</th><th scope="col">Role</th><th scope="col">Body</th><th scope="col">Targets</th><th scope="col" class="num">Bits</th><th scope="col">Own worst … optimum</th><th scope="col">Reward timing</th><th scope="col">EPIC distance</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

export function selectionSection(report: Report): string {
    const s = report.selection;
    const winners = new Set(s.winners);
    const rows = s.ranking.map((r, i) => `<tr${winners.has(r.name) ? ' class="winner"' : ''}>
<td class="num">${i + 1}</td><th scope="row">${esc(r.name)}${winners.has(r.name) ? ' <span class="chip selected">selected</span>' : ''}</th>
<td class="num">${num(r.trainValue)}</td><td class="num">${esc(r.depth)}</td><td class="num">${num(r.bits, 2)}</td><td class="num"><strong>${num(r.score)}</strong></td>
</tr>`).join('\n');
    return `<section id="selection"><h2>Selection</h2>
<p class="lede">Score = training base value − ${num(s.penalties.depth)} × depth − ${num(s.penalties.length)} × bits. Selection sees outputs only: the best score wins, whatever its objective.</p>
<div class="table-wrap"><table class="ranking">
<thead><tr><th scope="col" class="num">#</th><th scope="col">Optimizer</th><th scope="col" class="num">Training value</th><th scope="col" class="num">Depth</th><th scope="col" class="num">Bits</th><th scope="col" class="num">Score</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}
