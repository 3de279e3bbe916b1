#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }):
// there is no desktop VS Code here, so the run goes to code-server through run-web-tests.js.
// runTests spawns: <exe> [launchArgs...] --no-sandbox ... --extensionTestsPath=T
//                  --extensionDevelopmentPath=D --extensions-dir=... --user-data-dir=...
// We keep D, T and the first positional argument (the workspace folder).
'use strict';
const path = require('path');
const cp = require('child_process');

let dev, tests, workspace;
for (const a of process.argv.slice(2)) {
    if (a.startsWith('--extensionDevelopmentPath=')) dev = dev || a.slice('--extensionDevelopmentPath='.length);
    else if (a.startsWith('--extensionTestsPath=')) tests = a.slice('--extensionTestsPath='.length);
    else if (!a.startsWith('-') && !workspace) workspace = a;
}
const args = [path.join(__dirname, 'run-web-tests.js'), '--extension', dev, '--tests', tests];
if (workspace) args.push('--workspace', workspace);
const r = cp.spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
process.exit(r.status === null ? 1 : r.status);
