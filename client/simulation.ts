/**
 * The `mesa.simulate` command: sends `mesa/simulate` for a document under a cancellable
 * progress notification and shows the report. A second run cancels and replaces the
 * first. Returns the report JSON (undefined when cancelled or failed).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient';
import type { SimulateParams } from '../language/protocol.js';
import { SimulateRequest } from '../language/protocol.js';
import type { ReportPanel } from './report-panel.js';
import { baseName } from './webview.js';

export class SimulationRunner implements vscode.Disposable {
    private current: vscode.CancellationTokenSource | undefined;

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
            }, async (_progress, progressToken) => {
                const listener = progressToken.onCancellationRequested(() => source.cancel());
                try {
                    const client = await this.client;
                    const params: SimulateParams = { uri: uri.toString() };
                    // Stop waiting at once on cancellation; the server drops the run on its side.
                    return await Promise.race([
                        client.sendRequest(SimulateRequest, params, source.token),
                        new Promise<undefined>(resolve => source.token.onCancellationRequested(() => resolve(undefined))),
                    ]);
                } finally {
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
    }
}

function isCancellation(error: unknown): boolean {
    return error instanceof vscode.CancellationError
        || (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
}
