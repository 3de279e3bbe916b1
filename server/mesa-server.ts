/**
 * Starts the Mesa language server on a connection: Langium's services, Mesa's custom
 * requests and its off-thread analysis. The bundled server (main.ts) calls it as it is;
 * the editor benchmark's traced build adds a hook before the server starts listening.
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import type { Connection } from 'vscode-languageserver';
import type { MesaServices } from '../language/mesa-module.js';
import { createMesaServices } from '../language/mesa-module.js';
import { startAnalysis } from './analysis/start.js';
import { registerMesaRequests } from './requests/index.js';

/**
 * `serverDir` is where the bundled worker (worker.cjs) lies. MESA_INCREMENTAL=0 parses
 * the whole text on every edit (to rule the incremental reparse out, or to compare).
 */
export function startMesaServer(connection: Connection, serverDir: string, beforeListening?: (services: MesaServices) => void): MesaServices {
    const { shared, Mesa } = createMesaServices({ connection, ...NodeFileSystem }, { incremental: process.env['MESA_INCREMENTAL'] !== '0' });
    startAnalysis(Mesa, connection, serverDir);
    registerMesaRequests(connection, Mesa);
    beforeListening?.(Mesa);
    startLanguageServer(shared);
    return Mesa;
}
