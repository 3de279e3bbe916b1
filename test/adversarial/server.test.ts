/**
 * The quick fix through the bundled language server, as an editor sees it: the
 * `underdetermined-training` diagnostic comes from the analysis worker with its data,
 * and `textDocument/codeAction` on it returns "Add distinguishing environments".
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import {
    CodeActionRequest, createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
    InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TextDocument } from 'langium';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'cleaning.mesa');
const uri = pathToFileURL(example).href;
let server: ChildProcess;
let connection: ProtocolConnection;
let underdetermined: Promise<Diagnostic>;

beforeAll(async () => {
    execFileSync(process.execPath, ['esbuild.mjs', 'server', 'worker'], { cwd: root });
    server = spawn(process.execPath, [join(root, 'dist', 'server.cjs'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    underdetermined = new Promise(resolve => connection.onNotification(PublishDiagnosticsNotification.type, params => {
        const d = params.diagnostics.find(x => x.code === 'underdetermined-training');
        if (params.uri === uri && d) resolve(d);
    }));
    for (const method of ['workspace/configuration', 'client/registerCapability', 'window/workDoneProgress/create',
        'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
        connection.onRequest(method, (params: { items?: unknown[] }) => (params?.items ? params.items.map(() => null) : null));
    }
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: null, workspaceFolders: null,
        capabilities: { workspace: { configuration: true }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } },
    });
    expect(result.capabilities.codeActionProvider).toBeTruthy();
    await connection.sendNotification(InitializedNotification.type, {});
}, 120_000);

afterAll(async () => {
    if (!connection) return;
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    if (server.exitCode === null) server.kill();
});

test('cleaning: the diagnostic carries the environments; the quick fix inserts them', async () => {
    const text = readFileSync(example, 'utf8');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'mesa', version: 1, text } });
    const diagnostic = await underdetermined;
    expect(diagnostic.message).toMatch(/^4 enumerated objectives no longer than Clean \(8\.00 bits\) fit training without being robust: sweep, dusty_sweeps, final\(sweep\), final\(bin\)\./);
    const actions = await connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) as CodeAction[];
    expect(actions.map(a => a.title)).toEqual(['Add distinguishing environments']);
    const edited = TextDocument.applyEdits(TextDocument.create(uri, 'mesa', 1, text), actions[0]!.edit!.changes![uri]!);
    expect(edited).toContain('environment RoomDistinguish2 extends Room {\n  action raise_floor\n');
    expect(edited).toContain('train Room, RoomDistinguish1, RoomDistinguish2\n');
}, 60_000);
