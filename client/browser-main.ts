/**
 * The Mesa VS Code extension in a browser's extension host (vscode.dev, github.dev,
 * code-server; docs/browser.md): the language server runs in a web worker
 * (dist/web/server.js), and New Spec from Example offers the examples bundled into this
 * file (MESA_EXAMPLES, put in by web/build.mjs), since a web extension cannot list its
 * own folder.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser.js';
import { bundledExamples } from './examples.js';
import type { MesaExtensionApi } from './extension.js';
import { activateMesa, deactivateMesa } from './extension.js';

declare const MESA_EXAMPLES: Record<string, string>;

type WorkerConstructor = new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[3];

export async function activate(context: vscode.ExtensionContext): Promise<MesaExtensionApi> {
    const WorkerClass = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
    // The extension host starts no worker from an extension installed on a remote (its
    // URI is vscode-remote:), but fetches from there: the worker starts from a Blob URL
    // of the fetched script, wherever the extension lies.
    const script = await serverScript(context.extensionUri).then(url => ({ url }), (error: unknown) => ({ error }));
    return activateMesa(context, {
        createClient: options => {
            if ('error' in script) {
                throw new Error(`its script, dist/web/server.js, could not be read: ${script.error instanceof Error ? script.error.message : String(script.error)}`);
            }
            return new LanguageClient('mesa', 'Mesa Language Server', options, new WorkerClass(script.url, { name: 'mesa-language-server' }));
        },
        examples: async () => bundledExamples(MESA_EXAMPLES),
    });
}

/** A Blob URL of dist/web/server.js. */
async function serverScript(extensionUri: vscode.Uri): Promise<string> {
    const response = await fetch(vscode.Uri.joinPath(extensionUri, 'dist/web/server.js').toString(true));
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
}

export function deactivate(): Promise<void> {
    return deactivateMesa();
}
