/**
 * The Mesa VS Code extension in a desktop (Node) extension host: the bundled language
 * server (dist/server.cjs) over Node IPC, and the examples read from the extension's
 * folder. The rest is the same in a browser (extension.ts; browser-main.ts).
 */
import type * as vscode from 'vscode';
import type { ServerOptions } from 'vscode-languageclient/node.js';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node.js';
import type { MesaExtensionApi } from './extension.js';
import { activateMesa, deactivateMesa } from './extension.js';
import { shippedExamples } from './new-spec.js';

export type { MesaExtensionApi } from './extension.js';

export function activate(context: vscode.ExtensionContext): Promise<MesaExtensionApi> {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    return activateMesa(context, {
        createClient: options => new LanguageClient('mesa', 'Mesa Language Server', serverOptions, options),
        examples: () => shippedExamples(context.extensionUri),
    });
}

export function deactivate(): Promise<void> {
    return deactivateMesa();
}
