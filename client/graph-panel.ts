/**
 * The causal-graph view (`mesa.showGraph`): the SVG that the server lays out
 * (`mesa/causalGraph`) in a reused webview, with a picker when the spec has several
 * environments (the page is graph-page.ts's). A click on a node opens the spec at its
 * declaration.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { CausalGraphParams, CausalGraphResult } from '../language/protocol.js';
import { CausalGraphRequest } from '../language/protocol.js';
import { graphPage } from './graph-page.js';
import { baseName, isRevealMessage, nonce, reveal } from './webview.js';

export class GraphPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private source: vscode.Uri | undefined;
    private readonly disposables: vscode.Disposable[] = [];
    html: string | undefined;

    constructor(private readonly client: Promise<BaseLanguageClient>) {}

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
        this.html = graphPage(graph, baseName(uri), nonce(), panel.webview.cspSource);
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
                // Node links only lead into the spec the graph is drawn from.
                if (isRevealMessage(message) && this.source && message.uri === this.source.toString()) {
                    void reveal(this.source, message.line, message.character);
                }
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
