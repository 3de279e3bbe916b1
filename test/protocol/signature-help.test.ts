/**
 * Signature help through the bundled language server, as another editor sees it: the
 * server advertises it on `(` and `,` in its `initialize` answer, and
 * `textDocument/signatureHelp` inside a call being typed gives the function's parameters
 * with the one being typed.
 */
import { join } from 'node:path';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import { SignatureHelpRequest } from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureServerBundle, LspSession } from '../helpers/lsp-session.js';

const root = join(import.meta.dirname, '..', '..');
let session: LspSession;
let connection: ProtocolConnection;

beforeAll(async () => {
    ensureServerBundle(root);
    session = await LspSession.start(root, {
        capabilities: { textDocument: { signatureHelp: { signatureInformation: { parameterInformation: { labelOffsetSupport: true } } } } },
    });
    connection = session.connection;
}, 120_000);

afterAll(async () => {
    await session?.stop();
});

test('initialize: signature help on `(` and `,`', () => {
    const provider = session.initializeResult?.capabilities.signatureHelpProvider;
    expect(provider?.triggerCharacters).toEqual(['(', ',']);
    expect(provider?.retriggerCharacters).toEqual([',']);
});

test('inside `clamp(x, ` the signature, on its second parameter', async () => {
    const uri = 'file:///signature/spec.mesa';
    const text = 'environment Lab {\n  horizon 5\n  action press\n  node lamp = clamp(press@1, \n}\n';
    await session.open(uri, text);
    const help = await connection.sendRequest(SignatureHelpRequest.type, {
        textDocument: { uri }, position: { line: 3, character: 29 },
        context: { triggerKind: 2, triggerCharacter: ',', isRetrigger: false },
    });
    expect(help?.signatures.map(s => s.label)).toEqual(['clamp(x, lo, hi)']);
    expect(help?.activeParameter).toBe(1);
    const lo = help!.signatures[0]!.parameters![1]!.label as [number, number];
    expect('clamp(x, lo, hi)'.slice(...lo)).toBe('lo');
});
