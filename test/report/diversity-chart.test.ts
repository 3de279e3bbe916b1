/**
 * The diversity sweep section of the HTML report (docs/analyses.md, Weights and the
 * diversity sweep): the SVG drawn by code, with the threshold and the declared share
 * marked where the hand-computed figures put them, the points as a table, and its
 * place on the page (only when the report has a sweep).
 */
import { describe, expect, test } from 'vitest';
import { diversityChart, diversitySection } from '../../language/report/html/diversity-chart.js';
import { renderReportHtml } from '../../language/report/html/index.js';
import type { EnvironmentReport, Report } from '../../language/simulation/report.js';
import { optimizer } from '../simulation/diversity-fixtures.js';
import { buttonLampReport } from './fixtures.js';

// A 0.98, B 0.02, depth penalty 0.25: Proxy 9.75 − 10s, Robust 8.75 + 22s, s* = 1/32.
const proxy = optimizer('Proxy', 'misaligned', [['A', 10, 10], ['B', 0, 32]], 1);
const robust = optimizer('Robust', 'robust', [['A', 10, 10], ['B', 32, 32]], 5);
const env = (label: string, trainWeight: number) => ({ label, trainWeight }) as EnvironmentReport;
const report = {
    ...buttonLampReport(),
    environments: [env('A', 0.98), env('B', 0.02)],
    optimizers: [proxy, robust],
    selection: { penalties: { depth: 0.25, length: 0 }, winners: ['Proxy'], ranking: [] },
    diversity: {
        environments: ['B'], threshold: 1 / 32,
        points: [{ share: 0, winners: ['Proxy'] }, { share: 1 / 32, winners: ['Proxy', 'Robust'] }, { share: 1, winners: ['Robust'] }],
    },
} satisfies Report;

// The plot spans x = 56 .. 428 for shares 0 .. 1.
const x = (s: number) => (56 + s * 372).toFixed(2);

describe('diversity chart', () => {
    const svg = diversityChart(report);

    test('wide enough for its legend; the exact threshold without rounding noise', () => {
        // "Robust (robust)": 15 characters at about 6.5 px each after the legend's swatch at 428 + 35.
        const long = { ...report, optimizers: [proxy, { ...robust, name: 'ARobustOptimizerWithALongName' }] };
        const wide = diversityChart({ ...long, diversity: { ...report.diversity, points: report.diversity.points.map(p => ({ ...p, winners: p.winners.map(w => (w === 'Robust' ? 'ARobustOptimizerWithALongName' : w)) })) } });
        const width = Number(/viewBox="0 0 (\d+) /.exec(wide)![1]);
        expect(width).toBeGreaterThanOrEqual(428 + 35 + (29 + 9) * 6.5);
        const section = diversitySection({ ...report, diversity: { ...report.diversity, threshold: 0.03 * 9 / 5 } });
        expect(section).toContain('(exactly 0.054)');
    });

    test('an SVG with a line per contender, the threshold at 3.1% and the declared share at 2%', () => {
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg).toContain('>s* = 3.1%</text>');
        expect(svg).toContain(`x1="${x(1 / 32)}"`);
        expect(svg).toContain('>declared 2%</text>');
        expect(svg).toContain(`x1="${x(0.02)}"`);
        expect(svg).toContain('>Proxy</text>');
        expect(svg).toContain('>Robust (robust)</text>');
        expect(svg).toContain('<title>threshold share 0.03125</title>');
    });

    test('each winner drawn thick over the shares where it wins: Proxy from 0 to 1/32, Robust from 1/32 to 1', () => {
        const thick = [...svg.matchAll(/<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+" stroke="#[0-9a-f]+" stroke-width="3.5"\/>/g)]
            .map(m => [m[1], m[2]]).filter(([a]) => Number(a) < 428);
        expect(thick).toEqual([[x(0), x(1 / 32)], [x(1 / 32), x(1)]]);
    });

    test('the section: the threshold in words and exactly, the points as a table', () => {
        const html = diversitySection(report);
        expect(html).toContain('<section id="diversity">');
        expect(html).toContain('first wins selection at a share of <strong>3.1%</strong> (exactly 0.03125)');
        expect(html).toContain('<td class="num">3.1%</td><td><code>Proxy</code>, <code>Robust</code></td>');
        expect(diversitySection({ ...report, diversity: null })).toBe('');
    });

    test('on the page, with a contents entry, only when the report has a sweep', async () => {
        const page = await renderReportHtml({ ...buttonLampReport(), diversity: report.diversity }, { mode: 'file' });
        expect(page).toContain('<section id="diversity">');
        expect(page).toContain('<a href="#diversity">Diversity sweep</a>');
        const without = await renderReportHtml({ ...buttonLampReport(), diversity: null }, { mode: 'file' });
        expect(without).not.toContain('id="diversity"');
    });
});
