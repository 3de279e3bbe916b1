#!/usr/bin/env node
// The `mesa` command: runs the bundled CLI (built by `npm run build`).
'use strict';
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
    process.stderr.write(`mesa: ${bundle} is missing; run \`npm run build\` first.\n`);
    process.exit(2);
}
require(bundle);
