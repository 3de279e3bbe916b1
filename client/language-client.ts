/**
 * Starts the bundled Mesa language server (dist/server.cjs) over Node IPC. One output
 * channel, "Mesa", carries the server's log and, with `mesa.trace.server`, the
 * protocol trace. A failure to start is shown to the user with a way to the log.
 */
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node.js';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node.js';

export async function startLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<LanguageClient> {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'mesa' }],
        outputChannel: output,
    };
    // The id `mesa` makes the client read the `mesa.trace.server` setting.
    const client = new LanguageClient('mesa', 'Mesa Language Server', serverOptions, clientOptions);
    context.subscriptions.push(client);
    try {
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
