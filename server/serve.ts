/**
 * The Mesa language server on a connection, whatever hosts it: Langium's services, Mesa's
 * custom requests and its off-thread analysis. The host gives what differs between Node
 * (mesa-server.ts) and a browser's web worker (browser-main.ts): the file system and the
 * runners of the analyses (docs/browser.md).
 */
import type { FileSystemProvider, LangiumSharedCoreServices } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { MesaServices } from '../language/mesa-module.js';
import { createMesaServices } from '../language/mesa-module.js';
import type { AnalysisRunner } from './analysis/runner.js';
import { startAnalysis } from './analysis/start.js';
import { registerMesaRequests } from './requests/index.js';

export interface MesaServerHost {
    /** Langium's file system: Node's, or `EmptyFileSystem` in a browser (the server reads only the editor's text). */
    fileSystem: { fileSystemProvider: (services: LangiumSharedCoreServices) => FileSystemProvider };
    /** Reparse only what an edit touched (docs/design.md, Incremental reparse). */
    incremental: boolean;
    /** The runner of the editor's analyses (docs/design.md, Off the request path). */
    analysisRunner(log: (message: string) => void): AnalysisRunner;
    /** The runner of `mesa/simulate`, apart from the editor's analyses. */
    simulationRunner(log: (message: string) => void): AnalysisRunner;
}

export function serveMesa(connection: Connection, host: MesaServerHost, beforeListening?: (services: MesaServices) => void): MesaServices {
    const { shared, Mesa } = createMesaServices({ connection, ...host.fileSystem }, { incremental: host.incremental });
    const log = (message: string) => connection.console.log(message);
    startAnalysis(Mesa, connection, host.analysisRunner(log));
    registerMesaRequests(connection, Mesa, host.simulationRunner(log));
    beforeListening?.(Mesa);
    startLanguageServer(shared);
    return Mesa;
}
