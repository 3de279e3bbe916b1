/**
 * Wires the analysis scheduler into a running language server: a worker thread next to
 * the bundled server, diagnostics published on the connection, saves and settings.
 */
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { MesaServices } from '../../language/mesa-module.js';
import { WorkerRunner } from './runner.js';
import { AnalysisScheduler, readAnalysisSettings } from './scheduler.js';

export function startAnalysis(services: MesaServices, connection: Connection, serverDir: string): AnalysisScheduler {
    const log = (message: string) => connection.console.log(message);
    const runner = new WorkerRunner(join(serverDir, 'worker.cjs'), log);
    const scheduler = new AnalysisScheduler(services, runner, {
        publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
        settings: () => readAnalysisSettings(services),
        log,
    });
    services.shared.workspace.TextDocuments.onDidSave(event => void scheduler.documentSaved(event.document.uri));
    connection.onShutdown(() => scheduler.dispose());
    return scheduler;
}
