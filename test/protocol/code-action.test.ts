/**
 * The quick fix through the bundled language server, as an editor sees it: the
 * `underdetermined-training` diagnostic comes from the analysis worker with its data,
 * and `textDocument/codeAction` on it returns "Add distinguishing environments".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TextDocument } from 'langium';
import { ensureServerBundle, LspSession } from '../helpers/lsp-session.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'cleaning.mesa');
const uri = pathToFileURL(example).href;
let session: LspSession;
let connection: ProtocolConnection;
let underdetermined: Promise<Diagnostic>;

beforeAll(async () => {
    ensureServerBundle(root);
    session = await LspSession.start(root, {
        capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } },
    });
    connection = session.connection;
    underdetermined = session.next(p => p.uri === uri && p.diagnostics.some(x => x.code === 'underdetermined-training'))
        .then(p => p.diagnostics.find(x => x.code === 'underdetermined-training')!);
    expect(session.initializeResult?.capabilities.codeActionProvider).toBeTruthy();
}, 120_000);

afterAll(async () => {
    await session?.stop();
});

test('cleaning: the diagnostic carries the environments; the quick fix inserts them', async () => {
    const text = readFileSync(example, 'utf8');
    await session.open(uri, text);
    const diagnostic = await underdetermined;
    expect(diagnostic.message).toMatch(/^4 enumerated objectives no longer than Clean \(8\.00 bits\) fit training without being robust: sweep, dusty_sweeps, final\(sweep\), final\(bin\)\./);
    const actions = await connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) as CodeAction[];
    expect(actions.map(a => a.title)).toEqual(['Add distinguishing environments']);
    const edited = TextDocument.applyEdits(TextDocument.create(uri, 'mesa', 1, text), actions[0]!.edit!.changes![uri]!);
    expect(edited).toContain('environment RoomDistinguish2 extends Room {\n  action raise_floor\n');
    // Home, the declared deployment environment, comes first (docs/analyses.md, Distinguishing environments).
    expect(edited).toContain('train Room, Home, RoomDistinguish1, RoomDistinguish2\n');
}, 60_000);
