// The browser builds (docs/browser.md), called by esbuild.mjs after the Node bundles:
//   web-client   dist/web/client.js   the web extension's entry (package.json `browser`)
//   web-server   dist/web/server.js   the language server as a web worker, with its
//                                     analysis worker inlined as text
//   playground   dist/playground/     index.html; server.js, which starts the same server
//                                     as a worker from its text inlined (a file:// page
//                                     can start workers only from Blob URLs); and
//                                     playground.js and .css: Monaco, its own worker
//                                     inlined the same way, and the examples
// Everything is minified; nothing is loaded from the network.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_BUNDLES = ['web-client', 'web-server', 'playground'];

const root = fileURLToPath(new URL('..', import.meta.url));

// Monaco's LSP client ships inside monaco-editor, outside its package exports.
const monacoLspClient = {
    name: 'monaco-lsp-client',
    setup(build) {
        build.onResolve({ filter: /^monaco-lsp-client$/ }, () => ({ path: join(root, 'node_modules/monaco-editor/esm/external/monaco-lsp-client/out/index.js') }));
    },
};

const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
};

/** The text of an IIFE bundle, not written to disk. */
async function bundleText(entry, options = {}) {
    const result = await esbuild.build({ ...common, ...options, entryPoints: [entry], format: 'iife', write: false });
    return result.outputFiles[0].text;
}

/** The examples and the published cases as `{ name: text }`, sorted by name: the playground's menu and the web extension's New Spec from Example. */
function examples() {
    const folders = [join(root, 'examples'), join(root, 'examples', 'published')];
    const files = folders.flatMap(folder => readdirSync(folder).filter(f => f.endsWith('.mesa')).map(f => [f, join(folder, f)]))
        .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(files.map(([f, path]) => [f.slice(0, -'.mesa'.length), readFileSync(path, 'utf8')]));
}

/** The keywords of the TextMate grammar (its `keywords` patterns, `\b(a|b|c)\b`), for the playground's tokenizer. */
function keywords() {
    const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/mesa.tmLanguage.json'), 'utf8'));
    const words = grammar.repository.keywords.patterns.flatMap(p => /^\\b\(?([\w|]+)\)?\\b$/.exec(p.match)?.[1].split('|') ?? []);
    if (words.length < 10) throw new Error('web/build.mjs: the keywords of syntaxes/mesa.tmLanguage.json were not found');
    return [...new Set(words)].sort();
}

async function serverText() {
    const worker = await bundleText(join(root, 'server/browser-worker.ts'));
    return bundleText(join(root, 'server/browser-main.ts'), { define: { ...common.define, MESA_ANALYSIS_WORKER: JSON.stringify(worker) } });
}

/** Builds the named bundles into `out` (dist/ by default; the tests build into a folder of their own). */
export async function buildWeb(names, out = join(root, 'dist')) {
    if (names.includes('web-client')) {
        await esbuild.build({
            ...common, entryPoints: [join(root, 'client/browser-main.ts')], outfile: join(out, 'web/client.js'),
            format: 'cjs', external: ['vscode'],
            define: { ...common.define, MESA_EXAMPLES: JSON.stringify(examples()) },
        });
    }
    const server = names.includes('web-server') || names.includes('playground') ? await serverText() : undefined;
    if (names.includes('web-server')) {
        mkdirSync(join(out, 'web'), { recursive: true });
        writeFileSync(join(out, 'web/server.js'), server);
    }
    if (names.includes('playground')) {
        const editorWorker = await bundleText('monaco-editor/editor/editor.worker.js');
        const page = join(out, 'playground');
        await esbuild.build({
            ...common, entryPoints: { playground: join(root, 'web/playground/main.ts') }, outdir: page, format: 'iife',
            loader: { '.ttf': 'dataurl' }, plugins: [monacoLspClient],
            define: {
                ...common.define,
                MESA_EDITOR_WORKER: JSON.stringify(editorWorker),
                MESA_EXAMPLES: JSON.stringify(examples()),
                MESA_KEYWORDS: JSON.stringify(keywords()),
            },
        });
        // A classic script, so that it also runs from file://; it starts the worker at once.
        writeFileSync(join(page, 'server.js'), `globalThis.mesaServerWorker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(server)}], { type: 'text/javascript' })), { name: 'mesa-language-server' });\n`);
        copyFileSync(join(root, 'web/playground/index.html'), join(page, 'index.html'));
    }
}
