#!/usr/bin/env node
// Runs a mocha suite inside code-server's Node extension host against the real `vscode`
// API, the way VS Code runs its own browser integration tests: the workbench opens in
// headless Chromium with extensionDevelopmentPath/extensionTestsPath in the URL payload,
// and reports back through window.codeAutomationLog / window.codeAutomationExit.
//
// Usage: node run-web-tests.js --extension DIR --tests DIR --workspace DIR [--port N]
// Exit code: 0 all passed; 1 the suite failed (or the extension host crashed); N the
// extension host's process.exit(N); 2 timeout; 3 page crash; 4 driver error.
// Env: TEST_TIMEOUT_MS (default 240000), DEBUG_E2E=1 (echo server log and browser console).
'use strict';
const path = require('path');
const { CodeServer } = require('./code-server');

function arg(name, def) {
    const i = process.argv.indexOf('--' + name);
    return i > 0 ? process.argv[i + 1] : def;
}
const extensionDevelopmentPath = path.resolve(arg('extension', '.'));
const extensionTestsPath = path.resolve(arg('tests', 'test/e2e/suite'));
const workspace = path.resolve(arg('workspace', 'examples'));
const TIMEOUT = Number(process.env.TEST_TIMEOUT_MS || 240000);
const t0 = Date.now();
const stamp = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
// Workbench chatter mixed into the extension host's console output.
const NOISE = /^(Resolving connection token|Creating a socket|Starting to resolve|Socket factory|Received connection|Connection resolved|\[LocalProcess|\[remote-connection\])/;

const codeServer = new CodeServer();
let finished = false;
async function finish(code, why) {
    if (finished) return;
    finished = true;
    console.log(`[driver] ${why} -> exit code ${code} (total ${stamp()})`);
    await codeServer.stop();
    process.exit(code);
}
process.on('SIGINT', () => finish(130, 'SIGINT'));
process.on('SIGTERM', () => finish(143, 'SIGTERM'));

(async () => {
    setTimeout(() => finish(2, `timeout after ${TIMEOUT} ms (the suite never finished)`), TIMEOUT).unref();
    await codeServer.start(workspace, Number(arg('port', 0)));
    console.log(`[driver] code-server on ${codeServer.authority} after ${stamp()}`);
    const page = await codeServer.launchBrowser();
    page.on('crash', () => finish(3, 'page crashed'));
    // Exposed before navigating, so the workbench always finds them.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
        const parts = Array.isArray(args) ? args : [args];
        if (typeof parts[0] === 'string' && NOISE.test(parts[0])) return;
        (console[type] || console.log)(...parts);
    });
    // Called once the suite's run() settles (0 resolved, 1 rejected). A crash or a
    // process.exit(N) in the extension host also reads as 0 here: the server log knows better.
    await page.exposeFunction('codeAutomationExit', async (code) => {
        for (let i = 0; i < 30 && !codeServer.extHostExit; i++) await new Promise(r => setTimeout(r, 100));
        const host = codeServer.extHostExit;
        let final = code;
        if (final === 0 && host && (host.code !== 0 || host.signal !== 'null')) final = host.code || 1;
        finish(final, `suite finished after ${stamp()} (workbench ${code}, extension host ${host ? `${host.code}/${host.signal}` : '?'})`);
    });
    const payload = [
        ['extensionDevelopmentPath', codeServer.remoteUri(extensionDevelopmentPath)],
        ['extensionTestsPath', codeServer.remoteUri(extensionTestsPath)],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
    ];
    await page.goto(codeServer.url(workspace, payload));
    console.log(`[driver] workbench loaded after ${stamp()}`);
})().catch(e => finish(4, 'driver error: ' + (e && e.stack || e)));
