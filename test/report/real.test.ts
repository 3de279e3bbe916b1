/**
 * The HTML report of the real pipeline: every example spec compiled and simulated by
 * the core, then rendered. Button-lamp's figures (docs/analyses.md, Expected verdicts of the examples) show in the verdict
 * table; every example renders one graph per environment and no layout error.
 * Set MESA_REPORT_DIR=/tmp to also write `<example>.html` there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../language/report/html/index.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, EXAMPLES, exampleText } from '../helpers/services.js';

const rendered = new Map<string, Promise<{ html: string; report: ReturnType<typeof simulate> }>>();

/** Simulates and renders an example once per test file. */
function render(name: string): Promise<{ html: string; report: ReturnType<typeof simulate> }> {
    if (!rendered.has(name)) rendered.set(name, renderNow(name));
    return rendered.get(name)!;
}

async function renderNow(name: string): Promise<{ html: string; report: ReturnType<typeof simulate> }> {
    const report = simulate(await compiled(exampleText(name)), { seed: 1 });
    const html = await renderReportHtml(report, { mode: 'file' });
    if (process.env['MESA_REPORT_DIR']) writeFileSync(join(process.env['MESA_REPORT_DIR'], `${name}.html`), html);
    return { html, report };
}

function verdictRow(html: string, name: string): string {
    const start = html.indexOf('<table class="verdicts">');
    const table = html.slice(start, html.indexOf('</table>', start));
    const row = table.split('<tr').find(r => r.includes(`<strong>${name}</strong>`));
    expect(row, `row of ${name}`).toBeDefined();
    return row!.replace(/<[^>]+>/g, '');
}

describe('real reports', () => {
    test('button-lamp: its expected figures', async () => {
        const { html } = await render('button-lamp');
        const pressing = verdictRow(html, 'Pressing');
        expect(pressing).toContain('pseudo-aligned');
        expect(pressing).toContain('side-effect');
        expect(pressing).toMatch(/Lab\s*\[30, 30\] of 30/);
        expect(pressing).toMatch(/LabWithSwitch\s*\[30, 30\] of 40 regret 0\.25/);
        const lighting = verdictRow(html, 'Lighting');
        expect(lighting).toContain('robust');
        expect(lighting).toMatch(/LabWithSwitch\s*\[40, 40\] of 40/);
        expect(html).toMatch(/Spearman ρ = -?[0-9.]+/);
        expect(html).toContain('Capability sweep');
    });

    test('button-lamp: the same spec and seed give byte-identical HTML', async () => {
        const { html, report } = await render('button-lamp');
        expect(await renderReportHtml(structuredClone(report), { mode: 'file' })).toBe(html);
    });

    for (const name of EXAMPLES) {
        test(`${name} renders`, async () => {
            const { html, report } = await render(name);
            expect(html.match(/<figure class="graph"><svg /g)).toHaveLength(report.environments.length);
            expect(html).not.toContain('could not be laid out');
            expect(html).not.toMatch(/\b(src|href)="https?:/);
            for (const o of report.optimizers) expect(html).toContain(`<strong>${o.name}</strong>`);
        });
    }
});
