/**
 * Starts the Mesa language server in Node: Node's file system, the analyses in worker
 * threads next to the bundled server. The bundled server (main.ts) calls it as it is;
 * the editor benchmark's traced build adds a hook before the server starts listening.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NodeFileSystem } from 'langium/node';
import type { Connection } from 'vscode-languageserver';
import type { MesaServices } from '../language/mesa-module.js';
import { InlineRunner, WorkerRunner } from './analysis/runner.js';
import { serveMesa } from './serve.js';

/**
 * `serverDir` is where the bundled worker (worker.cjs) lies; without it (sources under
 * test) `mesa/simulate` runs on the calling thread. MESA_INCREMENTAL=0 parses the whole
 * text on every edit (to rule the incremental reparse out, or to compare).
 */
export function startMesaServer(connection: Connection, serverDir: string, beforeListening?: (services: MesaServices) => void): MesaServices {
    const worker = join(serverDir, 'worker.cjs');
    return serveMesa(connection, {
        fileSystem: NodeFileSystem,
        incremental: process.env['MESA_INCREMENTAL'] !== '0',
        analysisRunner: log => new WorkerRunner(worker, log),
        simulationRunner: log => existsSync(worker) ? new WorkerRunner(worker, log) : new InlineRunner(),
    }, beforeListening);
}
