/**
 * The Mesa VS Code extension: a thin client that starts the bundled language server
 * and adds the two commands, `mesa.simulate` and `mesa.showGraph`, whose work the
 * server does. Nothing here imports Langium or the language; only the request types.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { Commands } from '../language/protocol.js';
import { GraphPanel } from './graph-panel.js';
import { startLanguageClient } from './language-client.js';
import { ReportPanel } from './report-panel.js';
import { SimulationRunner } from './simulation.js';

let client: LanguageClient | undefined;

/** What the extension exports: used by the end-to-end tests to read what the report view shows. */
export interface MesaExtensionApi {
    /** The HTML of the report view, once a simulation has been shown. */
    reportHtml(): string | undefined;
    /** The HTML of the causal-graph view, once shown. */
    graphHtml(): string | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<MesaExtensionApi> {
    const output = vscode.window.createOutputChannel('Mesa');
    context.subscriptions.push(output);

    const started = startLanguageClient(context, output);
    const reports = new ReportPanel(started);
    const graphs = new GraphPanel(started);
    const runner = new SimulationRunner(started, reports, output);
    context.subscriptions.push(reports, graphs, runner);
    context.subscriptions.push(
        vscode.commands.registerCommand(Commands.simulate, (uri?: string | vscode.Uri) => runner.run(documentUri(uri))),
        vscode.commands.registerCommand(Commands.showGraph, (uri?: string | vscode.Uri) => graphs.show(documentUri(uri))),
    );
    client = await started.catch(() => undefined);
    return { reportHtml: () => reports.html, graphHtml: () => graphs.html };
}

export async function deactivate(): Promise<void> {
    // The client is also in context.subscriptions; stopping here lets VS Code wait for it.
    if (client?.isRunning()) await client.stop();
    client = undefined;
}

/** The command's argument (a URI string from a code lens, a Uri from a menu), else the active Mesa editor's document. */
function documentUri(argument: string | vscode.Uri | undefined): vscode.Uri | undefined {
    if (typeof argument === 'string') return vscode.Uri.parse(argument);
    if (argument instanceof vscode.Uri) return argument;
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'mesa' ? editor.document.uri : undefined;
}
