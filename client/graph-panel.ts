/**
 * The causal-graph view (`mesa.showGraph`): the SVG that the server lays out
 * (`mesa/causalGraph`) in a reused webview, with a picker when the spec has several
 * environments. The page's only script is the picker's, under a nonce CSP.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { CausalGraphParams, CausalGraphResult } from '../language/protocol.js';
import { CausalGraphRequest } from '../language/protocol.js';
import { baseName, escapeHtml, nonce } from './webview.js';

export class GraphPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private source: vscode.Uri | undefined;
    private readonly disposables: vscode.Disposable[] = [];
    html: string | undefined;

    constructor(private readonly client: Promise<LanguageClient>) {}

    async show(uri: vscode.Uri | undefined, env?: string): Promise<CausalGraphResult | undefined> {
        if (!uri) {
            void vscode.window.showWarningMessage('Mesa: open a .mesa file to show its causal graph.');
            return undefined;
        }
        let graph: CausalGraphResult;
        try {
            const params: CausalGraphParams = { uri: uri.toString(), env };
            graph = await (await this.client).sendRequest(CausalGraphRequest, params);
        } catch (error) {
            void vscode.window.showErrorMessage(`Mesa: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        }
        const panel = this.panel ?? this.create();
        this.source = uri;
        panel.title = `Causal graph: ${graph.env}`;
        this.html = page(graph, baseName(uri), nonce(), panel.webview.cspSource);
        panel.webview.html = this.html;
        panel.reveal(undefined, true);
        return graph;
    }

    private create(): vscode.WebviewPanel {
        const panel = vscode.window.createWebviewPanel('mesa.graph', 'Causal graph',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [] });
        this.panel = panel;
        this.disposables.push(
            panel.webview.onDidReceiveMessage((message: { type?: string; env?: string }) => {
                if (message?.type === 'env' && typeof message.env === 'string' && this.source) void this.show(this.source, message.env);
            }),
            panel.onDidDispose(() => { this.panel = undefined; }),
        );
        return panel;
    }

    dispose(): void {
        this.panel?.dispose();
        for (const d of this.disposables) d.dispose();
    }
}

function page(graph: CausalGraphResult, file: string, nonce: string, cspSource: string): string {
    const options = graph.environments.map(e => `<option${e === graph.env ? ' selected' : ''}>${escapeHtml(e)}</option>`).join('');
    const picker = graph.environments.length > 1
        ? `<label>Environment <select id="env">${options}</select></label>`
        : `<span>${escapeHtml(graph.env)}</span>`;
    const svg = graph.svg.slice(Math.max(0, graph.svg.indexOf('<svg')));
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Causal graph</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
header { display: flex; gap: 1em; align-items: baseline; margin-bottom: 0.5em; }
.graph { background: #fff; border-radius: 4px; padding: 8px; overflow: auto; }
.graph svg { max-width: 100%; height: auto; }
</style></head>
<body>
<header><strong>${escapeHtml(file)}</strong>${picker}</header>
<div class="graph">${svg}</div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const select = document.getElementById('env');
if (select) select.addEventListener('change', () => vscode.postMessage({ type: 'env', env: select.value }));
</script>
</body></html>`;
}
