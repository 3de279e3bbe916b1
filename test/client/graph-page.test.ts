/**
 * The causal-graph view's page (docs/editor.md, The causal-graph view), built from what
 * `mesa/causalGraph` returns for button-lamp and its script run against a minimal DOM:
 * a click on a node posts a reveal message with that node's declaration, the picker
 * posts the environment, and the page keeps its nonce CSP and the report's legend.
 */
import { runInNewContext } from 'node:vm';
import { EmptyFileSystem, URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { beforeAll, describe, expect, test } from 'vitest';
import { graphPage } from '../../client/graph-page.js';
import { createMesaServices } from '../../language/mesa-module.js';
import type { CausalGraphResult } from '../../language/protocol.js';
import { handleCausalGraph } from '../../server/requests/causal-graph.js';
import { exampleText } from '../helpers/services.js';
import { nodeLink } from '../helpers/svg-links.js';

const uri = 'file:///specs/button-lamp.mesa';
let graph: CausalGraphResult;
let html: string;

beforeAll(async () => {
    const { shared } = createMesaServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(exampleText('button-lamp'), URI.parse(uri));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    graph = await handleCausalGraph(shared, { uri }, CancellationToken.None);
    html = graphPage(graph, 'button-lamp.mesa', 'n0nce', 'vscode-webview://test');
});

class FakeElement {
    constructor(private readonly attributes: Record<string, string>, private readonly link: FakeElement | null) {}
    getAttribute(name: string): string | null {
        return this.attributes[name] ?? null;
    }
    closest(selector: string): FakeElement | null {
        return selector === 'a.src' ? this.link : null;
    }
}

/** Runs the page's script with a fake DOM; returns the posted messages and the page's listeners. */
function runScript(page: string) {
    const scripts = [...page.matchAll(/<script nonce="n0nce">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const posted: unknown[] = [];
    const listeners = new Map<string, (event: unknown) => void>();
    const select = { value: 'LabWithSwitch', addEventListener: (type: string, f: () => void) => listeners.set(`select:${type}`, f) };
    const document = {
        getElementById: (id: string) => (id === 'env' ? select : null),
        addEventListener: (type: string, f: (event: unknown) => void) => listeners.set(type, f),
    };
    runInNewContext(scripts[0]![1]!, { acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m) }), document, Element: FakeElement });
    return { posted, listeners };
}

describe('the causal-graph view', () => {
    test('a click inside the lamp node posts a reveal of lamp\'s declaration (line 6)', () => {
        const { posted, listeners } = runScript(html);
        const link = new FakeElement(nodeLink(graph.svg, 'lamp')!, null);
        const text = new FakeElement({}, link);
        let prevented = false;
        listeners.get('click')!({ target: text, preventDefault: () => { prevented = true; } });
        expect(posted).toEqual([{ type: 'reveal', uri, line: 5, character: 7 }]);
        expect(prevented).toBe(true);
    });

    test('a click outside any node posts nothing', () => {
        const { posted, listeners } = runScript(html);
        listeners.get('click')!({ target: new FakeElement({}, null), preventDefault: () => undefined });
        expect(posted).toEqual([]);
    });

    test('the picker posts the environment chosen', () => {
        const { posted, listeners } = runScript(html);
        listeners.get('select:change')!({});
        expect(posted).toEqual([{ type: 'env', env: 'LabWithSwitch' }]);
        expect(html).toContain('<select id="env"><option selected>Lab</option><option>LabWithSwitch</option></select>');
    });

    test('the page: nonce CSP, the SVG without its prologue, the report\'s legend for dashes', () => {
        expect(html).toContain(`content="default-src 'none'; img-src vscode-webview://test data:; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';"`);
        expect(html).not.toContain('<?xml');
        expect(html).toMatch(/<div class="graph"><svg /);
        expect(html).toContain('<span class="swatch mesa"></span>mesa objective and its targets (dashed)');
        expect(html).toContain('@k for a delay of k steps');
    });
});
