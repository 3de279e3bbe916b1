/**
 * Quick fixes on well-formedness errors (docs/editor.md, Features), found by the
 * diagnostic's code: "Did you mean" on `unresolved-name` (names in scope within a few
 * edits) and "Read 'y' with a delay" on `cycle`. Each fix is applied and the error is
 * gone.
 */
import { EmptyFileSystem, TextDocument } from 'langium';
import { clearDocuments, testCodeAction, validationHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { editDistance, nearestNames } from '../../language/lsp/quick-fix-names.js';
import { createMesaServices } from '../../language/mesa-module.js';
import { IssueCodes } from '../../language/validation/codes.js';

const services = createMesaServices(EmptyFileSystem);
const validate = validationHelper(services.Mesa);
afterEach(() => clearDocuments(services.shared));

/** The quick fixes on the one diagnostic of `code` in `text`, with its message and the text after each. */
async function fixes(text: string, code: string): Promise<{ message: string; titles: string[]; after: string[] }> {
    const { document, diagnostics } = await validate(text);
    const relevant = diagnostics.filter(d => d.code === code);
    expect(relevant.map(d => d.message)).toHaveLength(1);
    const actions = (await services.Mesa.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: relevant[0]!.range, context: { diagnostics: relevant },
    }) ?? []) as CodeAction[];
    const after = actions.map(a => TextDocument.applyEdits(document.textDocument, a.edit!.changes![document.textDocument.uri]!));
    return { message: relevant[0]!.message, titles: actions.map(a => a.title), after };
}

async function errorCodes(text: string): Promise<string[]> {
    return (await validate(text)).diagnostics.filter(d => d.severity === 1).map(d => String(d.code));
}

const lab = 'environment Lab {\n  horizon 4\n  action press, push\n  node lamp = press@2\n  node lump = lamp\n}\n';

describe('did you mean', () => {
    test('a misspelt node in a rule: the one name in scope near it', async () => {
        const text = lab.replace('node lump = lamp', 'node lump = lmap');
        const result = await testCodeAction(services.Mesa)(text, 'linking-error', lab);
        expect(result.action?.title).toBe("Did you mean 'lamp'?");
        expect(result.action?.isPreferred).toBe(true);
        expect(result.diagnosticRelevant.code).toBe(IssueCodes.UnresolvedName);
    });

    test('several names near it: nearest first, each a fix', async () => {
        const text = `${lab}objective base Light = pusk\n`;
        const { titles, after } = await fixes(text, IssueCodes.UnresolvedName);
        // push is one substitution away; press is two (in a budget of one for four letters, it is not offered).
        expect(titles).toEqual(["Did you mean 'push'?"]);
        expect(after[0]).toContain('objective base Light = push\n');
        const near = await fixes(`${lab}objective base Light = lmp\n`, IssueCodes.UnresolvedName);
        expect(near.titles).toEqual(["Did you mean 'lamp'?", "Did you mean 'lump'?"]);
    });

    test('an environment in train, an objective in an optimizer', async () => {
        const text = `${lab}objective base Light = lamp\ntrain Lb\n`;
        expect((await fixes(text, IssueCodes.UnresolvedName)).after).toEqual([`${lab}objective base Light = lamp\ntrain Lab\n`]);
        const optimizer = `${lab}objective base Light = lamp\noptimizer P { objective Lihgt }\n`;
        expect((await fixes(optimizer, IssueCodes.UnresolvedName)).titles).toEqual(["Did you mean 'Light'?"]);
    });

    test('nothing near: no fix', async () => {
        expect((await fixes(`${lab}objective base Light = temperature\n`, IssueCodes.UnresolvedName)).titles).toEqual([]);
    });

    test('edit distance counts a swap of neighbours as one edit, and stops past its limit', () => {
        expect(editDistance('lmap', 'lamp', 3)).toBe(1);
        expect(editDistance('press', 'push', 3)).toBe(3);
        expect(editDistance('a', 'temperature', 2)).toBe(3);
        // A budget of one edit for five letters: door is two away.
        expect(nearestNames('floor', ['flor', 'flood', 'floor', 'door'])).toEqual(['flor', 'flood']);
        // Two for six: nearest first, ties in the order of the scope, at most three.
        expect(nearestNames('sweeps', ['swept', 'dusty_sweeps', 'sweep', 'sleeps', 'sweeper'])).toEqual(['sweep', 'sleeps', 'swept']);
    });
});

describe('cycles', () => {
    test('the node the message suggests is read with a delay, and the cycle is gone', async () => {
        const text = 'environment E {\n  horizon 3\n  action a\n  node x = y + a\n  node y = 2 * x\n}\nobjective base O = x\n';
        const { message, titles, after } = await fixes(text, IssueCodes.Cycle);
        const suggested = /e\.g\. `(\w+)@1`/.exec(message)![1]!;
        expect(titles).toEqual([`Read '${suggested}' with a delay (${suggested}@1)`]);
        expect(after).toEqual([text.replace(`${suggested === 'y' ? 'y + a' : '2 * x'}`, suggested === 'y' ? 'y@1 + a' : '2 * x@1')]);
        expect(await errorCodes(after[0]!)).toEqual([]);
    });

    test('a node reading itself: every undelayed read is delayed, delayed ones are kept', async () => {
        const text = 'environment E {\n  horizon 3\n  action a\n  node x = x + x@2 + max(x, a)\n}\nobjective base O = x\n';
        const { titles, after } = await fixes(text, IssueCodes.Cycle);
        expect(titles).toEqual(["Read 'x' with a delay (x@1)"]);
        expect(after[0]).toContain('node x = x@1 + x@2 + max(x@1, a)\n');
        expect(await errorCodes(after[0]!)).toEqual([]);
    });
});
