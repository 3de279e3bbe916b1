/**
 * The causal-graph section: each environment's graph laid out by Graphviz
 * (`@viz-js/viz`, WebAssembly, no network) and inlined as SVG, its nodes linked to
 * their declarations, with the environment's facts (whether its figures are expected
 * values, its weight when training or deployment is weighted), what deployment
 * changes, the map of a grid it shows (grid-map.ts), and a legend in the visual
 * language the graph view shares (causal-dot.ts).
 */
import type { instance } from '@viz-js/viz';
import type { EnvironmentReport, Report } from '../../simulation/report.js';
import type { GraphDrawing } from '../causal-dot.js';
import { drawingDot, linkDeclarations } from '../causal-dot.js';
import { reportDrawing } from './graph-dot.js';
import { esc } from './escape.js';
import { gridMapFigure } from './grid-map.js';
import { codeList, num, plain, slug } from './numbers.js';
import type { ReportMode } from './links.js';
import { sourceLink } from './links.js';

type Viz = Awaited<ReturnType<typeof instance>>;
let vizInstance: Promise<Viz> | undefined;

function viz(): Promise<Viz> {
    vizInstance ??= import('@viz-js/viz').then(m => m.instance());
    return vizInstance;
}

/**
 * Lays a drawing out as SVG, ready to inline into HTML: nodes linked to their
 * declarations, no XML prologue or comments, ids made unique.
 */
export async function drawingToInlineSvg(drawing: GraphDrawing, mode: ReportMode, idPrefix: string): Promise<string> {
    const result = (await viz()).render(drawingDot(drawing), { format: 'svg' });
    if (result.status !== 'success' || result.output === undefined) {
        const why = result.errors.map(e => e.message).join('; ');
        return `<p class="error">The graph could not be laid out: ${esc(why)}</p>`;
    }
    return inlineSvg(linkDeclarations(result.output, drawing, mode), idPrefix);
}

/**
 * Strips what may not stand inside HTML (prologue, doctype, comments) and renames every
 * id to `<prefix>-<n>` in order of appearance: several SVGs share one document, and
 * Vega numbers its clip paths with a process-wide counter, which would break determinism.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
    const start = svg.indexOf('<svg');
    let body = (start >= 0 ? svg.slice(start) : svg).replace(/<!--[\s\S]*?-->\n?/g, '').trim();
    const ids = new Map<string, string>();
    for (const m of body.matchAll(/ id="([^"]*)"/g)) {
        if (!ids.has(m[1]!)) ids.set(m[1]!, `${idPrefix}-${ids.size + 1}`);
    }
    body = body
        .replace(/ id="([^"]*)"/g, (_, id: string) => ` id="${ids.get(id)!}"`)
        .replace(/url\(#([^)]*)\)/g, (whole, id: string) => ids.has(id) ? `url(#${ids.get(id)!})` : whole)
        .replace(/href="#([^"]*)"/g, (whole, id: string) => ids.has(id) ? `href="#${ids.get(id)!}"` : whole);
    return body.replace(/^<svg\b/, '<svg role="img" focusable="false"');
}

/** An environment that draws: its figures are expected values (docs/simulation.md, Chance). */
function chanceFact(env: EnvironmentReport): string[] {
    return env.chance ? ['<div><dt>chance</dt><dd>draws: figures are expected values</dd></div>'] : [];
}

/**
 * Its training and deployment weights, shown when the weights of that role are not all
 * equal (with equal weights, every environment simply counts the same).
 */
export function weightFacts(env: EnvironmentReport, report: Report): string[] {
    const roles = [['training weight', (e: EnvironmentReport) => e.trainWeight], ['deployment weight', (e: EnvironmentReport) => e.deployWeight]] as const;
    const facts: string[] = [];
    for (const [role, weightOf] of roles) {
        const weight = weightOf(env);
        const all = report.environments.map(weightOf).filter((w): w is number => w !== null);
        const equal = all.every(w => Math.abs(w - 1 / all.length) < 1e-12);
        if (weight !== null && !equal) facts.push(`<div><dt>${role}</dt><dd>${esc(plain(weight, 4))}</dd></div>`);
    }
    return facts;
}

export async function graphsSection(report: Report, mode: ReportMode): Promise<string> {
    const parts: string[] = [];
    for (const [i, env] of report.environments.entries()) {
        const svg = await drawingToInlineSvg(reportDrawing(env, report.objectives), mode, `g${i}`);
        const roles = env.roles.map(r => `<span class="chip role-${esc(r)}">${esc(r)}</span>`).join(' ');
        const changes = env.changes;
        const hasChanges = changes.addedActions.length + changes.addedNodes.length + changes.changedNodes.length > 0;
        const changeList = hasChanges
            ? `<p class="changes"><span class="swatch changed"></span>Compared with training: adds actions ${codeList(changes.addedActions)}; adds nodes ${codeList(changes.addedNodes)}; changes ${codeList(changes.changedNodes)}.</p>`
            : '';
        const skipped = env.skipped === null ? '' : `<p class="note">Not simulated: ${esc(env.skipped)}</p>`;
        parts.push(`<article class="env" id="${esc(slug('env', i, env.label))}">
<h3>${sourceLink(env.location, esc(env.label), mode)} ${roles}</h3>
<dl class="facts">
<div><dt>horizon</dt><dd>${esc(env.horizon)}</dd></div>
<div><dt>discount</dt><dd>${num(env.discount)}</dd></div>
<div><dt>actions</dt><dd>${codeList(env.actions)}</dd></div>
<div><dt>reachable states</dt><dd>${env.states === null ? '<span class="muted">—</span>' : esc(env.states.toLocaleString('en-US'))}</dd></div>
${[...chanceFact(env), ...weightFacts(env, report)].join('\n')}</dl>
${skipped}${changeList}${gridMapFigure(env, report)}
<figure class="graph">${svg}</figure>
</article>`);
    }
    const legend = `<p class="legend">
<span><span class="swatch base"></span>base objective and its targets</span>
<span><span class="swatch mesa"></span>mesa objective and its targets (dashed)</span>
<span><span class="swatch changed"></span>added or changed for deployment</span>
<span>edge labels: sign, and <code>@k</code> for a delay of k steps</span>
<span>each node links to its declaration</span>
</p>`;
    return `<section id="graphs"><h2>Causal graphs</h2>${legend}${parts.join('\n')}</section>`;
}
