/**
 * The bundled language server as another editor (Neovim, Helix...) sees it: spawned as
 * `node dist/server.cjs --stdio`, spoken to in JSON-RPC. Initialize, open a spec, wait
 * for its diagnostics, complete inside an objective, and the custom requests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import { CancellationTokenSource, CodeLensRequest, CompletionRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CausalGraphRequest, ReportHtmlRequest, SimulateProgressNotification, SimulateRequest, type SimulateProgressParams } from '../../language/protocol.js';
import type { Report } from '../../language/simulation/report.js';
import { ensureServerBundle, LspSession } from '../helpers/lsp-session.js';
import { BUTTON_LAMP_PHASES } from '../helpers/phases.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'button-lamp.mesa');
const exampleUri = pathToFileURL(example).href;

let session: LspSession;
let connection: ProtocolConnection;

const diagnosticsWhere = (uri: string, accept: (d: Diagnostic[]) => boolean) => session.diagnosticsWhere(uri, accept);
const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code));
const open = (uri: string, text: string) => session.open(uri, text);

beforeAll(async () => {
    ensureServerBundle(root);
    session = await LspSession.start(root, {
        capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, completion: { completionItem: { snippetSupport: true } } } },
    });
    connection = session.connection;
    expect(session.initializeResult?.capabilities.completionProvider).toBeDefined();
}, 120_000);

afterAll(async () => {
    await session?.stop();
});

describe('the bundled server over stdio', () => {
    test('publishes the analyses of button-lamp.mesa', async () => {
        await open(exampleUri, readFileSync(example, 'utf8'));
        // The static analysis comes with validation; the simulation's findings follow from the worker.
        const diagnostics = await diagnosticsWhere(exampleUri, d => codes(d).includes('proxy-side-effect') && codes(d).includes('unidentifiable'));
        for (const code of ['proxy-side-effect', 'unidentifiable']) {
            const onPressing = diagnostics.find(d => d.code === code);
            expect(onPressing?.range, code).toEqual({ start: { line: 15, character: 15 }, end: { line: 15, character: 23 } });
        }
        expect(codes(diagnostics)).not.toContain('syntax-error');
    }, 60_000);

    test('completes the nodes and actions inside an objective', async () => {
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: exampleUri }, position: { line: 15, character: 26 } });
        const items: CompletionItem[] = Array.isArray(result) ? result : (result as CompletionList | null)?.items ?? [];
        const labels = items.map(i => i.label);
        expect(labels).toContain('lamp');
        expect(labels).toContain('press');
    });

    test('offers code lenses that run the extension\'s two commands on the document', async () => {
        const lenses = await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: exampleUri } }) ?? [];
        const commands = lenses.map(l => l.command);
        expect(commands).toContainEqual(expect.objectContaining({ command: 'mesa.simulate', arguments: [exampleUri] }));
        expect(commands).toContainEqual(expect.objectContaining({ command: 'mesa.showGraph', arguments: [exampleUri] }));
    });

    test('mesa/simulate returns the report with the verdicts of the button-lamp example', async () => {
        const report = await connection.sendRequest(SimulateRequest, { uri: exampleUri });
        const pressing = report.optimizers.find(o => o.name === 'Pressing');
        expect(pressing).toMatchObject({ verdict: 'pseudo-aligned', kind: 'side-effect', implicit: true });
        expect(pressing?.deploy.find(d => d.env === 'LabWithSwitch')).toMatchObject({ lo: 30, hi: 30, optimum: 40, normalizedRegret: 0.25 });
        expect(report.optimizers.find(o => o.name === 'Lighting')?.verdict).toBe('robust');
        expect(report.spec).toBe(exampleUri);
    }, 60_000);

    test('mesa/simulate tells its phases to a request that gives a progressId, and nothing to one that does not', async () => {
        const told: SimulateProgressParams[] = [];
        const listening = connection.onNotification(SimulateProgressNotification, p => told.push(p));
        try {
            await connection.sendRequest(SimulateRequest, { uri: exampleUri });
            expect(told).toEqual([]);
            const report = await connection.sendRequest(SimulateRequest, { uri: exampleUri, progressId: 'run-7' });
            expect(report.optimizers.find(o => o.name === 'Pressing')?.verdict).toBe('pseudo-aligned');
            expect(told.map(p => p.progressId)).toEqual(Array(8).fill('run-7'));
            expect(told.map(p => p.stage)).toEqual(BUTTON_LAMP_PHASES);
        } finally {
            listening.dispose();
        }
    }, 60_000);

    test('mesa/simulate can be cancelled', async () => {
        const source = new CancellationTokenSource();
        const request = connection.sendRequest(SimulateRequest, { uri: exampleUri }, source.token);
        source.cancel();
        const error = await request.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<void>).code).toBe(LSPErrorCodes.RequestCancelled);
    });

    test('mesa/simulate refuses a spec with errors and says how many', async () => {
        const uri = 'file:///broken/spec.mesa';
        await open(uri, 'environment Lab {\n  horizon 5\n  action press\n  node lamp = missing\n}\nobjective base Light = lamp\n');
        await diagnosticsWhere(uri, d => d.some(x => x.severity === 1));
        await expect(connection.sendRequest(SimulateRequest, { uri })).rejects.toThrow(/fix the (error|\d+ errors) first/);
    });

    test('mesa/causalGraph lays out each environment as SVG', async () => {
        const graph = await connection.sendRequest(CausalGraphRequest, { uri: exampleUri });
        expect(graph.env).toBe('Lab');
        expect(graph.environments).toEqual(['Lab', 'LabWithSwitch']);
        expect(graph.dot).toContain('"press" -> "lamp"');
        expect(graph.svg).toMatch(/<svg[\s\S]*<\/svg>/);
        const deployed = await connection.sendRequest(CausalGraphRequest, { uri: exampleUri, env: 'LabWithSwitch' });
        expect(deployed.dot).toContain('"flip"');
    });

    test('mesa/reportHtml renders under a nonce CSP and escapes every name', async () => {
        const report = await connection.sendRequest(SimulateRequest, { uri: exampleUri });
        const evil = '<img src=x onerror=alert(1)>';
        const tampered: Report = { ...report, optimizers: report.optimizers.map(o => (o.name === 'Pressing' ? { ...o, name: evil } : o)) };
        const nonce = 'bm9uY2Utb2YtdGhlLXRlc3Qx';
        const { html } = await connection.sendRequest(ReportHtmlRequest, { report: tampered, nonce, cspSource: 'vscode-webview://test' });
        // Checked as booleans: a failure should not print a 170 kB page.
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;|&#x27;/g, "'");
        expect(csp).toBe(`default-src 'none'; img-src vscode-webview://test data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`);
        expect(html.includes(evil), 'the name is escaped').toBe(false);
        expect(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is shown').toBe(true);
        expect(html.includes('pseudo-aligned')).toBe(true);
        expect(/<script(?![^>]*nonce=)/.test(html), 'every script has the nonce').toBe(false);
        await expect(connection.sendRequest(ReportHtmlRequest, { report: tampered, nonce: 'short', cspSource: '' })).rejects.toThrow(/nonce/);
    }, 60_000);

    test('logs nothing alarming on stderr', () => {
        expect(session.stderr).not.toMatch(/Error|exception/i);
    });
});
