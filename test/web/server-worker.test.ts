/**
 * The language server's browser build (dist/web/server.js, docs/browser.md) driven through
 * the browser LSP transport in headless Chromium, from a file:// page, as the web
 * extension and the playground drive it: every editor feature advertised, button-lamp's
 * static and simulation-backed warnings (the README's), completion, hover with the
 * verdicts, and Mesa's requests (the report JSON, its page, the causal graph), including a
 * cancelled simulation after which the next one still runs. The bundle is built from the
 * sources into a folder of this suite's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PageLsp, writeHarnessPage } from '../../bench/web-harness.js';
import { exampleText } from '../helpers/services.js';
import { buildInto, launch, NO_CHROMIUM, chromium, pageErrors } from './browser.js';

const URI = 'file:///work/button-lamp.mesa';

describe.skipIf(!chromium)(`the language server in a web worker${NO_CHROMIUM}`, () => {
    let browser: Browser;
    let lsp: PageLsp;
    let errors: string[];
    let remove = () => undefined as void;
    let capabilities: Record<string, unknown>;

    beforeAll(async () => {
        const built = await buildInto(['web-server']);
        remove = built.remove;
        browser = await launch();
        const page = await browser.newPage();
        errors = pageErrors(page);
        await page.goto(writeHarnessPage(built.dir, readFileSync(join(built.dir, 'web/server.js'), 'utf8')));
        lsp = new PageLsp(page);
        capabilities = (await lsp.initialize()).result!.capabilities;
        await lsp.open(URI, exampleText('button-lamp'));
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
        remove();
    });

    test('advertises every editor feature of docs/editor.md', () => {
        for (const feature of ['completionProvider', 'hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider',
            'documentSymbolProvider', 'documentFormattingProvider', 'codeActionProvider', 'codeLensProvider', 'inlayHintProvider',
            'semanticTokensProvider', 'signatureHelpProvider', 'foldingRangeProvider']) {
            expect(capabilities, feature).toHaveProperty(feature);
        }
    });

    test('button-lamp: the static warnings, then the simulation-backed ones, on the README\'s places', async () => {
        const published = await lsp.diagnostics(URI, ['unidentifiable', 'distribution-shift']);
        const where = published.diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort();
        expect(where).toEqual([
            '16:16 distribution-shift', '16:16 precomputation', '16:16 proxy-side-effect', '16:16 unidentifiable',
            '19:1 learning-path-proxy-first', '19:1 underdetermined-training', '21:1 selection-prefers-proxy',
        ]);
        expect(published.diagnostics.find(d => d.code === 'distribution-shift')?.message)
            .toBe('In deployment environment LabWithSwitch, Pressing scores [30, 30] against Light\'s optimum 40 (worst 0): normalized regret 0.25.');
    });

    test('hover shows what reads an action, and the verdict the analysis found', async () => {
        await lsp.diagnostics(URI, ['unidentifiable']);
        const action = await lsp.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 4, character: 10 } });
        expect(action.result?.contents.value).toContain('**action** `press` in environment `Lab`');
        expect(action.result?.contents.value).toContain('**Read by nodes:** `lamp` (+ @10)');
        const pressing = await lsp.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 15, character: 17 } });
        expect(pressing.result?.contents.value).toContain('**Verdict:** pseudo-aligned (side-effect) · depth 1');
    });

    test('completion offers the environment\'s names', async () => {
        const uri = 'file:///work/completion.mesa';
        const text = `${exampleText('button-lamp')}objective mesa Guess = la`;
        await lsp.open(uri, text);
        const lines = text.split('\n');
        const answer = await lsp.request<{ items: { label: string }[] } | { label: string }[]>('textDocument/completion',
            { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } });
        const items = Array.isArray(answer.result) ? answer.result : answer.result!.items;
        expect(items.map(i => i.label)).toContain('lamp');
    });

    test('mesa/simulate answers with the verdicts; mesa/reportHtml renders them; mesa/causalGraph draws Lab', async () => {
        const report = await lsp.request<{ optimizers: { name: string; verdict: string; kind: string | null; deploy: { normalizedRegret: number }[] }[] }>('mesa/simulate', { uri: URI });
        expect(report.error).toBeUndefined();
        expect(report.result!.optimizers.map(o => [o.name, o.verdict, o.kind, o.deploy[0]!.normalizedRegret])).toEqual([
            ['Pressing', 'pseudo-aligned', 'side-effect', 0.25],
            ['Lighting', 'robust', null, 0],
        ]);
        const page = await lsp.request<{ html: string }>('mesa/reportHtml', { report: report.result, nonce: 'AAAAAAAAAAAAAAAAAAAAAAAA', cspSource: '' });
        expect(page.result?.html).toMatch(/^<!DOCTYPE html>/);
        expect(page.result?.html).toContain('pseudo-aligned');
        expect(page.result?.html).toContain('<svg');
        const graph = await lsp.request<{ env: string; environments: string[]; svg: string }>('mesa/causalGraph', { uri: URI });
        expect(graph.result?.env).toBe('Lab');
        expect(graph.result?.environments).toEqual(['Lab', 'LabWithSwitch']);
        expect(graph.result?.svg).toContain('>lamp<');
    });

    test('a cancelled simulation answers "cancelled", and the next one runs', async () => {
        // x and y count the presses of a and b over 180 steps: 9 s of simulation in Node.
        const slow = 'file:///work/slow.mesa';
        await lsp.open(slow, 'environment Counters {\n  horizon 180\n  action a\n  action b\n  node x = x@1 + a\n  node y = y@1 + b\n}\n'
            + 'objective base X = x\nobjective mesa Y = y\ntrain Counters\ndeploy Counters\n');
        const cancelled = await lsp.requestThenCancel('mesa/simulate', { uri: slow }, 500);
        expect(cancelled.error?.code).toBe(-32800);
        const next = await lsp.request<{ optimizers: { name: string; verdict: string }[] }>('mesa/simulate', { uri: URI });
        expect(next.result?.optimizers.map(o => o.verdict)).toEqual(['pseudo-aligned', 'robust']);
    });

    test('nothing was thrown in the page, and the server logged no failure', async () => {
        expect(errors).toEqual([]);
        expect((await lsp.logs()).filter(l => /fail|error/i.test(l))).toEqual([]);
    });
});
