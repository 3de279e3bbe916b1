/**
 * `npm run bench` (web part): Mesa in a browser (docs/browser.md), in headless Chromium,
 * from the bundles `npm run build` wrote. The playground opened from file://: page load
 * to the first diagnostics, to the simulation-backed ones (after the 300 ms debounce),
 * and Run to the report shown. The server's web worker driven through the browser LSP
 * transport: its start to `initialize` answered, opening button-lamp to its first
 * diagnostics and to the simulation-backed ones with no debounce (the analysis worker
 * started, then already running), and `mesa/simulate` of button-lamp (the analysis in
 * its own worker). Medians of several runs; goals: first
 * diagnostics under 2 s after page load, button-lamp's analysis under 1 s in the worker.
 * Prints figures, asserts nothing; without Chromium it says so and stops.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium as playwright } from 'playwright-core';
import { PageLsp, writeHarnessPage } from './web-harness.js';
import { median } from './median.js';

const RUNS = 5;
const root = process.cwd();
const URI = 'file:///bench/button-lamp.mesa';
const AGAIN = 'file:///bench/button-lamp-again.mesa';

const chromium = [process.env['CHROMIUM'] ?? '', ...['chromium', 'chromium-browser', 'google-chrome']
    .flatMap(name => (process.env['PATH'] ?? '').split(delimiter).map(dir => join(dir, name)))]
    .find(path => path !== '' && existsSync(path));

const ms = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms (${xs.map(x => x.toFixed(0)).join(', ')})`;

/** Runs in the playground before its scripts: when the problems list first fills, and first shows a simulation-backed code. */
const WATCH_PROBLEMS = `addEventListener('DOMContentLoaded', function () {
  var list = document.getElementById('problems');
  new MutationObserver(function () {
    if (list.children.length > 0 && window.firstProblems === undefined) window.firstProblems = performance.now();
    if (list.querySelector('[data-code="unidentifiable"]') && window.simulationProblems === undefined) window.simulationProblems = performance.now();
  }).observe(list, { childList: true });
});`;

async function playground(browser: Browser): Promise<void> {
    const url = pathToFileURL(join(root, 'dist/playground/index.html')).href;
    const first: number[] = [], simulation: number[] = [], run: number[] = [];
    for (let r = 0; r <= RUNS; r++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.addInitScript(WATCH_PROBLEMS);
        await page.goto(url);
        await page.waitForFunction(() => (globalThis as { simulationProblems?: number }).simulationProblems !== undefined, null, { timeout: 60_000 });
        const times = await page.evaluate(() => {
            const marks = globalThis as unknown as { firstProblems: number; simulationProblems: number };
            return { firstProblems: marks.firstProblems, simulationProblems: marks.simulationProblems };
        });
        const started = Date.now();
        await page.locator('#run').click();
        await page.frameLocator('#view').locator('a.src', { hasText: /^Pressing$/ }).first().waitFor({ timeout: 60_000 });
        const ran = Date.now() - started;
        await page.close();
        if (r === 0) continue; // warm-up: the browser's own first start
        first.push(times.firstProblems);
        simulation.push(times.simulationProblems);
        run.push(ran);
    }
    console.log(`\nThe playground from file:// (dist/playground), median of ${RUNS} page loads after one warm-up`);
    console.log(`  page load -> first diagnostics:              ${ms(first)}`);
    console.log(`  page load -> simulation-backed diagnostics:  ${ms(simulation)}`);
    console.log(`  Run -> report shown (button-lamp):           ${ms(run)}`);
}

async function worker(browser: Browser): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'mesa-bench-web-'));
    try {
        const url = writeHarnessPage(dir, readFileSync(join(root, 'dist/web/server.js'), 'utf8'), { analysis: { debounceMs: 0 } });
        const text = readFileSync(join(root, 'examples/button-lamp.mesa'), 'utf8');
        const boot: number[] = [], opened: number[] = [], analysis: number[] = [], again: number[] = [], simulate: number[] = [];
        const now = (page: Page) => page.evaluate(() => performance.now());
        for (let r = 0; r <= RUNS; r++) {
            const page = await browser.newPage();
            await page.goto(url);
            const lsp = new PageLsp(page);
            const started = await lsp.started();
            const initialized = await lsp.initialize();
            const t0 = await now(page);
            await lsp.open(URI, text);
            const first = await lsp.diagnostics(URI, ['proxy-side-effect']);
            const analysed = await lsp.diagnostics(URI, ['unidentifiable']);
            // The same text under another name: the analysis worker runs already.
            const t1 = await now(page);
            await lsp.open(AGAIN, text);
            const reanalysed = await lsp.diagnostics(AGAIN, ['unidentifiable']);
            const t2 = await now(page);
            const report = await lsp.request<{ optimizers: unknown[] }>('mesa/simulate', { uri: URI });
            if (!report.result) throw new Error(`mesa/simulate failed: ${report.error?.message}`);
            await page.close();
            if (r === 0) continue;
            boot.push(initialized.at - started);
            opened.push(first.at - t0);
            analysis.push(analysed.at - t0);
            again.push(reanalysed.at - t1);
            simulate.push(report.at - t2);
        }
        console.log(`\nThe language server's web worker (dist/web/server.js), median of ${RUNS} pages after one warm-up`);
        console.log(`  worker start -> initialize answered:                 ${ms(boot)}`);
        console.log(`  open button-lamp -> first diagnostics:               ${ms(opened)}`);
        console.log(`  open -> simulation-backed diagnostics (no debounce): ${ms(analysis)}`);
        console.log(`    the same, the analysis worker already started:     ${ms(again)}`);
        console.log(`  mesa/simulate of button-lamp (its own worker):       ${ms(simulate)}`);
        console.log('  goals: page load to first diagnostics under 2 s; button-lamp\'s analysis under 1 s in the worker');
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    if (!chromium) {
        console.log('\nThe web benchmark is skipped: no chromium on PATH (scripts/install-system-packages.sh installs it).');
        return;
    }
    for (const file of ['dist/playground/index.html', 'dist/web/server.js']) {
        if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build first`);
    }
    const browser = await playwright.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
        await playground(browser);
        await worker(browser);
    } finally {
        await browser.close();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
