// The commands in a real VS Code: Run Simulation (report view) and Show Causal Graph.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { mesaApi, openExample } = require('./helpers');

suite('commands', () => {
    let document;
    let api;

    suiteSetup(async () => {
        document = await openExample('button-lamp.mesa');
        api = await mesaApi();
    });

    test('both commands are registered', async () => {
        const commands = await vscode.commands.getCommands(true);
        assert.ok(commands.includes('mesa.simulate'));
        assert.ok(commands.includes('mesa.showGraph'));
    });

    test('mesa.simulate returns the report and shows its verdicts', async () => {
        const report = await vscode.commands.executeCommand('mesa.simulate', document.uri.toString());
        assert.ok(report, 'the command returned no report');
        const pressing = report.optimizers.find(o => o.name === 'Pressing');
        const lighting = report.optimizers.find(o => o.name === 'Lighting');
        assert.strictEqual(pressing.verdict, 'pseudo-aligned');
        assert.strictEqual(pressing.kind, 'side-effect');
        assert.strictEqual(lighting.verdict, 'robust');
        const html = api.reportHtml();
        assert.ok(html, 'the report view shows nothing');
        assert.match(html, /Content-Security-Policy/);
        assert.match(html, /Pressing/);
        assert.match(html, /pseudo-aligned/);
        assert.match(html, /class="src"[^>]*data-line="15"/, 'a link from the report back to line 16');
    });

    test('a second run replaces the first', async () => {
        const first = vscode.commands.executeCommand('mesa.simulate', document.uri.toString());
        const second = vscode.commands.executeCommand('mesa.simulate', document.uri.toString());
        const [a, b] = await Promise.all([first, second]);
        assert.strictEqual(a, undefined, 'the first run was not cancelled');
        assert.ok(b && b.optimizers.length > 0);
    });

    test('mesa.showGraph lays out the training environment', async () => {
        await vscode.commands.executeCommand('mesa.showGraph', document.uri.toString());
        const html = api.graphHtml();
        assert.ok(html, 'the graph view shows nothing');
        assert.match(html, /<svg/);
        assert.match(html, /<option selected>Lab<\/option>/);
        assert.match(html, /LabWithSwitch/);
    });
});
