/**
 * Code lenses over `train` and `deploy`: "▶ Simulate" and "Show causal graph", running
 * the client commands with the document URI.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';
import { exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));

test('two lenses on the train line and two on the deploy line', async () => {
    const document = await parseHelper(services.Mesa)(exampleText('button-lamp'));
    const uri = document.uri.toString();
    const lenses = await services.Mesa.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri } }) ?? [];
    expect(lenses.map(l => [l.range.start.line, l.range.start.character, l.command?.title, l.command?.command, l.command?.arguments])).toEqual([
        [18, 0, '▶ Simulate', 'mesa.simulate', [uri]],
        [18, 0, 'Show causal graph', 'mesa.showGraph', [uri]],
        [19, 0, '▶ Simulate', 'mesa.simulate', [uri]],
        [19, 0, 'Show causal graph', 'mesa.showGraph', [uri]],
    ]);
});

test('no lens without train or deploy', async () => {
    const document = await parseHelper(services.Mesa)('environment A { horizon 1 }\nobjective base O = 1');
    const lenses = await services.Mesa.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
    expect(lenses).toEqual([]);
});
