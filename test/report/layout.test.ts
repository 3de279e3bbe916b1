/**
 * The report's tables fit a 1,000-pixel-wide panel without hiding columns
 * (docs/editor.md, The report view): each example's report, laid out by headless
 * Chromium at 1,000 × 800, has no table wider than its box, every header cell inside
 * the window, and no horizontal scroll of the page; the same for a report with a map
 * (a gridworld's, and one 100 columns wide), the map inside the window. Chromium comes from
 * scripts/apt-packages.txt (or `CHROMIUM`); without it the suite says so and is skipped.
 * Set MESA_LAYOUT_DIR=/tmp to keep the measured pages.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../language/report/html/index.js';
import { simulate } from '../../language/simulation/index.js';
import type { Report } from '../../language/simulation/report.js';
import { compiled, EXAMPLES, exampleText } from '../helpers/services.js';
import { gridReport, supervisorGrid } from './fixtures.js';

const WIDTH = 1000;

/** `CHROMIUM`, as for the end-to-end tests, else the first Chromium on the PATH. */
const chromium = [process.env['CHROMIUM'] ?? '', ...['chromium', 'chromium-browser', 'google-chrome']
    .flatMap(name => (process.env['PATH'] ?? '').split(delimiter).map(dir => join(dir, name)))]
    .find(path => path !== '' && existsSync(path));

interface TableLayout {
    section: string;
    columns: number;
    /** Header cells whose right edge lies beyond the table's box or the window. */
    hidden: string[];
    scrollWidth: number;
    clientWidth: number;
}

/** Runs in the page once laid out: every table's box and header cells, and the page's own width. */
const MEASURE = `addEventListener('load', function () {
  var tables = Array.prototype.map.call(document.querySelectorAll('table'), function (t) {
    var box = t.closest('.table-wrap') || t.parentElement;
    var right = Math.min(box.getBoundingClientRect().right, window.innerWidth);
    var heads = Array.prototype.slice.call(t.querySelectorAll('thead th'));
    return {
      section: (t.closest('section') || {}).id || '',
      columns: heads.length,
      hidden: heads.filter(function (h) { return h.getBoundingClientRect().right > right + 1; }).map(function (h) { return h.textContent; }),
      scrollWidth: box.scrollWidth,
      clientWidth: box.clientWidth
    };
  });
  var maps = Array.prototype.map.call(document.querySelectorAll('svg.gridmap'), function (m) { return m.getBoundingClientRect().right; });
  var out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify({ innerWidth: window.innerWidth, pageWidth: document.documentElement.scrollWidth, tables: tables, maps: maps });
  document.body.appendChild(out);
});`;

const dir = process.env['MESA_LAYOUT_DIR'] ?? mkdtempSync(join(tmpdir(), 'mesa-layout-'));
afterAll(() => {
    if (!process.env['MESA_LAYOUT_DIR']) rmSync(dir, { recursive: true, force: true });
});

interface PageLayout { innerWidth: number; pageWidth: number; tables: TableLayout[]; maps: number[] }

/** The example's report laid out at WIDTH. */
async function layout(name: string): Promise<PageLayout> {
    return layoutOf(name, simulate(await compiled(exampleText(name)), { seed: 1 }));
}

/** A report laid out at WIDTH: the page's CSP is dropped so the measuring script can run. */
async function layoutOf(name: string, report: Report): Promise<PageLayout> {
    const html = (await renderReportHtml(report, { mode: 'file' }))
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
        .replace('</body>', `<script>${MEASURE}</script></body>`);
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const { stdout } = await promisify(execFile)(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
        `--window-size=${WIDTH},800`, '--dump-dom', pathToFileURL(file).href], { maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
    const measured = /<pre id="layout">(.*?)<\/pre>/.exec(stdout)?.[1];
    expect(measured, 'the measuring script ran').toBeDefined();
    return JSON.parse(measured!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as never;
}

describe.skipIf(!chromium)(`the report at ${WIDTH} px${chromium ? '' : ' (skipped: no chromium on PATH; scripts/install-system-packages.sh installs it)'}`, () => {
    for (const name of EXAMPLES) {
        test(`${name}: every column of every table is visible without scrolling`, async () => {
            const page = await layout(name);
            expect(page.innerWidth).toBe(WIDTH);
            expect(page.tables.map(t => t.section)).toEqual(expect.arrayContaining(['verdicts', 'objectives', 'selection']));
            for (const table of page.tables) {
                expect(table.columns, `${table.section}: header cells`).toBeGreaterThan(0);
                expect(table.hidden, `${table.section}: columns beyond the box`).toEqual([]);
                expect(table.scrollWidth, `${table.section}: table width within its ${table.clientWidth} px box`).toBeLessThanOrEqual(table.clientWidth + 1);
            }
            expect(page.pageWidth, 'no horizontal scroll of the page').toBeLessThanOrEqual(WIDTH);
        }, 60_000);
    }

    // Two published gridworlds (docs/language.md, Tables and grids): their real reports, maps included.
    for (const name of ['absent-supervisor', 'boat-race']) {
        test(`published/${name}: every table fits and every map lies inside the window`, async () => {
            const text = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'published', `${name}.mesa`), 'utf8');
            const page = await layoutOf(name, simulate(await compiled(text), { seed: 1 }));
            expect(page.maps.length).toBeGreaterThan(0);
            for (const right of page.maps) expect(right).toBeLessThanOrEqual(WIDTH);
            for (const table of page.tables) {
                expect(table.hidden, `${table.section}: columns beyond the box`).toEqual([]);
                expect(table.scrollWidth, `${table.section}: table width within its ${table.clientWidth} px box`).toBeLessThanOrEqual(table.clientWidth + 1);
            }
            expect(page.pageWidth, 'no horizontal scroll of the page').toBeLessThanOrEqual(WIDTH);
        }, 60_000);
    }

    test('a report with maps: the tables fit, and each map lies inside the window', async () => {
        const report = gridReport();
        const wide = { ...supervisorGrid(), rows: ['#'.repeat(100), `#A${' '.repeat(97)}#`, '#'.repeat(100)], paths: [], witnesses: [] };
        report.environments[1] = { ...report.environments[1]!, grid: wide };
        const page = await layoutOf('maps', report);
        expect(page.maps).toHaveLength(2);
        for (const right of page.maps) expect(right).toBeLessThanOrEqual(WIDTH);
        for (const table of page.tables) expect(table.hidden, `${table.section}: columns beyond the box`).toEqual([]);
        expect(page.pageWidth, 'no horizontal scroll of the page').toBeLessThanOrEqual(WIDTH);
    }, 60_000);
});
