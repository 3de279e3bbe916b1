// The report view's out-of-date mark in a real VS Code (docs/editor.md, The report view):
// an edit of the spec marks the open report out of date with a Rerun link, going back to
// the simulated text makes it current again, the link reruns the simulation, and with
// mesa.report.autoRefresh a save reruns it.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { mesaApi, openExample, setText, waitForReport } = require('./helpers');

/** The out-of-date banner's opening tag in the report page. */
function banner(html) {
    const tag = /<div id="mesa-stale"[^>]*>/.exec(html || '');
    assert.ok(tag, 'the report page has no out-of-date banner');
    return tag[0];
}

/** The command and arguments of the banner's Rerun link. */
function rerunLink(html) {
    const href = /<a class="mesa-rerun" href="command:([^?"]+)\?([^"]+)"/.exec(html);
    assert.ok(href, 'the banner has no Rerun command link');
    return { command: href[1], args: JSON.parse(decodeURIComponent(href[2])) };
}

suite('report view', () => {
    let document;
    let original;
    let api;

    suiteSetup(async () => {
        document = await openExample('button-lamp.mesa');
        original = document.getText();
        api = await mesaApi();
    });

    teardown(async () => {
        if (document.getText() !== original) await setText(document, original);
        if (document.isDirty) await document.save();
    });

    test('an edit marks the report out of date; the simulated text makes it current again', async () => {
        await vscode.commands.executeCommand('mesa.simulate', document.uri.toString());
        assert.strictEqual(api.reportStale(), false);
        assert.match(banner(api.reportHtml()), /data-stale="false" hidden/);

        const marked = waitForReport(api, () => api.reportStale() === true, 'the out-of-date mark');
        await setText(document, original + '\n// an edit after the simulation\n');
        await marked;
        const shown = banner(api.reportHtml());
        assert.match(shown, /data-stale="true"/);
        assert.doesNotMatch(shown, /hidden/);
        assert.deepStrictEqual(rerunLink(api.reportHtml()), { command: 'mesa.simulate', args: [document.uri.toString()] });

        const current = waitForReport(api, () => api.reportStale() === false, 'the report to be current again');
        await setText(document, original);
        await current;
    });

    test('the Rerun link\'s command makes the report current', async () => {
        await vscode.commands.executeCommand('mesa.simulate', document.uri.toString());
        const marked = waitForReport(api, () => api.reportStale() === true, 'the out-of-date mark');
        await setText(document, original.replace('objective mesa Lighting = lamp', 'objective mesa Lamping = lamp'));
        await marked;
        const { command, args } = rerunLink(api.reportHtml());
        const report = await vscode.commands.executeCommand(command, ...args);
        assert.ok(report && report.optimizers.some(o => o.name === 'Lamping'), 'the rerun did not simulate the edited spec');
        assert.strictEqual(api.reportStale(), false);
        assert.match(api.reportHtml(), /Lamping/);
    });

    test('with mesa.report.autoRefresh, saving the spec of an out-of-date report reruns it', async () => {
        const config = vscode.workspace.getConfiguration('mesa', document.uri);
        await config.update('report.autoRefresh', true, vscode.ConfigurationTarget.Workspace);
        try {
            await vscode.commands.executeCommand('mesa.simulate', document.uri.toString());
            const marked = waitForReport(api, () => api.reportStale() === true, 'the out-of-date mark');
            await setText(document, original.replace('objective mesa Lighting = lamp', 'objective mesa Glowing = lamp'));
            await marked;
            const refreshed = waitForReport(api, () => api.reportStale() === false && /Glowing/.test(api.reportHtml()), 'the report of the saved spec');
            assert.ok(await document.save(), 'the spec was not saved');
            await refreshed;
        } finally {
            await config.update('report.autoRefresh', undefined, vscode.ConfigurationTarget.Workspace);
        }
    });
});
