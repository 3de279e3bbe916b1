/**
 * The bundled language server as another editor (Neovim, Helix...) sees it: spawned as
 * `node dist/server.cjs --stdio`, spoken to in JSON-RPC. Initialize, open a spec, wait
 * for its diagnostics, complete inside an objective, and the custom requests.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node.js';
import {
    CancellationTokenSource, CodeLensRequest, CompletionRequest, createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification,
    InitializedNotification, InitializeRequest, LSPErrorCodes, PublishDiagnosticsNotification, ResponseError, ShutdownRequest,
    StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CausalGraphResult } from '../../language/protocol.js';
import { CausalGraphMethod, SimulateMethod } from '../../language/protocol.js';
import type { ReportHtmlResult } from '../../language/protocol-report.js';
import { ReportHtmlMethod } from '../../language/protocol-report.js';
import type { Report } from '../../language/report/types.js';

const root = join(import.meta.dirname, '..', '..');
const serverBundle = join(root, 'dist', 'server.cjs');
const example = join(root, 'examples', 'button-lamp.mesa');
const exampleUri = pathToFileURL(example).href;

let server: ChildProcess;
let connection: ProtocolConnection;
let stderr = '';
const published = new Map<string, Diagnostic[]>();
const publishListeners: (() => boolean)[] = [];

/** Rebuilds the server and worker bundles when they are missing or older than a source. */
function ensureBundle(): void {
    const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return Math.max(latest, newest(path));
        return entry.name.endsWith('.ts') ? Math.max(latest, statSync(path).mtimeMs) : latest;
    }, 0);
    const built = ['server.cjs', 'worker.cjs'].map(f => join(root, 'dist', f));
    const stale = built.some(f => !existsSync(f)) || Math.min(...built.map(f => statSync(f).mtimeMs)) < Math.max(newest(join(root, 'language')), newest(join(root, 'server')));
    if (stale) execFileSync(process.execPath, ['esbuild.mjs', 'server', 'worker'], { cwd: root });
}

/** Resolves with a document's diagnostics once `accept` holds for the latest publication. */
function diagnosticsWhere(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise(resolve => {
        const check = () => {
            const diagnostics = published.get(uri);
            if (!diagnostics || !accept(diagnostics)) return false;
            resolve(diagnostics);
            return true;
        };
        if (!check()) publishListeners.push(check);
    });
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code));

function open(uri: string, text: string): Promise<void> {
    return connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'mesa', version: 1, text } });
}

beforeAll(async () => {
    ensureBundle();
    server = spawn(process.execPath, [serverBundle, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr!.on('data', chunk => { stderr += String(chunk); });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
        published.set(params.uri, params.diagnostics);
        for (let i = publishListeners.length - 1; i >= 0; i--) if (publishListeners[i]!()) publishListeners.splice(i, 1);
    });
    // Requests an editor answers: settings (none: the server's defaults), registrations, progress.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
            workspace: { configuration: true },
            textDocument: { publishDiagnostics: { relatedInformation: true }, completion: { completionItem: { snippetSupport: true } } },
        },
    });
    expect(result.capabilities.completionProvider).toBeDefined();
    await connection.sendNotification(InitializedNotification.type, {});
}, 120_000);

afterAll(async () => {
    if (!connection) return;
    const exited = new Promise(resolve => server.once('exit', resolve));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))]);
    connection.dispose();
    if (server.exitCode === null) server.kill();
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

    test('mesa/simulate returns the report with the verdicts of DESIGN §5.3', async () => {
        const report = await connection.sendRequest<Report>(SimulateMethod, { uri: exampleUri });
        const pressing = report.optimizers.find(o => o.name === 'Pressing');
        expect(pressing).toMatchObject({ verdict: 'pseudo-aligned', kind: 'side-effect', implicit: true });
        expect(pressing?.deploy.find(d => d.env === 'LabWithSwitch')).toMatchObject({ lo: 30, hi: 30, optimum: 40, normalizedRegret: 0.25 });
        expect(report.optimizers.find(o => o.name === 'Lighting')?.verdict).toBe('robust');
        expect(report.spec).toBe(exampleUri);
    }, 60_000);

    test('mesa/simulate can be cancelled', async () => {
        const source = new CancellationTokenSource();
        const request = connection.sendRequest<Report>(SimulateMethod, { uri: exampleUri }, source.token);
        source.cancel();
        const error = await request.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<void>).code).toBe(LSPErrorCodes.RequestCancelled);
    });

    test('mesa/simulate refuses a spec with errors and says how many', async () => {
        const uri = 'file:///broken/spec.mesa';
        await open(uri, 'environment Lab {\n  horizon 5\n  action press\n  node lamp = missing\n}\nobjective base Light = lamp\n');
        await diagnosticsWhere(uri, d => d.some(x => x.severity === 1));
        await expect(connection.sendRequest(SimulateMethod, { uri })).rejects.toThrow(/fix the (error|\d+ errors) first/);
    });

    test('mesa/causalGraph lays out each environment as SVG', async () => {
        const graph = await connection.sendRequest<CausalGraphResult>(CausalGraphMethod, { uri: exampleUri });
        expect(graph.env).toBe('Lab');
        expect(graph.environments).toEqual(['Lab', 'LabWithSwitch']);
        expect(graph.dot).toContain('"press" -> "lamp"');
        expect(graph.svg).toMatch(/<svg[\s\S]*<\/svg>/);
        const deployed = await connection.sendRequest<CausalGraphResult>(CausalGraphMethod, { uri: exampleUri, env: 'LabWithSwitch' });
        expect(deployed.dot).toContain('"flip"');
    });

    test('mesa/reportHtml renders under a nonce CSP and escapes every name', async () => {
        const report = await connection.sendRequest<Report>(SimulateMethod, { uri: exampleUri });
        const evil = '<img src=x onerror=alert(1)>';
        const tampered: Report = { ...report, optimizers: report.optimizers.map(o => (o.name === 'Pressing' ? { ...o, name: evil } : o)) };
        const nonce = 'bm9uY2Utb2YtdGhlLXRlc3Qx';
        const { html } = await connection.sendRequest<ReportHtmlResult>(ReportHtmlMethod, { report: tampered, nonce, cspSource: 'vscode-webview://test' });
        // Checked as booleans: a failure should not print a 170 kB page.
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;|&#x27;/g, "'");
        expect(csp).toBe(`default-src 'none'; img-src vscode-webview://test data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`);
        expect(html.includes(evil), 'the name is escaped').toBe(false);
        expect(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is shown').toBe(true);
        expect(html.includes('pseudo-aligned')).toBe(true);
        expect(/<script(?![^>]*nonce=)/.test(html), 'every script has the nonce').toBe(false);
        await expect(connection.sendRequest(ReportHtmlMethod, { report: tampered, nonce: 'short', cspSource: '' })).rejects.toThrow(/nonce/);
    }, 60_000);

    test('logs nothing alarming on stderr', () => {
        expect(stderr).not.toMatch(/Error|exception/i);
    });
});
