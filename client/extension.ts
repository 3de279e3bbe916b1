/**
 * The Mesa VS Code extension, the same in both hosts (main.ts for Node, browser-main.ts
 * for a browser): a thin client that starts the language server and adds the commands
 * `mesa.simulate` and `mesa.showGraph`, whose work the server does, and
 * `mesa.newSpecFromExample`, which copies a shipped example into the workspace. Nothing
 * here imports Langium or the language; only the request types.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Commands } from '../language/protocol.js';
import type { ShippedExample } from './examples.js';
import { GraphPanel } from './graph-panel.js';
import type { CreateClient } from './language-client.js';
import { startLanguageClient } from './language-client.js';
import { newSpecFromExample } from './new-spec.js';
import { ReportPanel } from './report-panel.js';
import { SimulationRunner } from './simulation.js';

/** What differs between the hosts. */
export interface ClientHost {
    createClient: CreateClient;
    /** The examples New Spec from Example offers, sorted by name. */
    examples(): Promise<ShippedExample[]>;
}

let client: BaseLanguageClient | undefined;

/** What the extension exports: used by the end-to-end tests to read what the report view shows. */
export interface MesaExtensionApi {
    /** The HTML of the report view, once a simulation has been shown. */
    reportHtml(): string | undefined;
    /** Whether the report shown is out of date (its spec was edited since); undefined when none is shown. */
    reportStale(): boolean | undefined;
    /** Fires when the report view shows a report, becomes out of date or current again, or closes. */
    onDidUpdateReport: vscode.Event<void>;
    /** The HTML of the causal-graph view, once shown. */
    graphHtml(): string | undefined;
}

export async function activateMesa(context: vscode.ExtensionContext, host: ClientHost): Promise<MesaExtensionApi> {
    const output = vscode.window.createOutputChannel('Mesa');
    context.subscriptions.push(output);

    const started = startLanguageClient(context, output, host.createClient);
    const reports = new ReportPanel(started);
    const graphs = new GraphPanel(started);
    const runner = new SimulationRunner(started, reports, output);
    const recent = new RecentSpec();
    context.subscriptions.push(reports, graphs, runner, recent);
    context.subscriptions.push(
        vscode.commands.registerCommand(Commands.simulate, (uri?: string | vscode.Uri) => runner.run(recent.documentUri(uri))),
        vscode.commands.registerCommand(Commands.showGraph, (uri?: string | vscode.Uri) => graphs.show(recent.documentUri(uri))),
        vscode.commands.registerCommand(Commands.newSpecFromExample, (name?: unknown) => newSpecFromExample(host.examples, name)),
    );
    client = await started.catch(() => undefined);
    return {
        reportHtml: () => reports.html,
        reportStale: () => reports.isStale,
        onDidUpdateReport: reports.onDidUpdate,
        graphHtml: () => graphs.html,
    };
}

export async function deactivateMesa(): Promise<void> {
    // The client is also in context.subscriptions; stopping here lets VS Code wait for it.
    if (client?.isRunning()) await client.stop();
    client = undefined;
}

/**
 * Which spec a command without an argument is about: the active Mesa editor's, else a
 * visible one's, else the Mesa document last active and still open (a command run from
 * the Get started walkthrough, whose page is the active editor then).
 */
class RecentSpec implements vscode.Disposable {
    private last: vscode.Uri | undefined;
    private readonly subscription: vscode.Disposable;

    constructor() {
        this.remember(vscode.window.activeTextEditor);
        this.subscription = vscode.window.onDidChangeActiveTextEditor(editor => this.remember(editor));
    }

    /** The command's argument (a URI string from a code lens, a Uri from a menu), else the spec as above. */
    documentUri(argument: string | vscode.Uri | undefined): vscode.Uri | undefined {
        if (typeof argument === 'string') return vscode.Uri.parse(argument);
        if (argument instanceof vscode.Uri) return argument;
        const active = vscode.window.activeTextEditor;
        if (active?.document.languageId === 'mesa') return active.document.uri;
        const visible = vscode.window.visibleTextEditors.find(e => e.document.languageId === 'mesa');
        if (visible) return visible.document.uri;
        const last = this.last;
        return last && vscode.workspace.textDocuments.some(d => !d.isClosed && d.uri.toString() === last.toString()) ? last : undefined;
    }

    private remember(editor: vscode.TextEditor | undefined): void {
        if (editor?.document.languageId === 'mesa') this.last = editor.document.uri;
    }

    dispose(): void {
        this.subscription.dispose();
    }
}
