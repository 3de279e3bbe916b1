/**
 * The `mesa.simulate` command: sends `mesa/simulate` for a document under a cancellable
 * progress notification, which shows the phase the run is in as the server tells it
 * (`mesa/simulateProgress`), and shows the report. A second run cancels and replaces the
 * first. Returns the report JSON (undefined when cancelled or failed).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient';
import type { SimulateParams } from '../language/protocol.js';
import { SimulateProgressNotification, SimulateRequest } from '../language/protocol.js';
import type { ReportPanel } from './report-panel.js';
import { baseName } from './webview.js';

export class SimulationRunner implements vscode.Disposable {
    private current: vscode.CancellationTokenSource | undefined;
    /** The runs so far, which number their progress ids. */
    private runs = 0;
    /** Where each running run's phases go, by progress id; the one listener reads it. */
    private readonly notifications = new Map<string, vscode.Progress<{ message?: string }>>();
    private listening: vscode.Disposable | undefined;

    constructor(
        private readonly client: Promise<BaseLanguageClient>,
        private readonly panel: ReportPanel,
        private readonly output: vscode.OutputChannel,
    ) {}

    async run(uri: vscode.Uri | undefined): Promise<unknown> {
        if (!uri) {
            void vscode.window.showWarningMessage('Mesa: open a .mesa file to simulate it.');
            return undefined;
        }
        this.current?.cancel();
        // The text simulated: the report view marks itself out of date once the spec differs from it.
        const text = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString())?.getText();
        const source = new vscode.CancellationTokenSource();
        this.current = source;
        try {
            const report = await vscode.window.withProgress({
                location: vscode.ProgressLocation.Notification,
                title: `Mesa: simulating ${baseName(uri)}`,
                cancellable: true,
            }, async (progress, progressToken) => {
                const listener = progressToken.onCancellationRequested(() => source.cancel());
                const progressId = String(++this.runs);
                try {
                    const client = await this.client;
                    this.listening ??= client.onNotification(SimulateProgressNotification,
                        p => this.notifications.get(p.progressId)?.report({ message: p.stage }));
                    this.notifications.set(progressId, progress);
                    const params: SimulateParams = { uri: uri.toString(), progressId };
                    // Stop waiting at once on cancellation; the server drops the run on its side.
                    return await Promise.race([
                        client.sendRequest(SimulateRequest, params, source.token),
                        new Promise<undefined>(resolve => source.token.onCancellationRequested(() => resolve(undefined))),
                    ]);
                } finally {
                    this.notifications.delete(progressId);
                    listener.dispose();
                }
            });
            if (source.token.isCancellationRequested || report === undefined) return undefined;
            await this.panel.show(uri, report, text);
            return report;
        } catch (error) {
            if (source.token.isCancellationRequested || isCancellation(error)) return undefined;
            const message = error instanceof Error ? error.message : String(error);
            this.output.appendLine(`Simulation of ${uri.toString()} failed: ${message}`);
            void vscode.window.showErrorMessage(`Mesa: ${message}`, 'Show Output')
                .then(choice => { if (choice === 'Show Output') this.output.show(); });
            return undefined;
        } finally {
            if (this.current === source) this.current = undefined;
            source.dispose();
        }
    }

    dispose(): void {
        this.current?.cancel();
        this.listening?.dispose();
    }
}

function isCancellation(error: unknown): boolean {
    return error instanceof vscode.CancellationError
        || (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
}
