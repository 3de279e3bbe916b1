/**
 * The web extension (package.json `browser`, docs/browser.md) in a browser's extension
 * host: code-server 4.100.3's web worker extension host, the one vscode.dev runs web
 * extensions in, chosen for Mesa by `remote.extensionKind` (code-server would otherwise
 * run its Node build on the server). From a copy of the extension holding only the
 * manifest, the grammar and the browser bundles built from the sources, driven in
 * headless Chromium with Playwright as test/e2e/ui does: button-lamp's warnings in the
 * Problems panel, Run Simulation's report, the causal graph, and New Spec from Example
 * with the bundled examples. Needs code-server (scripts/install-code-server.sh, as for
 * `npm run test:e2e`) and Chromium; without them the suite says so and is skipped.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildWeb } from '../../web/build.mjs';
import { chromium } from './browser.js';

const root = join(import.meta.dirname, '..', '..');
const codeServerEntry = process.env['CODE_SERVER'] ?? join(root, '.cache/code-server/node_modules/code-server/out/node/entry.js');
const skipped = !chromium ? ' (skipped: no chromium on PATH; scripts/install-system-packages.sh installs it)'
    : !existsSync(codeServerEntry) ? ' (skipped: no code-server in .cache; scripts/install-code-server.sh installs it)' : '';

interface CodeServer {
    tmp: string;
    browser?: Browser;
    start(folder: string): Promise<void>;
    launchBrowser(): Promise<Page>;
    remoteUri(path: string): string;
    url(folder: string, payload: [string, string][]): string;
    stop(): Promise<void>;
}

describe.skipIf(skipped !== '')(`the web extension in a browser extension host${skipped}`, () => {
    let codeServer: CodeServer;
    let page: Page;
    let extension: string | undefined;
    const fetched: string[] = [];

    beforeAll(async () => {
        const { CodeServer } = createRequire(import.meta.url)('../e2e/driver/code-server.js') as { CodeServer: new () => CodeServer };
        codeServer = new CodeServer();
        extension = mkdtempSync(join(tmpdir(), 'mesa-web-extension-'));
        for (const entry of ['package.json', 'language-configuration.json', 'syntaxes', 'examples']) cpSync(join(root, entry), join(extension!, entry), { recursive: true });
        await buildWeb(['web-client', 'web-server'], join(extension, 'dist'));
        const workspace = join(codeServer.tmp, 'workspace');
        cpSync(join(root, 'examples/button-lamp.mesa'), join(workspace, 'button-lamp.mesa'));
        const settings = join(codeServer.tmp, 'user-data/User/settings.json');
        writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), 'remote.extensionKind': { 'mesa-tools.mesa': ['web'] } }));
        await codeServer.start(workspace);
        page = await codeServer.launchBrowser();
        page.on('request', request => { fetched.push(decodeURIComponent(request.url())); });
        await page.goto(codeServer.url(workspace, [['extensionDevelopmentPath', codeServer.remoteUri(extension)], ['skipWelcome', 'true']]));
        await page.locator('.explorer-folders-view .monaco-list-row[aria-label*="button-lamp.mesa"]').waitFor({ timeout: 60_000 });
        await quickOpen('button-lamp.mesa');
        await page.locator('.tabs-container .tab.active[aria-label*="button-lamp.mesa"]').waitFor();
    }, 180_000);

    afterAll(async () => {
        await codeServer?.stop();
        if (extension) rmSync(extension, { recursive: true, force: true });
    });

    async function quickOpen(file: string): Promise<void> {
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
        await page.keyboard.type(file);
        await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${file}"]`).first().waitFor();
        await page.keyboard.press('Enter');
    }

    /**
     * Runs a command from the palette. The query is set whole (typed keys can be lost while
     * the palette takes focus), and a palette that does not list the command, as when the
     * focus was still in a webview and the command's `when` did not hold yet, is closed and
     * opened again, three times at most.
     */
    async function command(title: string): Promise<void> {
        const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first();
        for (let attempt = 1; ; attempt++) {
            await page.keyboard.press('F1');
            await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
            await page.locator('.quick-input-widget input').fill(`>${title}`);
            try {
                await row.waitFor({ timeout: 10_000 });
                break;
            } catch (e) {
                if (attempt === 3) throw e;
                await page.keyboard.press('Escape');
            }
        }
        await page.keyboard.press('Enter');
    }

    test('runs the browser entry, which starts its server from dist/web/server.js', async () => {
        const files = () => fetched.filter(url => url.includes(extension!)).map(url => /\/dist\/[\w/.]+/.exec(url)?.[0]).filter(Boolean);
        await expect.poll(files, { timeout: 30_000 }).toContain('/dist/web/server.js');
        expect(files()).toContain('/dist/web/client.js');
    });

    test('the Problems panel lists button-lamp\'s warnings, the simulation-backed ones included', async () => {
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel').waitFor({ state: 'visible' });
        const row = (start: string, place: string) => page.locator(`.markers-panel .monaco-list-row[aria-label^="${start}"][aria-label*="${place}"]`).first();
        await row('Warning: Pressing fits Lab as well as Light does', 'at line 16 and character 16.').waitFor({ timeout: 60_000 });
        await row('Warning: In deployment environment LabWithSwitch, Pressing scores [30, 30] against Light\'s optimum 40', 'at line 16 and character 16.').waitFor();
        await row('Warning: Pressing is a side-effect proxy of Light in Lab', 'at line 16 and character 16.').waitFor();
        await page.keyboard.press('Control+J');
    });

    test('Run Simulation shows the report with the verdicts', async () => {
        await command('Mesa: Run Simulation');
        const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const pressing = report.locator('tr', { has: report.locator('a.src', { hasText: /^Pressing$/ }) }).first();
        await pressing.waitFor({ timeout: 60_000 });
        expect(await pressing.innerText()).toMatch(/pseudo-aligned\s+side-effect/);
        const lighting = report.locator('tr', { has: report.locator('a.src', { hasText: /^Lighting$/ }) }).first();
        expect(await lighting.innerText()).toContain('robust');
    });

    test('Show Causal Graph draws Lab', async () => {
        await page.locator('.tabs-container .tab[aria-label*="button-lamp.mesa"]').first().click();
        // The spec's editor takes the focus from the report, so that the command applies to it.
        await page.locator('.editor-group-container.active .tab.active[aria-label*="button-lamp.mesa"]').waitFor();
        await command('Mesa: Show Causal Graph');
        const graph = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
        await graph.locator('svg text', { hasText: /^lamp$/ }).first().waitFor({ timeout: 30_000 });
    });

    test('New Spec from Example offers the bundled examples and writes the copy into the folder', async () => {
        await command('Mesa: New Spec from Example');
        await page.locator('.quick-input-list .monaco-list-row[aria-label*="garden"]').first().waitFor();
        await page.keyboard.type('garden');
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab.active[aria-label*="garden.mesa"]').waitFor({ timeout: 30_000 });
        await expect.poll(() => existsSync(join(codeServer.tmp, 'workspace/garden.mesa'))).toBe(true);
        expect(readFileSync(join(codeServer.tmp, 'workspace/garden.mesa'), 'utf8')).toBe(readFileSync(join(root, 'examples/garden.mesa'), 'utf8'));
    });
});
