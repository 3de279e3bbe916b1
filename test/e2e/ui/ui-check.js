#!/usr/bin/env node
// What the vscode API cannot see, checked in the rendered workbench with Playwright:
// the Problems panel rows of examples/button-lamp.mesa, and the report webview after
// "Mesa: Run Simulation" from the command palette, whose links lead back into the source.
// Then the causal-graph view from the editor title, switching environment with its picker.
// Saves editor.png, report.png and graph.png (the README shows them from docs/images).
//
// Usage: node test/e2e/ui/ui-check.js [--vsix dist/mesa.vsix]
//   Without --vsix the extension loads from the repository (development mode); with it,
//   the packaged extension is installed into code-server first.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { CodeServer, repo } = require('../driver/code-server');

const vsixAt = process.argv.indexOf('--vsix');
const vsix = vsixAt > 0 ? path.resolve(process.argv[vsixAt + 1]) : undefined;
// Screenshots go to .cache/e2e-screenshots, so that a test run leaves the tree clean;
// MESA_SCREENSHOTS=docs/images refreshes the README's pictures.
const images = path.resolve(repo, process.env.MESA_SCREENSHOTS || '.cache/e2e-screenshots');
const t0 = Date.now();
const log = message => console.log(`[ui] ${message} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);

async function main(codeServer) {
    const workspace = path.join(codeServer.tmp, 'examples');
    fs.cpSync(path.join(repo, 'examples'), workspace, { recursive: true });
    if (vsix) log(codeServer.installExtension(vsix));
    await codeServer.start(workspace);
    const page = await codeServer.launchBrowser();
    const payload = vsix ? [['skipWelcome', 'true']]
        : [['extensionDevelopmentPath', codeServer.remoteUri(repo)], ['skipWelcome', 'true']];
    await page.goto(codeServer.url(workspace, payload));
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label*="button-lamp.mesa"]').waitFor({ timeout: 60000 });
    log('workbench ready');

    // Open the spec with Quick Open.
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type('button-lamp.mesa');
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="button-lamp.mesa"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[aria-label*="button-lamp.mesa"]').waitFor();
    const mode = await page.locator('[id="status.editor.mode"]').innerText();
    if (mode.trim() !== 'Mesa') throw new Error(`language mode is "${mode}", not Mesa`);

    // The Problems panel: the analysis warnings on `Pressing` (line 16, character 16).
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
    // Only this file's problems: the list is virtual, rows of other files could push them out of view.
    // The panel can re-render while it fills and drop a filter typed too early: type it again then.
    const filter = page.locator('.markers-panel-container .viewpane-filter input, .viewpane-filter-container input').first();
    // Two warnings: the static proxy-side-effect, then the simulation's unidentifiable.
    const pressingRows = page.locator('.markers-panel .monaco-list-row[aria-label^="Warning: "][aria-label*="at line 16 and character 16."]').nth(1);
    for (let attempt = 1; ; attempt++) {
        await filter.fill('button-lamp.mesa');
        try {
            await pressingRows.waitFor({ timeout: 20000 });
            break;
        } catch (error) {
            if (attempt === 3) throw error;
            log(`the Problems filter did not take (attempt ${attempt}); typing it again`);
        }
    }
    const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll(els => els.map(e => e.getAttribute('aria-label')));
    log(`Problems panel rows:\n  ${rows.join('\n  ')}`);
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    fs.mkdirSync(images, { recursive: true });
    await page.screenshot({ path: path.join(images, 'editor.png') });
    log(`saved ${path.relative(repo, images)}/editor.png`);

    // Run the simulation from the command palette; the report opens beside the editor.
    // Hide the panel and the side bar: room for the report.
    await page.keyboard.press('Control+J');
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type('Mesa: Run Simulation');
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="Mesa: Run Simulation"]').first().waitFor();
    await page.keyboard.press('Enter');
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const pressingLink = report.locator('a.src', { hasText: /^Pressing$/ }).first();
    await pressingLink.waitFor({ timeout: 90000 });
    const text = await report.locator('body').innerText();
    for (const expected of ['Pressing', 'Lighting', 'pseudo-aligned', 'robust']) {
        if (!text.includes(expected)) throw new Error(`the report does not show "${expected}"`);
    }
    await page.screenshot({ path: path.join(images, 'report.png') });
    log(`saved ${path.relative(repo, images)}/report.png`);

    // A verdict row's link leads back into the source: the cursor lands on Pressing.
    await pressingLink.click();
    await page.locator('[id="status.editor.selection"]', { hasText: 'Ln 16, Col 16' }).waitFor({ timeout: 30000 });
    log('the Pressing link revealed line 16, column 16');

    // The causal graph from the editor title, and its environment picker. Editor actions
    // show only in the active group, and the webview can take focus back after the click
    // (its focus event reaches the workbench late on a loaded machine): click the spec's
    // tab first, as a user would, so that its group is the active one.
    await page.locator('.tabs-container .tab[aria-label*="button-lamp.mesa"]').first().click();
    await page.locator('.editor-group-container.active .tabs-container .tab.active[aria-label*="button-lamp.mesa"]').waitFor();
    await page.locator('.editor-actions .action-label[aria-label*="Show Causal Graph"]').first().click();
    const graph = page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
    await graph.locator('svg text', { hasText: /^lamp$/ }).first().waitFor({ timeout: 30000 });
    await graph.locator('select#env').selectOption('LabWithSwitch');
    await graph.locator('svg text', { hasText: /^flip$/ }).first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(images, 'graph.png') });
    log(`the graph view switched to LabWithSwitch; saved ${path.relative(repo, images)}/graph.png`);
}

(async () => {
    const codeServer = new CodeServer();
    const stop = async code => { await codeServer.stop(); process.exit(code); };
    process.on('SIGINT', () => stop(130));
    process.on('SIGTERM', () => stop(143));
    try {
        await main(codeServer);
        log('UI check passed');
        await stop(0);
    } catch (error) {
        console.error(`[ui] UI check failed: ${error && error.stack || error}`);
        try {
            const page = codeServer.browser && codeServer.browser.contexts()[0] && codeServer.browser.contexts()[0].pages()[0];
            if (page) {
                const shot = path.join(os.tmpdir(), 'mesa-ui-failure.png');
                await page.screenshot({ path: shot });
                console.error(`[ui] screenshot of the failure: ${shot}`);
            }
        } catch { /* the browser is gone */ }
        await stop(1);
    }
})();
