/**
 * EPIC distance against deployment regret (docs/analyses.md, EPIC distance): per mesa
 * objective, its EPIC distance to the base objective in each training environment and the
 * largest normalized regret of its ideal optimizer over the deployment environments, as a
 * table and a scatter plot (does reward distance predict the harm?); the enumerated
 * candidates that fit training likewise (`candidates.fitting`), as triangles beside the
 * mesa objectives' circles, at most MAX_CANDIDATE_POINTS of them, with a table of their
 * own. Each point's hover title names it. Names from the report appear only as data values
 * and are escaped everywhere else.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ObjectiveReport, Report } from '../../simulation/report.js';
import { esc } from './escape.js';
import { num, plain } from './numbers.js';
import { renderChart } from './vega.js';

/** An objective's EPIC distances, one line per training environment, for the objectives table. */
export function epicCell(o: Pick<ObjectiveReport, 'role' | 'epic'>): string {
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

/** One point of the scatter: a mesa objective, or an enumerated candidate, in one training environment. */
export interface Point { objective: string; env: string; distance: number; regret: number; kind: 'mesa objective' | 'candidate' }

/** Candidate points drawn at most (the report lists at most 50 candidates, each with a point per training environment). */
export const MAX_CANDIDATE_POINTS = 100;

export function epicPoints(report: Report): Point[] {
    return report.objectives.filter(o => o.role === 'mesa').flatMap(o => {
        const regret = deploymentRegret(report, o.name);
        if (regret === null) return [];
        return (o.epic ?? []).filter(e => e.distance !== null).map(e => ({ objective: o.name, env: e.env, distance: e.distance!, regret, kind: 'mesa objective' as const }));
    });
}

/** The enumerated candidates' points, in the report's order (pseudo-aligned first), at most MAX_CANDIDATE_POINTS. */
export function epicCandidatePoints(report: Report): Point[] {
    return (report.candidates.fitting ?? []).flatMap(c => c.regret === null ? []
        : c.epic.filter(e => e.distance !== null).map(e => ({ objective: c.text, env: e.env, distance: e.distance!, regret: c.regret!, kind: 'candidate' as const })))
        .slice(0, MAX_CANDIDATE_POINTS);
}

/** How many candidate points there are before the cap. */
function candidatePointCount(report: Report): number {
    return (report.candidates.fitting ?? []).reduce((n, c) => n + (c.regret === null ? 0 : c.epic.filter(e => e.distance !== null).length), 0);
}

const KINDS = ['mesa objective', 'candidate'];

export function epicScatterSpec(points: readonly Point[], candidates: readonly Point[] = [], omitted = 0): TopLevelSpec {
    const envs = [...new Set([...points, ...candidates].map(p => p.env))];
    const x = { field: 'distance', type: 'quantitative' as const, title: 'EPIC distance in training', scale: { domain: [0, 1] } };
    const y = { field: 'regret', type: 'quantitative' as const, title: 'normalized regret in deployment', scale: { domain: [0, 1] } };
    const color = { field: 'env', type: 'nominal' as const, title: 'training environment', legend: envs.length > 1 ? {} : null };
    // Circles for mesa objectives, triangles for candidates: one shape legend when both are drawn.
    const shape = { field: 'kind', type: 'nominal' as const, title: null, scale: { domain: KINDS, range: ['circle', 'triangle-up'] }, legend: candidates.length > 0 ? {} : null };
    // One sentence per point, for screen readers (aria) and as the hover title (withHoverTitles).
    const label = { field: 'label', type: 'nominal' as const };
    const values = (ps: readonly Point[]) => ps.map(p => ({ ...p, label: `${p.objective} (${p.kind}) in ${p.env}: EPIC distance ${plain(p.distance)}, deployment regret ${plain(p.regret)}` }));
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    const subtitle = [`${plural(points.length, 'point')} · one per mesa objective and training environment`];
    if (candidates.length > 0) subtitle.push(`${plural(candidates.length, 'triangle')} · enumerated candidates that fit training${omitted > 0 ? ` (${omitted} more not drawn)` : ''}`);
    return {
        width: 300,
        height: 220,
        title: { text: 'EPIC distance against deployment regret', subtitle },
        layer: [
            {
                data: { values: values(candidates) },
                mark: { type: 'point', filled: true, size: 100, opacity: 0.55, stroke: 'currentColor', strokeOpacity: 0.3, strokeWidth: 0.5 },
                encoding: { x, y, color, shape, tooltip: label, description: label },
            },
            {
                data: { values: values(points) },
                mark: { type: 'point', filled: true, size: 90, opacity: 0.8, stroke: 'currentColor', strokeOpacity: 0.3 },
                encoding: { x, y, color, shape, tooltip: label, description: label },
            },
            {
                data: { values: values(points) },
                mark: { type: 'text', align: 'left', dx: 7, dy: -6, fontSize: 11, color: 'currentColor' },
                encoding: { x, y, text: { field: 'objective', type: 'nominal' } },
            },
        ],
    };
}

/**
 * Each point's aria label (Vega writes the tooltip's fields there) also as its SVG
 * `<title>`, which browsers show on hover: the static chart's tooltip.
 */
export function withHoverTitles(svg: string): string {
    return svg.replace(/<path([^>]*?) aria-label="([^"]*)"([^>]*?)\/>/g, (_, before: string, label: string, after: string) =>
        `<path${before} aria-label="${label}"${after}><title>${label}</title></path>`);
}

/** The first few points as "name distance → regret", and how many more there are. */
function captionOf(points: readonly Point[], max: number): string {
    const shown = points.slice(0, max).map(p => `<code>${esc(p.objective)}</code> ${esc(plain(p.distance))} → ${esc(plain(p.regret))}`).join(', ');
    return points.length > max ? `${shown} and ${points.length - max} more` : shown;
}

/** The candidates that fit training, with their figures; empty when there are none. */
function candidatesTable(report: Report): string {
    const fitting = report.candidates.fitting ?? [];
    if (fitting.length === 0) return '';
    const total = report.candidates.fittingTotal ?? fitting.length;
    const rows = fitting.map(c => `<tr><th scope="row"><code>${esc(c.text)}</code></th><td>${esc(c.verdict)}</td><td>${epicCell({ role: 'mesa', epic: c.epic })}</td><td class="num">${c.regret === null ? '<span class="muted">—</span>' : num(c.regret)}</td></tr>`).join('\n');
    const which = total > fitting.length ? `The first ${fitting.length} of the ${total} enumerated candidates that fit training, the pseudo-aligned ones first` : 'The enumerated candidates that fit training';
    return `<p>${which}, drawn as triangles in the scatter:</p>
<div class="table-wrap"><table class="epic"><thead><tr><th scope="col">Candidate</th><th scope="col">Verdict</th><th scope="col">EPIC distance</th><th scope="col" class="num">Deployment regret</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

export async function epicSection(report: Report): Promise<string> {
    const mesa = report.objectives.filter(o => o.role === 'mesa');
    const rows = mesa.map(o => {
        const regret = deploymentRegret(report, o.name);
        return `<tr><th scope="row"><code>${esc(o.name)}</code></th><td>${epicCell(o)}</td><td class="num">${regret === null ? '<span class="muted">—</span>' : num(regret)}</td></tr>`;
    }).join('\n');
    const points = epicPoints(report), candidates = epicCandidatePoints(report);
    const omitted = candidatePointCount(report) - candidates.length;
    const caption = [
        ...(points.length > 0 ? [captionOf(points, points.length)] : []),
        ...(candidates.length > 0 ? [`candidates (triangles): ${captionOf(candidates, 6)}`] : []),
    ].join('; ');
    const chart = points.length + candidates.length === 0 ? ''
        : `<figure class="chart"><div class="svg">${withHoverTitles(await renderChart(epicScatterSpec(points, candidates, omitted), 'e0'))}</div><figcaption>${caption}</figcaption></figure>`;
    const table = mesa.length === 0 ? '<p class="muted">The spec has no mesa objective.</p>'
        : `<div class="table-wrap"><table class="epic"><thead><tr><th scope="col">Mesa objective</th><th scope="col">EPIC distance</th><th scope="col" class="num">Deployment regret</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
    const body = chart ? `<div class="split">${chart}\n${table}</div>\n${candidatesTable(report)}` : `${table}\n${candidatesTable(report)}`;
    return `<section id="epic"><h2>EPIC distance</h2>
<p class="lede">How far each mesa objective's rewards are from the base objective's in training, by the EPIC pseudometric: 0 for the same rewards up to scale and shift, 1 for opposite ones, none when one side's canonical rewards do not vary. Against it, the largest normalized regret of the objective's ideal optimizer in deployment: whether a small reward distance in training means little harm once deployed. The enumerated candidate objectives that fit training are set beside them the same way.</p>
${body}
</section>`;
}
