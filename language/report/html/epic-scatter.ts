/**
 * EPIC distance against deployment regret (docs/analyses.md, EPIC distance): per mesa
 * objective, its EPIC distance to the base objective in each training environment and the
 * largest normalized regret of its ideal optimizer over the deployment environments, as a
 * table and a scatter plot (does reward distance predict the harm?). Names from the report
 * appear only as data values and are escaped everywhere else.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ObjectiveReport, Report } from '../../simulation/report.js';
import { esc } from './escape.js';
import { num, plain } from './numbers.js';
import { renderChart } from './vega.js';

/** An objective's EPIC distances, one line per training environment, for the objectives table. */
export function epicCell(o: ObjectiveReport): string {
    const entries = o.epic ?? [];
    if (o.role === 'base' || entries.length === 0) return '<span class="muted">—</span>';
    return entries.map(e => `<div><span class="env-name">${esc(e.env)}</span> ${e.distance === null ? '<span class="muted" title="a side does not vary, or a budget was hit">none</span>' : num(e.distance)}</div>`).join('');
}

/** The largest normalized regret of a mesa objective's ideal optimizer over the deployment environments; null when none is known. */
export function deploymentRegret(report: Report, objective: string): number | null {
    const o = report.optimizers.find(x => x.implicit && x.objective === objective);
    const regrets = (o?.deploy ?? []).map(d => d.normalizedRegret).filter((r): r is number => r !== null);
    return regrets.length === 0 ? null : Math.max(...regrets);
}

interface Point { objective: string; env: string; distance: number; regret: number }

export function epicPoints(report: Report): Point[] {
    return report.objectives.filter(o => o.role === 'mesa').flatMap(o => {
        const regret = deploymentRegret(report, o.name);
        if (regret === null) return [];
        return (o.epic ?? []).filter(e => e.distance !== null).map(e => ({ objective: o.name, env: e.env, distance: e.distance!, regret }));
    });
}

export function epicScatterSpec(points: readonly Point[]): TopLevelSpec {
    const envs = [...new Set(points.map(p => p.env))];
    const x = { field: 'distance', type: 'quantitative' as const, title: 'EPIC distance in training', scale: { domain: [0, 1] } };
    const y = { field: 'regret', type: 'quantitative' as const, title: 'normalized regret in deployment', scale: { domain: [0, 1] } };
    return {
        width: 300,
        height: 220,
        title: { text: 'EPIC distance against deployment regret', subtitle: `${points.length} point${points.length === 1 ? '' : 's'} · one per mesa objective and training environment` },
        data: { values: points.map(p => ({ ...p })) },
        layer: [
            {
                mark: { type: 'circle', size: 90, opacity: 0.8, stroke: 'currentColor', strokeOpacity: 0.3 },
                encoding: {
                    x, y,
                    color: { field: 'env', type: 'nominal', title: 'training environment', legend: envs.length > 1 ? {} : null },
                },
            },
            {
                mark: { type: 'text', align: 'left', dx: 7, dy: -6, fontSize: 11, color: 'currentColor' },
                encoding: { x, y, text: { field: 'objective', type: 'nominal' } },
            },
        ],
    };
}

export async function epicSection(report: Report): Promise<string> {
    const mesa = report.objectives.filter(o => o.role === 'mesa');
    const rows = mesa.map(o => {
        const regret = deploymentRegret(report, o.name);
        return `<tr><th scope="row"><code>${esc(o.name)}</code></th><td>${epicCell(o)}</td><td class="num">${regret === null ? '<span class="muted">—</span>' : num(regret)}</td></tr>`;
    }).join('\n');
    const points = epicPoints(report);
    const chart = points.length === 0 ? ''
        : `<figure class="chart"><div class="svg">${await renderChart(epicScatterSpec(points), 'e0')}</div><figcaption>${points.map(p => `<code>${esc(p.objective)}</code> ${esc(plain(p.distance))} → ${esc(plain(p.regret))}`).join(', ')}</figcaption></figure>`;
    const body = mesa.length === 0 ? '<p class="muted">The spec has no mesa objective.</p>'
        : `<div class="split">${chart}
<div class="table-wrap"><table class="epic"><thead><tr><th scope="col">Mesa objective</th><th scope="col">EPIC distance</th><th scope="col" class="num">Deployment regret</th></tr></thead><tbody>
${rows}
</tbody></table></div></div>`;
    return `<section id="epic"><h2>EPIC distance</h2>
<p class="lede">How far each mesa objective's rewards are from the base objective's in training, by the EPIC pseudometric: 0 for the same rewards up to scale and shift, 1 for opposite ones, none when one side's canonical rewards do not vary. Against it, the largest normalized regret of the objective's ideal optimizer in deployment: whether a small reward distance in training means little harm once deployed.</p>
${body}
</section>`;
}
