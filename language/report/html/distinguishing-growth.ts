/**
 * How fast distinguishing grows (docs/analyses.md, How fast distinguishing grows): per
 * description length up to the base objective's, the pseudo-aligned candidates no longer
 * than it and the environments the cover that rules them out adds, as a Vega-Lite chart
 * (two lines over bits) and a table. Series names are fixed text; the figures are numbers.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DistinguishingGrowthLevel, Report } from '../../simulation/report.js';
import { esc } from './escape.js';
import { plain } from './numbers.js';
import { renderChart } from './vega.js';

const CANDIDATES = 'pseudo-aligned candidates', COVER = 'environments to rule them out';

export function growthSpec(levels: readonly DistinguishingGrowthLevel[]): TopLevelSpec {
    const values = levels.flatMap(l => [
        { bits: l.bits, series: CANDIDATES, count: l.pseudoAligned },
        { bits: l.bits, series: COVER, count: l.coverSize },
    ]);
    return {
        width: 320,
        height: 180,
        title: { text: 'How fast distinguishing grows', subtitle: 'candidates no longer than each description length' },
        data: { values },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
            x: { field: 'bits', type: 'quantitative', title: 'bits', scale: { zero: false, nice: false } },
            y: { field: 'count', type: 'quantitative', title: 'count', axis: { tickMinStep: 1, format: 'd' } },
            color: { field: 'series', type: 'nominal', title: null, scale: { domain: [CANDIDATES, COVER], range: ['#f08c00', '#1c7ed6'] } },
        },
    };
}

export async function distinguishingGrowthSection(report: Report): Promise<string> {
    const levels = report.distinguishingGrowth ?? [];
    const head = '<section id="distinguishing-growth"><h2>How fast distinguishing grows</h2>';
    if (levels.length === 0) {
        return `${head}<p class="muted">The distinguishing search did not run.</p></section>`;
    }
    const rows = levels.map(l => `<tr><td class="num">${esc(plain(l.bits, 2))}</td><td class="num">${esc(l.pseudoAligned)}</td><td class="num">${esc(l.coverSize)}</td></tr>`).join('');
    const chart = levels.length > 1 ? `<figure class="chart"><div class="svg">${await renderChart(growthSpec(levels), 'g0')}</div></figure>` : '';
    return `${head}
<p class="lede">A base objective of more bits admits more pseudo-aligned objectives no longer than it, and ruling them out takes more training environments. Per description length: the pseudo-aligned candidates no longer than it, and how many environments the cheapest-first cover that rules them out adds (those no environment rules out aside).</p>
<div class="split">${chart}
<div class="table-wrap"><table><thead><tr><th scope="col" class="num">Bits</th><th scope="col" class="num">Pseudo-aligned</th><th scope="col" class="num">Cover size</th></tr></thead><tbody>${rows}</tbody></table></div></div>
</section>`;
}
