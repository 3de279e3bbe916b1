// Bundles the extension client, the language server, its analysis worker, the CLI and
// the benchmarks into CommonJS files under dist/ (vscode stays external), as Langium's
// project template does; then the browser builds (web/build.mjs): the web extension under
// dist/web/ and the playground under dist/playground/. `--watch` rebuilds the Node
// bundles on change (the browser builds are built once).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildWeb, WEB_BUNDLES } from './web/build.mjs';

// vega-canvas's Node build awaits an optional `canvas` package at top level, which a
// CommonJS bundle cannot hold; without `canvas` it returns null anyway, so bundle its
// canvas-free build. Vega then measures text by estimate and renders SVG without it.
const vegaWithoutCanvas = {
    name: 'vega-without-canvas',
    setup(build) {
        build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: resolve('node_modules/vega-canvas/build/vega-canvas.browser.js') }));
    },
};

const watch = process.argv.includes('--watch');
const entries = {
    client: 'client/main.ts',
    server: 'server/main.ts',
    worker: 'server/worker.ts',
    cli: 'cli/main.ts',
    // The worker threads of `mesa simulate` (cli/parallel/pool.ts finds it next to cli.cjs).
    'core-worker': 'cli/parallel/core-worker.ts',
    bench: 'bench/bench.ts',
    'bench-editor': 'bench/editor.ts',
    'bench-adversarial': 'bench/adversarial.ts',
    'bench-server': 'bench/traced-server.ts',
    'bench-web': 'bench/web.ts',
};
// `node esbuild.mjs cli server` builds only those bundles; no names: all of them.
const only = process.argv.slice(2).filter(a => !a.startsWith('--'));
const entryPoints = Object.fromEntries(Object.entries(entries)
    .filter(([name, file]) => existsSync(file) && (only.length === 0 || only.includes(name))));
const web = WEB_BUNDLES.filter(name => only.length === 0 || only.includes(name));

const options = {
    entryPoints,
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // playwright-core (the web benchmark's) finds its own files at run time.
    external: ['vscode', 'playwright-core'],
    logLevel: 'warning',
    plugins: [vegaWithoutCanvas],
    // Langium's ESM sources read import.meta.url only for optional file lookups.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

if (Object.keys(entryPoints).length > 0) {
    if (watch) {
        const context = await esbuild.context(options);
        await context.watch();
        console.log('esbuild: watching for changes');
    } else {
        await esbuild.build(options);
    }
}
if (web.length > 0) await buildWeb(web);
