/**
 * **Mesa: New Spec from Example** (`mesa.newSpecFromExample`, docs/editor.md, Commands):
 * pick one of the examples the extension ships (or name it, as the Get started
 * walkthrough and the tests do), write it into the workspace folder as a new `.mesa`
 * file under a free name, never over an existing file, and open it. Without a folder it
 * opens as an untitled spec. Returns the new document's URI.
 */
import * as vscode from 'vscode';
import type { ShippedExample } from './examples.js';
import { copyFileNames, describeExample, exampleName } from './examples.js';

export async function newSpecFromExample(listExamples: () => Promise<ShippedExample[]>, requested?: unknown): Promise<vscode.Uri | undefined> {
    const examples = await listExamples();
    if (examples.length === 0) {
        void vscode.window.showErrorMessage('Mesa: this installation ships no examples.');
        return undefined;
    }
    let example: ShippedExample | undefined;
    if (typeof requested === 'string') {
        example = examples.find(e => e.name === requested);
        if (!example) {
            void vscode.window.showErrorMessage(`Mesa: there is no example named "${requested}"; the examples are ${examples.map(e => e.name).join(', ')}.`);
            return undefined;
        }
    } else {
        const picked = await vscode.window.showQuickPick(
            examples.map(e => ({ label: e.name, detail: e.description, example: e })),
            { title: 'Mesa: New Spec from Example', placeHolder: 'Pick an example to copy into the workspace', matchOnDetail: true });
        example = picked?.example;
    }
    if (!example) return undefined;
    const content = new TextEncoder().encode(example.text);
    const folder = targetFolder();
    if (!folder) {
        const document = await vscode.workspace.openTextDocument({ language: 'mesa', content: example.text });
        await vscode.window.showTextDocument(document);
        return document.uri;
    }
    const target = await freeUri(folder.uri, example.name);
    if (!target) {
        void vscode.window.showErrorMessage(`Mesa: no free file name for a copy of ${example.name} in ${folder.name}.`);
        return undefined;
    }
    try {
        await vscode.workspace.fs.writeFile(target, content);
    } catch (error) {
        void vscode.window.showErrorMessage(`Mesa: could not write ${target.path}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
    return target;
}

/**
 * The examples in the extension's `examples` folder and its `published` cases (the Node
 * build; the browser build bundles them), sorted by name.
 */
export async function shippedExamples(extensionUri: vscode.Uri): Promise<ShippedExample[]> {
    const root = vscode.Uri.joinPath(extensionUri, 'examples');
    const examples: ShippedExample[] = [];
    for (const folder of [root, vscode.Uri.joinPath(root, 'published')]) {
        let entries: [string, vscode.FileType][];
        try {
            entries = await vscode.workspace.fs.readDirectory(folder);
        } catch {
            continue;
        }
        for (const [fileName, type] of entries) {
            const name = exampleName(fileName);
            if (!name || type !== vscode.FileType.File) continue;
            const uri = vscode.Uri.joinPath(folder, fileName);
            const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
            examples.push({ name, description: describeExample(name, text), text });
        }
    }
    return examples.sort((a, b) => a.name.localeCompare(b.name));
}

/** The folder of the active editor's file, else the first workspace folder. */
function targetFolder(): vscode.WorkspaceFolder | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** The first of `name.mesa`, `name-2.mesa`, ... that `folder` does not hold (compared without case, as some file systems do). */
async function freeUri(folder: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
    const taken = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([entry]) => entry.toLowerCase()));
    for (const fileName of copyFileNames(name)) {
        if (taken.has(fileName.toLowerCase())) continue;
        const uri = vscode.Uri.joinPath(folder, fileName);
        // Written since the listing? Then it is taken too.
        if (!await vscode.workspace.fs.stat(uri).then(() => true, () => false)) return uri;
    }
    return undefined;
}
