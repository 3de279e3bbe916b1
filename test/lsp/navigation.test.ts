/**
 * Go to definition, find references and rename: Langium's defaults over Mesa's scoping.
 * A name in an objective lands on its declaration in the first training environment.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFindReferences, expectGoToDefinition, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMesaServices } from '../../language/mesa-module.js';
import { compiled, exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const definition = expectGoToDefinition(services.Mesa);
const references = expectFindReferences(services.Mesa);
afterEach(() => clearDocuments(services.shared));

describe('go to definition', () => {
    test('a name in an objective lands in the first training environment (button-lamp)', async () => {
        const text = exampleText('button-lamp')
            .replace('node lamp = press@10 ', 'node <|lamp|> = press@10 ')
            .replace('objective base Light = lamp', 'objective base Light = <|>lamp');
        await definition({ text, index: 0, rangeIndex: 0 });
    });

    test('a name in a derived environment lands on the inherited declaration', async () => {
        const text = exampleText('button-lamp')
            .replace('action press', 'action <|press|>')
            .replace('node lamp = press@10 + flip', 'node lamp = <|>press@10 + flip');
        await definition({ text, index: 0, rangeIndex: 0 });
    });

    test('extends, train and model land on the environment', async () => {
        const text = exampleText('believer')
            .replace('environment DustVanishes', 'environment <|DustVanishes|>')
            .replace('model DustVanishes', 'model <|>DustVanishes');
        await definition({ text, index: 0, rangeIndex: 0 });
    });
});

describe('references', () => {
    test('every use of a node, in rules and objectives, across environments', async () => {
        const text = 'environment A { horizon 3 action a node <|x|> = a }\n'
            + 'environment B extends A { node y = <|x|>@1 }\n'
            + 'objective base O = <|x<|>|> + <|x|>@1\ntrain A\ndeploy B';
        await references({ text, includeDeclaration: true });
        await references({ text: text.replace('node <|x|> = a', 'node x = a'), includeDeclaration: false });
    });
});

describe('rename', () => {
    async function rename(text: string, at: string, newName: string): Promise<string> {
        const document = await parseHelper(services.Mesa)(text);
        const edit = await services.Mesa.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf(at) + 1), newName,
        });
        const edits = edit?.changes?.[document.uri.toString()] ?? [];
        return TextDocument.applyEdits(TextDocument.create('x', 'mesa', 1, text), edits);
    }

    test('renaming a node updates its uses in rules and objectives', async () => {
        const text = exampleText('cleaning');
        const renamed = await rename(text, 'dusty_sweeps =', 'sweeps');
        expect(renamed).not.toContain('dusty_sweeps');
        expect(renamed).toContain('node sweeps = sweep * (floor@1 > 0)');
        expect(renamed).toContain('node floor init 6 = floor@1 - sweeps + scatter * bin@1');
        expect(renamed).toContain('objective mesa Sweeping = sweeps');
        // The renamed spec means the same.
        expect((await compiled(renamed)).objectives.map(o => o.text)).toEqual(['-floor', 'sweeps', 'final(bin)']);
    });

    test('renaming an environment updates extends, train and deploy', async () => {
        const renamed = await rename(exampleText('button-lamp'), 'Lab {', 'Lab2');
        expect(renamed).toContain('environment Lab2 {');
        expect(renamed).toContain('extends Lab2 {');
        expect(renamed).toContain('train Lab2\n');
        expect(renamed).toContain('deploy LabWithSwitch');
    });

    test('renaming an objective updates the optimizer using it', async () => {
        const renamed = await rename(exampleText('shop'), 'Commission =', 'Greed');
        expect(renamed).toContain('objective mesa Greed = commission');
        expect(renamed).toContain('optimizer Novice { objective Greed  depth 3 }');
    });
});
