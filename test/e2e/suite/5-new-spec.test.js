// Mesa: New Spec from Example in a real VS Code (docs/editor.md, Commands): the example
// the extension ships is written into the workspace folder under a free name (the
// workspace already holds button-lamp.mesa, which stays untouched), opened, and checked
// like any spec; an unknown name writes nothing.
'use strict';
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const { exampleUri, hasCode, waitForDiagnostics } = require('./helpers');

const read = async uri => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

suite('new spec from example', () => {
    const created = [];
    let shipped;

    suiteSetup(async () => {
        const extension = vscode.extensions.getExtension('mesa-tools.mesa');
        await extension.activate();
        shipped = await read(vscode.Uri.joinPath(extension.extensionUri, 'examples', 'button-lamp.mesa'));
    });

    suiteTeardown(async () => {
        for (const uri of created) await vscode.workspace.fs.delete(uri);
    });

    test('the command is registered', async () => {
        assert.ok((await vscode.commands.getCommands(true)).includes('mesa.newSpecFromExample'));
    });

    test('writes the example under a free name, never over a file, and opens it', async () => {
        const existing = exampleUri('button-lamp.mesa');
        const before = await read(existing);

        const first = await vscode.commands.executeCommand('mesa.newSpecFromExample', 'button-lamp');
        assert.ok(first, 'the command returned no file');
        created.push(first);
        assert.strictEqual(path.posix.basename(first.path), 'button-lamp-2.mesa');
        assert.strictEqual(path.posix.dirname(first.path), path.posix.dirname(existing.path));
        assert.strictEqual(await read(first), shipped);
        const editor = vscode.window.activeTextEditor;
        assert.ok(editor, 'no editor is active');
        assert.strictEqual(editor.document.uri.toString(), first.toString());
        assert.strictEqual(editor.document.languageId, 'mesa');

        const second = await vscode.commands.executeCommand('mesa.newSpecFromExample', 'button-lamp');
        created.push(second);
        assert.strictEqual(path.posix.basename(second.path), 'button-lamp-3.mesa');
        assert.strictEqual(await read(first), shipped, 'the first copy was overwritten');
        assert.strictEqual(await read(existing), before, 'the workspace\'s own button-lamp.mesa changed');
    });

    test('the new spec is checked like any other', async () => {
        await waitForDiagnostics(created[0], hasCode('unidentifiable'), 'unidentifiable on the copy');
    });

    test('an unknown example name writes nothing', async () => {
        const folder = path.posix.dirname(exampleUri('button-lamp.mesa').path);
        const listing = async () => (await vscode.workspace.fs.readDirectory(exampleUri('button-lamp.mesa').with({ path: folder }))).map(([name]) => name).sort();
        const before = await listing();
        assert.strictEqual(await vscode.commands.executeCommand('mesa.newSpecFromExample', 'no-such-example'), undefined);
        assert.deepStrictEqual(await listing(), before);
    });
});
