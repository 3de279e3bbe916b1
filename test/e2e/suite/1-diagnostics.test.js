// Diagnostics of examples/button-lamp.mesa in a real VS Code: the analyses' warnings on
// the proxy objective, and how edits change them.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { codeOf, hasCode, mesaApi, openExample, setText, waitForDiagnostics } = require('./helpers');

// `objective mesa Pressing = press` is line 16 (15 from 0); the name spans characters 15..23.
const PRESSING = new vscode.Range(15, 15, 15, 23);

suite('diagnostics', () => {
    let document;
    let original;

    suiteSetup(async () => {
        document = await openExample('button-lamp.mesa');
        original = document.getText();
        await mesaApi();
    });

    teardown(async () => {
        if (document.getText() !== original) await setText(document, original);
    });

    test('the extension activates on a .mesa file and the server answers', () => {
        assert.strictEqual(document.languageId, 'mesa');
        assert.ok(vscode.extensions.getExtension('mesa-tools.mesa').isActive);
        assert.strictEqual(document.lineAt(15).text.slice(PRESSING.start.character, PRESSING.end.character), 'Pressing');
    });

    test('a syntax error is reported, and goes away when fixed', async () => {
        await setText(document, original.replace('objective mesa Pressing = press', 'objective mesa Pressing = press +'));
        const diagnostics = await waitForDiagnostics(document.uri, hasCode('syntax-error'), 'a syntax-error');
        assert.ok(diagnostics.find(d => codeOf(d) === 'syntax-error').range.start.line >= 15);
        await setText(document, original);
        await waitForDiagnostics(document.uri, d => !hasCode('syntax-error')(d), 'the syntax error to go');
    });

    test('unidentifiable and proxy-side-effect mark the name of Pressing', async () => {
        const diagnostics = await waitForDiagnostics(document.uri,
            d => hasCode('unidentifiable')(d) && hasCode('proxy-side-effect')(d), 'unidentifiable and proxy-side-effect');
        for (const code of ['unidentifiable', 'proxy-side-effect']) {
            const onPressing = diagnostics.filter(d => codeOf(d) === code && d.range.isEqual(PRESSING));
            assert.strictEqual(onPressing.length, 1, `${code} on Pressing: ${JSON.stringify(diagnostics.map(d => [codeOf(d), d.range]))}`);
            assert.strictEqual(onPressing[0].severity, vscode.DiagnosticSeverity.Warning);
        }
        // Lighting targets the lamp itself: no proxy warning on it (line 17, 16 from 0).
        assert.ok(!diagnostics.some(d => codeOf(d) === 'proxy-side-effect' && d.range.start.line === 16));
    });

    test('making Pressing target the lamp removes its proxy warning', async () => {
        await waitForDiagnostics(document.uri, hasCode('proxy-side-effect'), 'proxy-side-effect');
        await setText(document, original.replace('objective mesa Pressing = press', 'objective mesa Pressing = lamp'));
        const after = await waitForDiagnostics(document.uri,
            d => !d.some(x => codeOf(x) === 'proxy-side-effect' && x.range.start.line === 15), 'proxy-side-effect to leave Pressing');
        assert.ok(!after.some(d => codeOf(d) === 'syntax-error'));
    });
});
