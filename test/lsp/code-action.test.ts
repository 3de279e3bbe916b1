/**
 * The quick fix "Add distinguishing environments" on `underdetermined-training`: found
 * by the diagnostic's code, it inserts the environments its data carries and adds them
 * to `train`, as `mesa distinguish` does; and the `mesa distinguish` command itself.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmptyFileSystem, TextDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyzeBySimulation } from '../../language/findings/simulation-analysis.js';
import { compileDocument } from '../../language/compile/model-cache.js';
import { findingToDiagnostic } from '../../language/findings/finding-to-diagnostic.js';
import { createMesaServices } from '../../language/mesa-module.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import type { Spec } from '../../language/generated/ast.js';
import { IssueCodes } from '../../language/validation/codes.js';
import { runDistinguish } from '../../cli/distinguish.js';
import { exampleText } from '../helpers/services.js';
import { isSubsequence, simulateText, verdictOf, withDistinguishing } from '../simulation/adversarial/pipeline.js';

const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));

async function quickFix(text: string): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic; edited: string }> {
    const document = await parseHelper<Spec>(services.Mesa)(text);
    const spec = compileDocument(document) as CompiledSpec;
    const diagnostic = analyzeBySimulation(spec, { maxStates: 200_000, timeBudgetMs: 10_000 }).findings
        .filter(f => f.code === IssueCodes.UnderdeterminedTraining).map(findingToDiagnostic)[0]!;
    const actions = (await services.Mesa.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) ?? []) as CodeAction[];
    const edits = actions[0]?.edit?.changes?.[document.uri.toString()] ?? [];
    const edited = TextDocument.applyEdits(TextDocument.create('x', 'mesa', 1, text), edits);
    return { actions, diagnostic, edited };
}

describe('quick fix', () => {
    test('button-lamp: one quick fix on the diagnostic, the same text as mesa distinguish', async () => {
        const text = exampleText('button-lamp');
        const { actions, diagnostic, edited } = await quickFix(text);
        expect(actions.map(a => [a.title, a.kind, a.isPreferred])).toEqual([['Train also in LabWithSwitch', 'quickfix', true]]);
        expect(actions[0]!.diagnostics).toEqual([diagnostic]);
        expect(actions[0]!.edit!.changes![Object.keys(actions[0]!.edit!.changes!)[0]!]!.every(e =>
            e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character)).toBe(true);
        expect(isSubsequence(text, edited)).toBe(true);
        const before = await simulateText(text);
        expect(edited).toBe(await withDistinguishing(text, before.report));
        expect(verdictOf((await simulateText(edited)).report, 'Pressing')).toBe('misaligned');
    });

    test('no quick fix for other codes or without data', async () => {
        const document = await parseHelper(services.Mesa)(exampleText('button-lamp'));
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
        const other: Diagnostic = { range, message: 'x', code: IssueCodes.Unidentifiable, data: { environments: [] } };
        const bare: Diagnostic = { range, message: 'x', code: IssueCodes.UnderdeterminedTraining };
        const actions = await services.Mesa.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range, context: { diagnostics: [other, bare] },
        });
        expect(actions).toBeUndefined();
    });
});

describe('mesa distinguish', () => {
    const out = () => {
        const o = { stdout: '', stderr: '' };
        return { o, sink: { stdout: (t: string) => { o.stdout += t; }, stderr: (t: string) => { o.stderr += t; } } };
    };

    test('prints the edited spec; --write rewrites the file in place', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mesa-distinguish-'));
        const path = join(dir, 'cleaning.mesa');
        const text = exampleText('cleaning');
        writeFileSync(path, text);
        const printed = out();
        expect(await runDistinguish(services.Mesa, path, { write: false, maxStates: 5_000_000 }, printed.sink)).toBe(0);
        expect(readFileSync(path, 'utf8')).toBe(text);
        expect(printed.o.stdout).toContain('train Room, Home, RoomDistinguish1, RoomDistinguish2\n');
        expect(printed.o.stderr).toContain('mesa: RoomDistinguish1 adds action raise_dusty_sweeps');
        const written = out();
        expect(await runDistinguish(services.Mesa, path, { write: true, maxStates: 5_000_000 }, written.sink)).toBe(0);
        expect(readFileSync(path, 'utf8')).toBe(printed.o.stdout);
        expect(written.o.stdout).toBe('');
        // Once applied, nothing is left to add.
        const again = out();
        expect(await runDistinguish(services.Mesa, path, { write: false, maxStates: 5_000_000 }, again.sink)).toBe(0);
        expect(again.o.stderr).toMatch(/nothing to add: no enumerated or declared objective fits training without being robust/);
        expect(again.o.stdout).toBe(printed.o.stdout);
    });
});
