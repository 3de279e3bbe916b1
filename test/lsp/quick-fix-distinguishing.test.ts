/**
 * The quick fix on `underdetermined-training` makes the edit each kind of distinguishing
 * environment needs (docs/analyses.md, Quick fix: Add distinguishing environments), and
 * says what it does: a declared environment added to `train` ("Train also in
 * LabWithSwitch"), a training environment's binding widened ("Train also in
 * Corridor(coin in 4..8)"), synthesised environments inserted ("Add distinguishing
 * environments"); `mesa distinguish` makes the same edit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmptyFileSystem, TextDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { runDistinguish } from '../../cli/distinguish.js';
import { compileDocument } from '../../language/compile/model-cache.js';
import { findingToDiagnostic } from '../../language/findings/finding-to-diagnostic.js';
import { analyzeBySimulation } from '../../language/findings/simulation-analysis.js';
import type { Spec } from '../../language/generated/ast.js';
import { createMesaServices } from '../../language/mesa-module.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { IssueCodes } from '../../language/validation/codes.js';
import { exampleText, publishedText } from '../helpers/services.js';
import { CORRIDOR } from '../simulation/spec-texts.js';

const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));


async function quickFix(text: string): Promise<{ action: CodeAction; message: string; edits: TextEdit[]; edited: string }> {
    const document = await parseHelper<Spec>(services.Mesa)(text);
    const spec = compileDocument(document) as CompiledSpec;
    const diagnostic = analyzeBySimulation(spec, { maxStates: 200_000, timeBudgetMs: 20_000 }).findings
        .filter(f => f.code === IssueCodes.UnderdeterminedTraining).map(findingToDiagnostic)[0]!;
    const actions = (await services.Mesa.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    }) ?? []) as CodeAction[];
    expect(actions).toHaveLength(1);
    const edits = actions[0]!.edit!.changes![document.uri.toString()]!;
    const edited = TextDocument.applyEdits(TextDocument.create('x', 'mesa', 1, text), edits);
    return { action: actions[0]!, message: diagnostic.message, edits, edited };
}

describe('the quick fix, by kind', () => {
    test('a declared environment: appended to train', async () => {
        const text = exampleText('button-lamp');
        const { action, message, edits, edited } = await quickFix(text);
        expect(action.title).toBe('Train also in LabWithSwitch');
        expect(message).toContain('Training also in LabWithSwitch (quick fix) rules out press.');
        expect(edits).toHaveLength(1);
        expect(edited).toBe(text.replace('train Lab\n', 'train Lab, LabWithSwitch\n'));
    });

    test('a parameter: the training binding widened in place', async () => {
        const { action, edits, edited } = await quickFix(CORRIDOR);
        expect(action.title).toBe('Train also in Corridor(coin in 4..8)');
        // `coin = 8` is line 10, characters 15..23.
        expect(edits).toEqual([{ range: { start: { line: 10, character: 15 }, end: { line: 10, character: 23 } }, newText: 'coin in 4..8' }]);
        expect(edited).toBe(CORRIDOR.replace('train Corridor(coin = 8)', 'train Corridor(coin in 4..8)'));
    });

    test('declared first, then synthesised environments: inserted, and all added to train', async () => {
        const text = publishedText('absent-supervisor');
        const { action, edited } = await quickFix(text);
        expect(action.title).toBe('Add distinguishing environments');
        expect(edited).toMatch(/\ntrain Watched, Unwatched, WatchedDistinguish1, /);
        expect(edited).toContain('\n\n// Distinguishing environment: adds action raise_goal, which raises goal by 1 for a step.\nenvironment WatchedDistinguish1 extends Watched {\n');
    });
});

describe('mesa distinguish', () => {
    test('the corridor: widens the binding and says so', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mesa-distinguish-'));
        const path = join(dir, 'corridor.mesa');
        writeFileSync(path, CORRIDOR);
        const o = { stdout: '', stderr: '' };
        const code = await runDistinguish(services.Mesa, path, { write: false, maxStates: 5_000_000 }, {
            stdout: t => { o.stdout += t; }, stderr: t => { o.stderr += t; },
        });
        expect(code).toBe(0);
        expect(o.stdout).toBe(CORRIDOR.replace('train Corridor(coin = 8)', 'train Corridor(coin in 4..8)'));
        expect(o.stderr).toBe('mesa: Corridor(coin in 4..8) widens coin from 8 to 4..8; rules out right, x\n');
    });
});
