/**
 * The identifiability table (docs/analyses.md, Identifiability by data source): for each
 * optimizer that fits training, whether its behaviour, its episode returns or its per-step
 * rewards would tell its objective from the base objective in training.
 */
import type { OptimizerReport, Report } from '../../simulation/report.js';
import { distinguishedSentence } from '../../simulation/identifiability.js';
import { esc } from './escape.js';
import type { ReportMode } from './links.js';
import { sourceLink } from './links.js';
import { verdictBadge } from './verdicts.js';

function cell(tells: boolean): string {
    return tells ? '<td class="tells"><strong>yes</strong></td>' : '<td class="muted">no</td>';
}

export function identifiabilitySection(report: Report, mode: ReportMode): string {
    const base = report.objectives.find(o => o.role === 'base')?.name ?? 'the base objective';
    const fitting = report.optimizers.filter((o): o is OptimizerReport & { distinguishedBy: NonNullable<OptimizerReport['distinguishedBy']> } => !!o.distinguishedBy);
    const rows = fitting.map(o => `<tr>
<th scope="row">${sourceLink(o.location, `<strong>${esc(o.name)}</strong>`, mode)}</th>
<td><code>${esc(o.objective)}</code></td>
<td>${verdictBadge(o.verdict)}</td>
${cell(o.distinguishedBy.behaviour)}${cell(o.distinguishedBy.returns)}${cell(o.distinguishedBy.rewards)}
<td class="small">${esc(distinguishedSentence(o.distinguishedBy))}</td>
</tr>`).join('\n');
    const left = report.optimizers.filter(o => !o.distinguishedBy).map(o => `<code>${esc(o.name)}</code> (${o.verdict === 'misaligned'
        ? 'does not fit training: its scores already tell it apart' : 'not analysed: not simulated, or a budget was hit'})`);
    const note = left.length === 0 ? '' : `<p class="muted small">Not listed: ${left.join(', ')}.</p>`;
    const body = fitting.length === 0
        ? '<p class="muted">No optimizer fits training.</p>'
        : `<div class="table-wrap"><table class="identifiability">
<thead><tr><th scope="col">Optimizer</th><th scope="col">Objective</th><th scope="col">Verdict</th><th scope="col">Behaviour</th><th scope="col">Returns</th><th scope="col">Per-step rewards</th><th scope="col">In words</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
    return `<section id="identifiability"><h2>Identifiability by data source</h2>
<p class="lede">Which training data would tell each optimizer's objective from <code>${esc(base)}</code>: its <strong>behaviour</strong> (at a state training can reach, it allows a choice ${esc(base)}'s optimum does not), its episode <strong>returns</strong> or its <strong>per-step rewards</strong> (no positive affine map takes one objective's to the other's over every trajectory, or every transition, the training environments allow). "no" means that data looks the same for both.</p>
${body}
${note}
</section>`;
}
