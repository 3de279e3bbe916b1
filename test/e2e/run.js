// The end-to-end entry: @vscode/test-electron's runTests, pointed at the code-server shim
// instead of a downloaded VS Code, with a copy of examples/ as the workspace folder so
// that the tests' edits never touch the repository.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { runTests } = require('@vscode/test-electron');

(async () => {
    const root = path.resolve(__dirname, '../..');
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-ws-'));
    fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
    try {
        await runTests({
            vscodeExecutablePath: path.join(__dirname, 'driver/code-shim.js'),
            extensionDevelopmentPath: root,
            // The extension is an ES module package: name the file, ESM does not import directories.
            extensionTestsPath: process.env.MESA_E2E_SUITE ? path.resolve(process.env.MESA_E2E_SUITE) : path.join(__dirname, 'suite/index.js'),
            launchArgs: [workspace],
            extensionTestsEnv: { MESA_E2E: '1' },
        });
    } catch (err) {
        console.error('End-to-end tests failed:', err.message);
        process.exitCode = 1;
    } finally {
        fs.rmSync(workspace, { recursive: true, force: true });
    }
})();
