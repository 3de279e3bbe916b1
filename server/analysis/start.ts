/**
 * Wires the analysis scheduler into a running language server: its runner (a worker
 * thread in Node, a web worker in a browser), diagnostics published on the connection,
 * saves and settings.
 */
import type { Connection } from 'vscode-languageserver';
import type { MesaServices } from '../../language/mesa-module.js';
import type { AnalysisRunner } from './runner.js';
import { AnalysisScheduler, readAnalysisSettings } from './scheduler.js';

export function startAnalysis(services: MesaServices, connection: Connection, runner: AnalysisRunner): AnalysisScheduler {
    const scheduler = new AnalysisScheduler(services, runner, {
        publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
        settings: () => readAnalysisSettings(services),
        log: message => connection.console.log(message),
    });
    services.shared.workspace.TextDocuments.onDidSave(event => void scheduler.documentSaved(event.document.uri));
    connection.onShutdown(() => scheduler.dispose());
    return scheduler;
}
