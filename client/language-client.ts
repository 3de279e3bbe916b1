/**
 * Starts the Mesa language client: the options both builds share, then the client that
 * the host creates (main.ts: the bundled server over Node IPC; browser-main.ts: the
 * server in a web worker). One output channel, "Mesa", carries the server's log and,
 * with `mesa.trace.server`, the protocol trace. A failure to start is shown to the user
 * with a way to the log.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';

/** Makes the client; its id must be `mesa`, so that it reads the `mesa.trace.server` setting. */
export type CreateClient = (options: LanguageClientOptions) => BaseLanguageClient;

export async function startLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, create: CreateClient): Promise<BaseLanguageClient> {
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'mesa' }],
        outputChannel: output,
    };
    try {
        const client = create(clientOptions);
        context.subscriptions.push(client);
        await client.start();
        return client;
    } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        output.appendLine(`The Mesa language server could not start: ${why}`);
        void vscode.window.showErrorMessage(`Mesa: the language server could not start (${why}).`, 'Show Output')
            .then(choice => { if (choice === 'Show Output') output.show(); });
        throw error;
    }
}
