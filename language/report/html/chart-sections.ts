/**
 * The chart sections: scatter plots of base against mesa return per sampled episode
 * (one per environment and objective pair, ρ in the title) and the capability sweep
 * (one small chart per optimizer). Charts are Vega-Lite rendered to inline SVG.
 */
import type { Report } from '../../simulation/report.js';
import { candidatesSpec, scatterSpec, sweepSpec } from './charts.js';
import { esc } from './escape.js';
import { plain } from './numbers.js';
import { renderChart } from './vega.js';

export async function samplesSection(report: Report): Promise<string> {
    const figures: string[] = [];
    const notes: string[] = [];
    for (const [i, sample] of report.samples.entries()) {
        if (sample.pairs.length === 0) {
            notes.push(`<li><code>${esc(sample.env)}</code>: no mesa objective can be evaluated here.</li>`);
            continue;
        }
        for (const [j, pair] of sample.pairs.entries()) {
            const svg = await renderChart(scatterSpec(sample.env, pair, sample.policies), `s${i}-${j}`);
            const rho = pair.spearman === null ? 'undefined' : plain(pair.spearman);
            figures.push(`<figure class="chart"><div class="svg">${svg}</div><figcaption><code>${esc(pair.mesa)}</code> against <code>${esc(pair.base)}</code> in <code>${esc(sample.env)}</code>: Spearman ρ = ${esc(rho)} over ${esc(sample.episodes)} episodes.</figcaption></figure>`);
        }
    }
    for (const env of report.environments) {
        if (!report.samples.some(s => s.env === env.label)) {
            notes.push(`<li><code>${esc(env.label)}</code>: not sampled${env.skipped === null ? '' : ` (${esc(env.skipped)})`}.</li>`);
        }
    }
    const body = figures.length > 0 ? `<div class="chart-grid">${figures.join('\n')}</div>` : '<p class="muted">No trajectories were sampled.</p>';
    return `<section id="samples"><h2>Base against mesa return</h2>
<p class="lede">Each point is a sampled episode (point size: how many episodes share it), coloured by the policy that produced it. A high rank correlation in training says the returns cannot tell the objectives apart; the deployment plots show where they come apart.</p>
${body}${notes.length > 0 ? `<ul class="notes">${notes.join('')}</ul>` : ''}
</section>`;
}

export async function sweepSection(report: Report): Promise<string> {
    const figures: string[] = [];
    for (const [i, optimizer] of report.optimizers.entries()) {
        if (!optimizer.sweep.some(c => c.points.some(p => p.lo !== null && p.hi !== null))) continue;
        const svg = await renderChart(sweepSpec(optimizer), `w${i}`);
        figures.push(`<figure class="chart"><div class="svg">${svg}</div></figure>`);
    }
    const body = figures.length > 0 ? `<div class="chart-grid">${figures.join('\n')}</div>` : '<p class="muted">No capability sweep was computed.</p>';
    return `<section id="sweep"><h2>Capability sweep</h2>
<p class="lede">Base value of each optimizer's behaviour as its planning depth goes from 1 to the horizon, in training: the band spans [lo, hi] (solid line hi, dashed lo), the dotted rule marks the base optimum, the faint vertical rule depth(O).</p>
${body}
</section>`;
}

export async function candidatesChart(report: Report): Promise<string> {
    if (!report.candidates.computed || report.candidates.byBits.length === 0) return '';
    return `<figure class="chart"><div class="svg">${await renderChart(candidatesSpec(report.candidates), 'c0')}</div></figure>`;
}
