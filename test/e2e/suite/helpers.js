// Helpers of the end-to-end suite: find the workspace's examples, open them, and wait on
// VS Code's and the extension's events (never on timers) for the diagnostics or the
// report state a test expects.
'use strict';
const vscode = require('vscode');

function exampleUri(name) {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    if (!folder) throw new Error('the end-to-end tests need the examples folder open as the workspace');
    return vscode.Uri.joinPath(folder.uri, name);
}

async function openExample(name) {
    const document = await vscode.workspace.openTextDocument(exampleUri(name));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    return document;
}

function codeOf(diagnostic) {
    const code = diagnostic.code;
    return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/**
 * Resolves with the document's diagnostics once `accept(diagnostics)` holds, checking now
 * and on every onDidChangeDiagnostics for the URI. `timeoutMs` only bounds a failing wait.
 */
function waitForDiagnostics(uri, accept, what, timeoutMs = 30000) {
    const now = vscode.languages.getDiagnostics(uri);
    if (accept(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            subscription.dispose();
            const seen = vscode.languages.getDiagnostics(uri).map(d => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);
            reject(new Error(`timed out waiting for ${what} on ${uri.path}; diagnostics now: [${seen.join(', ')}]`));
        }, timeoutMs);
        const subscription = vscode.languages.onDidChangeDiagnostics(event => {
            if (!event.uris.some(u => u.toString() === uri.toString())) return;
            const diagnostics = vscode.languages.getDiagnostics(uri);
            if (accept(diagnostics)) {
                clearTimeout(timer);
                subscription.dispose();
                resolve(diagnostics);
            }
        });
    });
}

const hasCode = code => diagnostics => diagnostics.some(d => codeOf(d) === code);

/** Replaces the whole text of a document. */
async function setText(document, text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    if (!await vscode.workspace.applyEdit(edit)) throw new Error('the edit was not applied');
}

/**
 * Resolves once `accept()` holds for the report view, checking now and on every
 * onDidUpdateReport of the extension's API. `timeoutMs` only bounds a failing wait.
 */
function waitForReport(api, accept, what, timeoutMs = 30000) {
    if (accept()) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            subscription.dispose();
            reject(new Error(`timed out waiting for ${what}; the report is ${api.reportStale() ? 'out of date' : 'current or absent'}`));
        }, timeoutMs);
        const subscription = api.onDidUpdateReport(() => {
            if (!accept()) return;
            clearTimeout(timer);
            subscription.dispose();
            resolve();
        });
    });
}

function mesaApi() {
    const extension = vscode.extensions.getExtension('mesa-tools.mesa');
    if (!extension) throw new Error('the Mesa extension is not loaded');
    return extension.activate();
}

module.exports = { exampleUri, openExample, codeOf, waitForDiagnostics, hasCode, setText, mesaApi, waitForReport };
