/**
 * Incremental reparsing in the editor: after each edit to an open document, reparsed in
 * place, the diagnostics, the links of every reference and the compiled model must be
 * those of the text checked afresh.
 */
import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils, isReference, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import type { Spec } from '../../language/generated/ast.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { mulberry32 } from '../../language/simulation/index.js';
import { diagnostics, EXAMPLES, exampleText, load } from '../helpers/services.js';
import { compiledModelOf } from '../../language/compile/model-cache.js';
import type { Edit } from './incremental-support.js';
import { EDITS, pick, SEEDS, services } from './incremental-support.js';

describe('in the editor', () => {
    const uri = URI.parse('file:///incremental/button-lamp.mesa');
    const { TextDocuments, DocumentBuilder, LangiumDocuments } = services.shared.workspace;
    let version = 0;
    async function edit(text: string) {
        TextDocuments!.set(TextDocument.create(uri.toString(), 'mesa', ++version, text));
        await DocumentBuilder.update([uri], []);
        return LangiumDocuments.getDocument(uri)!;
    }
    const anonymous = (spec: unknown, specUri: string) => JSON.parse(JSON.stringify(spec).split(specUri).join('<uri>')) as unknown;
    const at = ({ start, end }: Diagnostic['range']) => `${start.line}:${start.character}-${end.line}:${end.character}`;
    const summary = (list: Diagnostic[]) => list.map(d => `${String(d.code)} ${at(d.range)} ${d.message}`).sort();

    test('diagnostics after each edit are those of the text checked afresh', async () => {
        const factory = services.shared.workspace.LangiumDocumentFactory;
        expect(factory.incremental).toBe(true);
        let text = exampleText('button-lamp');
        const first = await edit(text);
        const root = first.parseResult.value;
        const edits: [string, string][] = [
            ['node lamp = press@10', 'node lamp = press@3'],          // the lag changes: the timing note and figures follow
            ['node lamp = press@3', 'node lamp = nope@3'],            // an unresolved name
            ['node lamp = nope@3', 'node lamp = press@10\n  node extra = lamp + 1'], // fixed, and a new node
            ['objective mesa Lighting = lamp', 'objective mesa Lighting = extra'],
            ['horizon 40', 'horizon 12'],                              // nodes unchanged: their order, signs and graph are reused
        ];
        let reused = 0;
        for (const [from, to] of edits) {
            expect(text).toContain(from);
            text = text.replace(from, to);
            const document = await edit(text);
            if (document.parseResult.value === root) reused++;
            expect(summary(document.diagnostics ?? []), to).toEqual(summary(await diagnostics(text)));
            // The model compiled from kept parts is the one compiled afresh.
            const model = compiledModelOf(document as LangiumDocument<Spec>);
            const fresh = await load(text);
            if (fresh.spec) expect(anonymous(model, uri.toString()), to).toEqual(anonymous(fresh.spec, fresh.spec.uri));
        }
        expect(reused).toBe(edits.length);
    });

    /** Where each reference of a document leads (or why it leads nowhere), in tree order. */
    function resolutions(document: LangiumDocument): string[] {
        return [...AstUtils.streamAst(document.parseResult.value)].flatMap(node => [...AstUtils.streamReferences(node)]).map(({ reference }) => {
            if (!isReference(reference)) throw new Error('Mesa has single references only');
            const target = reference.ref;
            const name = target && (target as AstNode & { name?: string }).name;
            return `${reference.$refText} at ${reference.$refNode?.offset}: ${target ? `${target.$type} ${name} at ${target.$cstNode?.offset}` : reference.error?.message}`;
        });
    }

    // Renames one identifier: a declaration (its references now miss, or find a namesake),
    // a reference (now to another name), or a name into one already declared (a duplicate).
    const renameOne: Edit = (text, random) => {
        const words = [...text.matchAll(/\b[A-Za-z_]\w*\b/g)].filter(m => !KEYWORDS.has(m[0]));
        if (words.length === 0) return text;
        const m = pick(words, random);
        const to = random() < 0.7 ? pick(words, random)[0] : pick(['zz', 'fresh', 'Lab2'], random);
        return text.slice(0, m.index) + to + text.slice(m.index! + m[0].length);
    };
    const KEYWORDS = new Set(['environment', 'extends', 'horizon', 'discount', 'action', 'node', 'init', 'objective', 'base', 'mesa', 'optimizer', 'model', 'depth',
        'train', 'deploy', 'select', 'penalty', 'length', 'if', 'then', 'else', 'and', 'or', 'not', 'true', 'false', 'min', 'max', 'abs', 'clamp', 'final', 'sum', 'in']);

    test('after random edits, every name resolves and the model compiles as in the text checked afresh', async () => {
        for (const name of EXAMPLES) {
            const random = mulberry32(name.length * 31 + 5);
            let text = exampleText(name);
            let lastGood = text;
            await edit(text);
            let linkedIncrementally = 0;
            for (let step = 0; step < 60 * SEEDS; step++) {
                const before = LangiumDocuments.getDocument(uri)!.parseResult.value;
                text = random() < 0.3 ? lastGood : pick([...EDITS, renameOne, renameOne, renameOne], random)(text, random);
                const document = await edit(text);
                if (document.parseResult.value === before) linkedIncrementally++;
                const fresh = await load(text);
                const where = `${name}, step ${step}`;
                expect(resolutions(document), where).toEqual(resolutions(fresh.document));
                expect(summary(document.diagnostics ?? []), where).toEqual(summary(fresh.diagnostics));
                // The model compiled from kept parts (orders, signs, edges, locations) is the one compiled afresh.
                if (fresh.spec) expect(anonymous(compiledModelOf(document as LangiumDocument<Spec>), uri.toString()), where).toEqual(anonymous(fresh.spec, fresh.spec.uri));
                if (!fresh.diagnostics.some(d => d.severity === 1)) lastGood = text;
            }
            expect(linkedIncrementally, name).toBeGreaterThan(15);
        }
    });

    /**
     * Makes the edits in turn, each reparsed in place; checks that the model compiled
     * from kept parts equals a fresh compile of the text, and hands it to `check`.
     */
    async function compileAfterEdits<T>(text: string, steps: [string, string, T][], check: (model: CompiledSpec, expected: T, to: string) => void): Promise<void> {
        const root = (await edit(text)).parseResult.value;
        for (const [from, to, expected] of steps) {
            text = text.replace(from, to);
            const document = await edit(text);
            expect(document.parseResult.value, to).toBe(root);
            const model = compiledModelOf(document as LangiumDocument<Spec>);
            if (model instanceof Error) throw model;
            check(model, expected, to);
            const fresh = (await load(text)).spec!;
            expect(anonymous(model, uri.toString()), to).toEqual(anonymous(fresh, fresh.uri));
        }
    }

    test('the evaluation order follows edits to what rules read, and is kept when they read the same nodes', async () => {
        const text = 'environment E {\n  horizon 3\n  action a, b\n  node z = y + 1\n  node y = x * 2\n  node x = a\n}\nobjective base B = z\ntrain E\n';
        await compileAfterEdits(text, [
            ['node y = x * 2', 'node y = x * 3', ['x', 'y', 'z']],  // reads the same nodes
            ['node x = a', 'node x = b', ['x', 'y', 'z']],          // an action, not a node
            ['node y = x * 3', 'node y = 2', ['y', 'z', 'x']],      // y no longer waits for x
            ['node y = 2', 'node y = x@1', ['y', 'z', 'x']],        // a delayed read does not order
            ['node y = x@1', 'node y = x', ['x', 'y', 'z']],
        ], (model, order, to) => expect(model.environments[0]!.nodes.map(n => n.name), to).toEqual(order));
    });

    test('a kept node\'s edges follow an edit to the sign of what it reads', async () => {
        // z = x * y rises with x while y ≥ 0 and falls with it while y ≤ 0.
        const text = 'environment E {\n  horizon 3\n  action a\n  node x = a\n  node y = a\n  node z = x * y\n}\nobjective base B = z\ntrain E\n';
        await compileAfterEdits(text, [
            ['node y = a', 'node y = 0 - a', '-'],
            ['node y = 0 - a', 'node y = a - 1', '±'],
            ['node y = a - 1', 'node y = a + 1\n  node w = y', '+'],  // a node added too: the tables differ in size
        ], (model, sign, to) => expect(model.environments[0]!.graph.edges.find(e => e.from === 'x' && e.to === 'z')?.sign, to).toBe(sign));
    });

    test('a cycle an edit makes is found, and one it breaks is forgotten', async () => {
        let text = 'environment E {\n  horizon 3\n  action a\n  node x = a\n  node y = x\n  node z = y + x@1\n}\nobjective base B = z\ntrain E\n';
        const root = (await edit(text)).parseResult.value;
        const cycles = (document: LangiumDocument) => (document.diagnostics ?? []).filter(d => d.code === 'cycle').map(d => d.message);
        const steps: [string, string, number][] = [
            ['node x = a', 'node x = z', 1],          // x → z → y → x
            ['node x = z', 'node x = a', 0],
            ['node y = x', 'node y = x + 1', 0],      // a new node, still no cycle
            ['node z = y + x@1', 'node z = y + x', 0], // the delay is gone, but z is read by nothing
            ['node y = x + 1', 'node y = z', 1],      // y → z → y
            ['node y = z', 'node y = y', 1],          // a node reading itself
            ['node y = y', 'node y = y@1', 0],
        ];
        for (const [from, to, expected] of steps) {
            text = text.replace(from, to);
            const document = await edit(text);
            expect(document.parseResult.value, to).toBe(root);
            expect(cycles(document), to).toHaveLength(expected);
            expect(summary(document.diagnostics ?? []), to).toEqual(summary(await diagnostics(text)));
        }
    });

    test('a comment with lone carriage returns deleted in one edit: positions, diagnostics and formatting as checked afresh', async () => {
        const before = 'environment E {\n  horizon 2\n  action a\n  node x = a\n}\n/* one\rtwo\rthree */\nobjective base B = x\nobjective mesa M = a\ntrain E\n';
        const root = (await edit(before)).parseResult.value;
        const after = before.replace('/* one\rtwo\rthree */', '');
        const document = await edit(after);
        expect(document.parseResult.value).toBe(root);
        expect((document.parseResult.value as Spec).declarations.map(d => d.$cstNode!.range.start.line)).toEqual([0, 6, 7, 8]);
        expect(summary(document.diagnostics ?? [])).toEqual(summary(await diagnostics(after)));
        const edits = await services.Mesa.lsp.Formatter!.formatDocument(document, { textDocument: { uri: uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
        expect(TextDocument.applyEdits(document.textDocument, edits))
            .toBe('environment E {\n  horizon 2\n  action a\n  node x = a\n}\n\nobjective base B = x\nobjective mesa M = a\ntrain E\n');
    });

    test('parentheses nested too deep in an edited member are refused as in a full parse', async () => {
        const text = exampleText('button-lamp');
        await edit(text);
        const deep = text.replace('node lamp = press@10', `node lamp = ${'('.repeat(300)}press${')'.repeat(300)}`);
        const document = await edit(deep);
        expect((document.diagnostics ?? []).map(d => d.code)).toEqual(['nesting-too-deep']);
        expect(summary(document.diagnostics ?? [])).toEqual(summary(await diagnostics(deep)));
        // Mended: back to the example's diagnostics.
        const mended = await edit(text);
        expect(summary(mended.diagnostics ?? [])).toEqual(summary(await diagnostics(text)));
    });
});
