/**
 * The Mesa language server in a browser (docs/browser.md): a web worker that speaks LSP
 * over postMessage, for the web extension and the playground. It reads only the editor's
 * text (Langium's EmptyFileSystem), and runs the analyses in web workers of its own,
 * started from the analysis worker's bundle that esbuild inlines here
 * (MESA_ANALYSIS_WORKER, the text of server/browser-worker.ts bundled).
 */
import { EmptyFileSystem } from 'langium';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { InlineRunner } from './analysis/inline-runner.js';
import type { WorkerLike } from './analysis/web-worker-runner.js';
import { WebWorkerRunner } from './analysis/web-worker-runner.js';
import { serveMesa } from './serve.js';

declare const MESA_ANALYSIS_WORKER: string;

type WorkerConstructor = new (url: string, options?: { name?: string }) => WorkerLike;

/** Web workers from the inlined script, through one Blob URL (which file:// pages and web extensions allow). */
function analysisWorkers(source: string): () => WorkerLike {
    const WorkerClass = (globalThis as { Worker?: WorkerConstructor }).Worker;
    let url: string | undefined;
    return () => {
        if (typeof WorkerClass !== 'function') throw new Error('this browser starts no workers from a worker');
        url ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        return new WorkerClass(url, { name: 'mesa-analysis' });
    };
}

const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
const workers = analysisWorkers(MESA_ANALYSIS_WORKER);
serveMesa(connection, {
    fileSystem: EmptyFileSystem,
    incremental: true,
    analysisRunner: log => new WebWorkerRunner(workers, new InlineRunner(), log),
    simulationRunner: log => new WebWorkerRunner(workers, new InlineRunner(), log),
});
