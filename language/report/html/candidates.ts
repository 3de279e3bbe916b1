/**
 * Underdetermination and adversarial training: candidate objective counts by
 * description length (chart and table), and the distinguishing environments with
 * their Mesa source and what each rules out.
 */
import type { Report } from '../../simulation/report.js';
import { candidatesChart } from './chart-sections.js';
import { esc } from './escape.js';
import { codeList, num } from './numbers.js';

export async function candidatesSection(report: Report): Promise<string> {
    const c = report.candidates;
    if (!c.computed) {
        return `<section id="candidates"><h2>Candidate objectives</h2><p class="muted">The enumeration of candidate objectives did not run.</p></section>`;
    }
    const rows = c.byBits.map(b => `<tr><td class="num">${num(b.bits, 2)}</td><td class="num">${esc(b.enumerated)}</td><td class="num">${esc(b.pseudoAligned)}</td><td>${codeList(b.examples, '—')}</td></tr>`).join('');
    return `<section id="candidates"><h2>Candidate objectives</h2>
<p class="lede">Objectives of the forms <code>±x</code>, <code>final(±x)</code> and <code>±x ± y</code> no longer than the base objective: <strong>${esc(c.pseudoAligned)}</strong> of ${esc(c.enumerated)} fit training without being robust.</p>
<div class="split">${await candidatesChart(report)}
<div class="table-wrap"><table><thead><tr><th scope="col" class="num">Bits</th><th scope="col" class="num">Enumerated</th><th scope="col" class="num">Not robust</th><th scope="col">Examples</th></tr></thead><tbody>${rows}</tbody></table></div></div>
</section>`;
}

export function distinguishingSection(report: Report): string {
    const d = report.distinguishing;
    if (!d.computed) {
        return `<section id="distinguishing"><h2>Distinguishing environments</h2><p class="muted">No distinguishing environments were computed.</p></section>`;
    }
    // A declared environment or a widened parameter range is written in train; only a synthesised one has source to insert.
    const origin = (e: typeof d.environments[number]): string => e.kind === 'declared' ? 'declared in the spec'
        : e.kind === 'parameters' && e.widen ? `widens <code>${esc(e.widen.train)}</code>: ${esc(e.widen.parameter)} in ${esc(e.widen.low)}..${esc(e.widen.high)}`
            : `extends <code>${esc(e.extends)}</code>`;
    const cards = d.environments.map(e => `<article class="distinguishing">
<h3><code>${esc(e.name)}</code> <span class="muted small">${origin(e)}</span></h3>
<p><span class="muted">${e.kind === 'declared' || e.kind === 'parameters' ? 'Training also in it' : 'Intervention'}:</span> ${esc(e.intervention)}. <span class="muted">Rules out</span> ${codeList(e.rulesOut)}.</p>
${e.source ? `<pre><code>${esc(e.source)}</code></pre>` : ''}
</article>`).join('\n');
    const uncovered = d.uncovered.length === 0
        ? '<p>Together they rule out every enumerated pseudo-aligned candidate.</p>'
        : `<p class="warn-text">No intervention rules out ${codeList(d.uncovered)}.</p>`;
    return `<section id="distinguishing"><h2>Distinguishing environments</h2>
<p class="lede">Training environments that make the enumerated pseudo-aligned candidates misfit while the base optimum stays reachable: add them to <code>train</code>.</p>
${cards || '<p class="muted">None needed.</p>'}
${uncovered}
</section>`;
}
