// Language features through VS Code's own provider commands, as the editor calls them.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openExample } = require('./helpers');

suite('editor features', () => {
    let document;

    suiteSetup(async () => {
        document = await openExample('button-lamp.mesa');
    });

    test('completion inside an objective offers the nodes and actions', async () => {
        // Line 16: `objective mesa Pressing = press`; at the start of `press`.
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(15, 26));
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.includes('lamp'), `lamp missing from ${labels.join(', ')}`);
        assert.ok(labels.includes('press'), `press missing from ${labels.join(', ')}`);
    });

    test('hover on a node shows its rule', async () => {
        // Line 15: `objective base Light = lamp`; on `lamp`.
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, new vscode.Position(14, 24));
        const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.match(text, /lamp/);
    });

    test('code lenses run the two commands', async () => {
        const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
        const commands = lenses.map(l => l.command && l.command.command);
        assert.ok(commands.includes('mesa.simulate'));
        assert.ok(commands.includes('mesa.showGraph'));
    });
});
