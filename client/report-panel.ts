/**
 * The report view: one webview panel, reused by every run, whose page the server renders
 * (`mesa/reportHtml`, the same content as `mesa simulate --html`) under a strict CSP
 * with a fresh nonce. Links in verdict rows and witnesses post `reveal` messages; the
 * panel opens the spec there.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { ReportHtmlParams } from '../language/protocol.js';
import { ReportHtmlRequest } from '../language/protocol.js';
import { baseName, isRevealMessage, nonce, reveal } from './webview.js';

export class ReportPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private source: vscode.Uri | undefined;
    private readonly disposables: vscode.Disposable[] = [];
    /** The page last shown, for tests and for re-showing. */
    html: string | undefined;

    constructor(private readonly client: Promise<LanguageClient>) {}

    async show(source: vscode.Uri, report: unknown): Promise<void> {
        const panel = this.panel ?? this.create();
        this.source = source;
        panel.title = `Mesa report: ${baseName(source)}`;
        const params: ReportHtmlParams = { report, nonce: nonce(), cspSource: panel.webview.cspSource };
        const { html } = await (await this.client).sendRequest(ReportHtmlRequest, params);
        this.html = html;
        panel.webview.html = html;
        panel.reveal(undefined, true);
    }

    private create(): vscode.WebviewPanel {
        const panel = vscode.window.createWebviewPanel('mesa.report', 'Mesa report',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [], enableFindWidget: true });
        this.panel = panel;
        this.disposables.push(
            panel.webview.onDidReceiveMessage(message => this.onMessage(message)),
            panel.onDidDispose(() => { this.panel = undefined; }),
        );
        return panel;
    }

    private async onMessage(message: unknown): Promise<void> {
        // Links only lead into the spec the report is about.
        if (!isRevealMessage(message) || !this.source || message.uri !== this.source.toString()) return;
        await reveal(this.source, message.line, message.character);
    }

    dispose(): void {
        this.panel?.dispose();
        for (const d of this.disposables) d.dispose();
    }
}
