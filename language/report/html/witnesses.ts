/**
 * The witnesses: for each non-robust optimizer, the state where its allowed actions
 * differ from the base objective's optimal ones (environment, step, the remembered
 * values, a path that reaches it and, where the spec draws, with what probability,
 * both action sets side by side), and for a
 * suboptimality-aligned optimizer, the limits that keep it aligned.
 */
import type { OptimizerReport, Report, SuboptimalityLimits, Witness } from '../../simulation/report.js';
import { esc } from './escape.js';
import { actionPath, interval, num, slug } from './numbers.js';
import type { ReportMode } from './links.js';
import { sourceLink } from './links.js';
import { verdictBadge } from './verdicts.js';

function actionSet(title: string, actions: readonly string[], other: readonly string[], cls: string): string {
    const items = actions.map(a => `<li${other.includes(a) ? '' : ' class="only"'}><code>${esc(a)}</code></li>`).join('');
    return `<div class="actions ${cls}"><h5>${title}</h5><ul>${items || '<li class="muted">none</li>'}</ul></div>`;
}

/**
 * The remembered values as a matrix: one row per name, one column per delay k
 * (`name@k` is the value k steps before the witness step), so a long history stays compact.
 */
function valuesTable(values: Record<string, number>): string {
    const cells = Object.entries(values).map(([key, value]) => {
        const m = /^(.*)@(\d+)$/.exec(key);
        return m ? { name: m[1]!, k: Number(m[2]), value } : { name: key, k: 0, value };
    });
    if (cells.length === 0) return '<p class="muted">No remembered values: the state is fixed by the step alone.</p>';
    const names = [...new Set(cells.map(c => c.name))];
    const ks = [...new Set(cells.map(c => c.k))].sort((a, b) => a - b);
    const head = ks.map(k => `<th scope="col" class="num">${k === 0 ? 'now' : `@${k}`}</th>`).join('');
    const rows = names.map(name => `<tr><th scope="row"><code>${esc(name)}</code></th>${ks.map(k => {
        const cell = cells.find(c => c.name === name && c.k === k);
        return `<td class="num">${cell ? num(cell.value) : ''}</td>`;
    }).join('')}</tr>`).join('');
    return `<div class="table-wrap values-wrap"><table class="values"><thead><tr><th scope="col">value, k steps ago</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function witnessBody(report: Report, o: OptimizerReport, w: Witness, mode: ReportMode): string {
    const env = report.environments.find(e => e.label === w.env);
    const envLink = env ? sourceLink(env.location, `<code>${esc(w.env)}</code>`, mode) : `<code>${esc(w.env)}</code>`;
    const base = report.objectives.find(x => x.role === 'base')?.name ?? 'base';
    const table = valuesTable(w.values);
    const whose = w.of === 'unlimited' ? `${esc(o.objective)} with the true model and full depth` : esc(o.name);
    // With chance, the path below reaches the state only with some probability (docs/report-json.md, witness).
    const chance = w.probability < 1 ? ` with probability <strong>${num(w.probability, 4)}</strong>` : '';
    return `<p>In ${envLink} at step <strong>${esc(w.step)}</strong>${w.onPolicy ? ', a state its own behaviour reaches' : ', a state some policy reaches'}${chance}:</p>
<div class="side-by-side">${actionSet(`${whose} allows`, w.optimizerActions, w.baseActions, 'mesa')}${actionSet(`optimal for ${esc(base)}`, w.baseActions, w.optimizerActions, 'base')}</div>
${table}
<p class="path"><span class="muted">Reached by</span> ${actionPath(w.path)}</p>`;
}

function limitsBody(l: SuboptimalityLimits): string {
    return `<div class="limits"><h5>What keeps it aligned: its ${esc(l.cause)}</h5>
<p>${l.fromDepth === null ? '' : `From depth <strong>${esc(l.fromDepth)}</strong> some behaviour stops being base-optimal in training. `}With the true model and full depth: ${l.unlimited.map(u => `<code>${esc(u.env)}</code> ${interval(u)}`).join('; ')}${l.regret === null ? '' : `, regret ${num(l.regret)}`}.</p></div>`;
}

export function witnessesSection(report: Report, mode: ReportMode): string {
    const cards = report.optimizers
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => o.witness !== null || o.limits !== null)
        .map(({ o, i }) => `<article class="witness" id="${esc(slug('witness', i, o.name))}">
<h3>${sourceLink(o.location, esc(o.name), mode)} ${verdictBadge(o.verdict)}${o.kind === null ? '' : ` <span class="kind">${esc(o.kind)}</span>`}</h3>
${o.witness === null ? '' : witnessBody(report, o, o.witness, mode)}
${o.limits === null ? '' : limitsBody(o.limits)}
</article>`);
    const none = '<p class="muted">No witnesses: every optimizer that fits training is robust.</p>';
    return `<section id="witnesses"><h2>Witnesses</h2>
<p class="lede">A reachable state where the optimizer's allowed actions differ from the base objective's optimal actions. Actions only one side allows are highlighted.</p>
${cards.length > 0 ? cards.join('\n') : none}
</section>`;
}
