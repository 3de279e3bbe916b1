/**
 * The bundled server over stdio, as any LSP editor sees it (docs/editor.md, Diagnostics
 * while typing): a typo in a name withdraws the simulation-backed warnings of the text
 * before it, leaving one info that the analysis waits for the errors to be fixed; the
 * fix brings fresh warnings back and the info goes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureServerBundle, LspSession } from '../helpers/lsp-session.js';

const root = join(import.meta.dirname, '..', '..');
const text = readFileSync(join(root, 'examples', 'button-lamp.mesa'), 'utf8');
const uri = 'file:///withdrawn/button-lamp.mesa';
const SIMULATION_CODES = ['unidentifiable', 'distribution-shift', 'selection-prefers-proxy', 'underdetermined-training'];
const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code));

let session: LspSession;

beforeAll(async () => {
    ensureServerBundle(root);
    session = await LspSession.start(root, { settings: { analysis: { trigger: 'onChange', maxStates: 200_000, timeBudgetMs: 10_000, debounceMs: 0 } } });
}, 120_000);

afterAll(async () => {
    await session?.stop();
});

describe('simulation-backed diagnostics while the spec has errors', () => {
    test('are withdrawn on a typo, with one info, and come back fresh when it is fixed', async () => {
        await session.open(uri, text);
        await session.diagnosticsWhere(uri, d => SIMULATION_CODES.every(code => codes(d).includes(code)));

        session.change(uri, 2, text.replace('train Lab\n', 'train Labb\n'));
        const broken = await session.diagnosticsWhere(uri, d => codes(d).includes('unresolved-name'));
        expect(codes(broken).filter(c => SIMULATION_CODES.includes(c))).toEqual([]);
        const waiting = broken.filter(d => d.code === 'analysis-waiting');
        expect(waiting).toEqual([{
            severity: 3, code: 'analysis-waiting', source: 'mesa',
            range: { start: { line: 18, character: 0 }, end: { line: 18, character: 5 } },
            message: 'The simulation-backed analysis waits for the errors to be fixed: its 5 earlier results are withdrawn until then.',
        }]);

        session.change(uri, 3, text);
        const fixed = await session.diagnosticsWhere(uri, d => SIMULATION_CODES.every(code => codes(d).includes(code)));
        expect(codes(fixed)).not.toContain('analysis-waiting');
        expect(codes(fixed)).not.toContain('unresolved-name');
    }, 60_000);
});
