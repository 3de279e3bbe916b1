/**
 * Typing and formatting agree (docs/editor.md, Settings): the extension contributes the
 * editor defaults of `.mesa` files, and the indent they make Enter and Tab insert is the
 * one the formatter writes, whatever tab settings it is asked with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMesaServices } from '../../language/mesa-module.js';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configurationDefaults?: Record<string, Record<string, unknown>> };
};
const services = createMesaServices(EmptyFileSystem);

/** The indentation of the member lines the formatter writes, asked with the given tab settings. */
async function formattedIndents(tabSize: number, insertSpaces: boolean): Promise<string[]> {
    const text = 'environment Lab {\nhorizon 40\n\t\taction press\n      node lamp = press@10\n}\nobjective base Light = lamp\ntrain Lab\n';
    const document = await parseHelper(services.Mesa)(text);
    const edits = await services.Mesa.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize, insertSpaces },
    });
    const formatted = TextDocument.applyEdits(TextDocument.create('file:///f.mesa', 'mesa', 1, text), edits);
    return formatted.split('\n').filter(line => /^\s+\S/.test(line)).map(line => /^\s+/.exec(line)![0]);
}

describe('the editor defaults of .mesa files', () => {
    const defaults = manifest.contributes.configurationDefaults?.['[mesa]'];

    test('are contributed: spaces, a tab size, and no guessing from the file', () => {
        expect(defaults).toEqual({ 'editor.tabSize': 2, 'editor.insertSpaces': true, 'editor.detectIndentation': false });
    });

    test.each([[4, false], [2, true], [8, true]])('insert what the formatter writes (formatter asked with tab size %i, spaces %s)', async (tabSize, insertSpaces) => {
        const indents = await formattedIndents(tabSize, insertSpaces);
        expect(indents).toHaveLength(3);
        const typed = defaults?.['editor.insertSpaces'] === true ? ' '.repeat(Number(defaults['editor.tabSize'])) : '\t';
        for (const indent of indents) expect(indent).toBe(typed);
    });
});
