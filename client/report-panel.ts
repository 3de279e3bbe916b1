/**
 * The report view: one webview panel, reused by every run, whose page the server renders
 * (`mesa/reportHtml`, the same content as `mesa simulate --html`) under a strict CSP
 * with a fresh nonce. Links in verdict rows and witnesses post `reveal` messages; the
 * panel opens the spec there. An edit of the spec marks the report out of date, with a
 * Rerun link; undoing back to the simulated text makes it current again; with
 * `mesa.report.autoRefresh` a save reruns it (docs/editor.md, The report view).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ReportHtmlParams } from '../language/protocol.js';
import { ClientSettings, Commands, ReportHtmlRequest } from '../language/protocol.js';
import { commandUri, REPORT_STATUS_MESSAGE, withReportStatus } from './report-status.js';
import { baseName, isRevealMessage, nonce, reveal } from './webview.js';

export class ReportPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private source: vscode.Uri | undefined;
    /** The spec's text the report was made from, when known. */
    private sourceText: string | undefined;
    /** The page as the server rendered it, and its nonce. */
    private page: { html: string; nonce: string } | undefined;
    private stale = false;
    private readonly updated = new vscode.EventEmitter<void>();
    private readonly disposables: vscode.Disposable[] = [];
    /** Fires when the view shows a new report, becomes out of date or current again, or closes. */
    readonly onDidUpdate = this.updated.event;
    /** The page last shown, out-of-date mark included, for tests and for re-showing. */
    html: string | undefined;

    constructor(private readonly client: Promise<BaseLanguageClient>) {
        this.disposables.push(
            this.updated,
            vscode.workspace.onDidChangeTextDocument(event => this.documentChanged(event)),
            vscode.workspace.onDidSaveTextDocument(document => this.documentSaved(document)),
        );
    }

    /** Whether the report shown is out of date; undefined when the view shows none. */
    get isStale(): boolean | undefined {
        return this.panel && this.page ? this.stale : undefined;
    }

    /** Shows `report` of `source`, made from `sourceText` (the spec's text when the run started). */
    async show(source: vscode.Uri, report: unknown, sourceText?: string): Promise<void> {
        const cspSource = (this.panel ?? this.create()).webview.cspSource;
        const params: ReportHtmlParams = { report, nonce: nonce(), cspSource };
        const { html } = await (await this.client).sendRequest(ReportHtmlRequest, params);
        const panel = this.panel ?? this.create();
        this.source = source;
        this.sourceText = sourceText;
        this.page = { html, nonce: params.nonce };
        const now = textOf(source);
        this.stale = sourceText !== undefined && now !== undefined && now !== sourceText;
        this.render(panel);
        panel.webview.html = this.html!;
        panel.reveal(undefined, true);
        this.updated.fire();
    }

    private render(panel: vscode.WebviewPanel): void {
        if (!this.page || !this.source) return;
        panel.title = `Mesa report: ${baseName(this.source)}${this.stale ? ' (out of date)' : ''}`;
        this.html = withReportStatus(this.page.html, {
            stale: this.stale, nonce: this.page.nonce, rerun: commandUri(Commands.simulate, this.source.toString()),
        });
    }

    private setStale(stale: boolean): void {
        const panel = this.panel;
        if (!panel || stale === this.stale) return;
        this.stale = stale;
        this.render(panel);
        // A visible page updates in place (its scroll position stays); a hidden one reloads from `html` when shown.
        if (panel.visible) void panel.webview.postMessage({ type: REPORT_STATUS_MESSAGE, stale });
        else panel.webview.html = this.html!;
        this.updated.fire();
    }

    private documentChanged(event: vscode.TextDocumentChangeEvent): void {
        if (!this.page || !this.isSource(event.document.uri) || event.contentChanges.length === 0) return;
        this.setStale(this.sourceText === undefined || event.document.getText() !== this.sourceText);
    }

    private documentSaved(document: vscode.TextDocument): void {
        if (!this.panel || !this.page || !this.stale || !this.isSource(document.uri)) return;
        const setting = ClientSettings.reportAutoRefresh;
        if (vscode.workspace.getConfiguration(setting.section, document.uri).get<boolean>(setting.key, setting.default)) {
            void vscode.commands.executeCommand(Commands.simulate, document.uri.toString());
        }
    }

    private isSource(uri: vscode.Uri): boolean {
        return this.source !== undefined && uri.toString() === this.source.toString();
    }

    private create(): vscode.WebviewPanel {
        const panel = vscode.window.createWebviewPanel('mesa.report', 'Mesa report',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            // The Rerun link of the out-of-date mark runs the simulation command, and only it.
            { enableScripts: true, localResourceRoots: [], enableFindWidget: true, enableCommandUris: [Commands.simulate] });
        this.panel = panel;
        this.disposables.push(
            panel.webview.onDidReceiveMessage(message => this.onMessage(message)),
            panel.onDidChangeViewState(() => {
                // Hidden, the page is dropped and later reloaded from `webview.html`: give it the current mark.
                if (this.panel === panel && !panel.visible && this.html !== undefined && panel.webview.html !== this.html) panel.webview.html = this.html;
            }),
            panel.onDidDispose(() => {
                if (this.panel !== panel) return;
                this.panel = undefined;
                this.page = undefined;
                this.updated.fire();
            }),
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

/** The current text of an open document. */
function textOf(uri: vscode.Uri): string | undefined {
    return vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString())?.getText();
}
