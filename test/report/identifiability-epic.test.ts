/**
 * The report's identifiability table and EPIC section (docs/analyses.md) on button-lamp
 * simulated from examples/button-lamp.mesa: Pressing told apart by returns and per-step
 * rewards only, at EPIC distance 1/√2 ≈ 0.707 with deployment regret 0.25; Lighting by
 * nothing, at distance 0 with regret 0.
 */
import { describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../language/report/html/index.js';
import { epicPoints } from '../../language/report/html/epic-scatter.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText } from '../helpers/services.js';

const report = simulate(await compiled(exampleText('button-lamp')), { samples: 10 });
const html = await renderReportHtml(report, { mode: 'file' });

/** The text of a section, tags stripped, whitespace collapsed. */
function section(id: string): string {
    const start = html.indexOf(`<section id="${id}">`);
    expect(start).toBeGreaterThan(0);
    return html.slice(start, html.indexOf('</section>', start)).replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('identifiability table', () => {
    test('one row per fitting optimizer: behaviour, returns, per-step rewards', () => {
        const text = section('identifiability');
        expect(text).toContain('Pressing Pressing pseudo-aligned no yes yes Behaviour cannot tell them apart; returns and per-step rewards can.');
        expect(text).toContain('Lighting Lighting robust no no no Neither behaviour, returns nor per-step rewards can tell them apart in training.');
    });

    test('listed in the table of contents', () => {
        expect(html).toContain('href="#identifiability"');
        expect(html).toContain('href="#epic"');
    });
});

describe('EPIC section', () => {
    test('table: distance per training environment and the largest deployment regret', () => {
        const text = section('epic');
        expect(text).toContain('Pressing Lab 0.707 0.25');
        expect(text).toContain('Lighting Lab 0 0');
    });

    test('the objectives table has the distance too, and none for the base objective', () => {
        const text = section('objectives');
        expect(text).toContain('EPIC distance');
        expect(text).toMatch(/Pressing .* Lab 0\.707/);
        expect(text).toMatch(/Light base .* —/);
    });

    test('the scatter has one point per mesa objective and training environment, drawn as SVG', () => {
        expect(epicPoints(report).map(p => [p.objective, p.env, Number(p.distance.toFixed(6)), p.regret]))
            .toEqual([['Pressing', 'Lab', 0.707107, 0.25], ['Lighting', 'Lab', 0, 0]]);
        const start = html.indexOf('<section id="epic">');
        expect(html.slice(start, html.indexOf('</section>', start))).toContain('<svg');
        expect(section('epic')).toContain('Pressing 0.707 → 0.25, Lighting 0 → 0');
    });

    test('a report without the fields (an older one) renders without them', async () => {
        const older = structuredClone(report);
        for (const o of older.optimizers) delete o.distinguishedBy;
        for (const o of older.objectives) delete o.epic;
        const page = await renderReportHtml(older, { mode: 'file' });
        expect(page).toContain('No optimizer fits training');
        const start = page.indexOf('<section id="epic">');
        const epic = page.slice(start, page.indexOf('</section>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        expect(epic).toContain('Pressing — 0.25');
        expect(epic).not.toContain('→');
    });
});
