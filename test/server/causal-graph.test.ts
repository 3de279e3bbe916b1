/**
 * `mesa/causalGraph`, the causal-graph view's request (docs/editor.md, The causal-graph
 * view): its SVG links every drawn node to its declaration for the view's script, and
 * draws with the report's visual language (a delayed edge is labelled, not dashed).
 */
import { EmptyFileSystem, URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { beforeAll, describe, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';
import { handleCausalGraph } from '../../server/requests/causal-graph.js';
import { exampleText } from '../helpers/services.js';
import { nodeLink } from '../helpers/svg-links.js';

const { shared } = createMesaServices(EmptyFileSystem);
const uri = 'file:///specs/button-lamp.mesa';

beforeAll(async () => {
    const document = shared.workspace.LangiumDocumentFactory.fromString(exampleText('button-lamp'), URI.parse(uri));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
});

describe('mesa/causalGraph', () => {
    test('each node of Lab links to its declaration: press line 5, lamp line 6, Pressing line 16', async () => {
        const graph = await handleCausalGraph(shared, { uri }, CancellationToken.None);
        expect(graph.env).toBe('Lab');
        expect(nodeLink(graph.svg, 'press')).toMatchObject({ class: 'src', href: '#', 'data-uri': uri, 'data-line': '4', 'data-character': '9' });
        expect(nodeLink(graph.svg, 'lamp')).toMatchObject({ 'data-line': '5', 'data-character': '7', 'xlink:title': 'lamp: go to its declaration, line 6' });
        expect(nodeLink(graph.svg, 'objective:Pressing')).toMatchObject({ 'data-line': '15', 'data-character': '15' });
        expect(nodeLink(graph.svg, 'objective:Light')).toMatchObject({ 'data-line': '14', 'data-character': '15' });
    });

    test('LabWithSwitch: flip and the redeclared lamp link into LabWithSwitch, press into Lab', async () => {
        const graph = await handleCausalGraph(shared, { uri, env: 'LabWithSwitch' }, CancellationToken.None);
        expect(nodeLink(graph.svg, 'flip')).toMatchObject({ 'data-line': '10', 'data-character': '9' });
        expect(nodeLink(graph.svg, 'lamp')).toMatchObject({ 'data-line': '11', 'data-character': '7' });
        expect(nodeLink(graph.svg, 'press')).toMatchObject({ 'data-line': '4' });
        expect(graph.svg).toContain('class="node action added"');
    });

    test('dashes mean a mesa objective: the delayed press → lamp is solid and labelled @10', async () => {
        const graph = await handleCausalGraph(shared, { uri }, CancellationToken.None);
        expect(graph.dot).toContain('"press" -> "lamp" [label="+ @10", class="causal delayed"];');
        expect(graph.dot).toMatch(/"press" -> "objective:Pressing" \[[^\]]*style=dashed/);
    });
});
