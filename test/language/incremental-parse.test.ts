/**
 * Incremental reparsing against the brute force: after each of many random edits to the
 * examples and a generated spec, the spliced tree must be the one a full parse of the
 * new text gives — the same AST, the same CST leaves with the same offsets and ranges,
 * every node's source range, container and index. Edits it declines are parsed in full
 * (as the editor does), and enough must be taken for the test to mean something.
 */
import type { AstNode, CstNode, LangiumDocument, ParseResult } from 'langium';
import { AstUtils, CstUtils, EmptyFileSystem, isReference, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { largeSpec } from '../../language/workspace/generated-spec.js';
import type { Spec } from '../../language/generated/ast.js';
import type { CompiledSpec } from '../../language/model/types.js';
import { createMesaServices } from '../../language/mesa-module.js';
import { mulberry32 } from '../../language/simulation/index.js';
import { reparseIncrementally } from '../../language/workspace/incremental-parse.js';
import type { MesaDocumentFactory } from '../../language/workspace/document-factory.js';
import { diagnostics, EXAMPLES, exampleText, load } from '../helpers/services.js';
import { compiledModelOf } from '../../language/compile/model-cache.js';

const services = createMesaServices(EmptyFileSystem);
const parser = services.Mesa.parser.LangiumParser;
const parse = (text: string) => parser.parse<Spec>(text);

/** Everything a consumer of a parse can see, as plain data. */
function snapshot(result: ParseResult<Spec>): unknown {
    const root = result.value.$cstNode!;
    const leaves = [...CstUtils.streamCst(root)].filter(n => !('content' in n))
        .map(n => [n.offset, n.end, n.hidden, n.text, n.range.start.line, n.range.start.character, n.range.end.line, n.range.end.character, n.root === root]);
    const nodes = [...AstUtils.streamAst(result.value)].map(node => {
        const cst = node.$cstNode as CstNode;
        const own = Object.entries(node).filter(([key, value]) => !key.startsWith('$') && (typeof value !== 'object' || value === null))
            .map(([key, value]) => `${key}=${String(value)}`);
        const refs = Object.entries(node).filter(([, value]) => isReference(value)).map(([key, value]) => `${key}->${(value as { $refText: string }).$refText}`);
        const container = node.$container;
        return [node.$type, own.join(','), refs.join(','), node.$containerProperty, node.$containerIndex, container?.$type,
            container ? (container as AstNode & Record<string, unknown>)[node.$containerProperty!] !== undefined : true,
            cst.offset, cst.end, JSON.stringify(cst.range), cst.root === root];
    });
    // Errors with the places the validator reports them at (their tokens, or the token before an inserted one).
    const place = (t: { startOffset: number; startLine?: number; startColumn?: number; endOffset?: number; endLine?: number; endColumn?: number } | undefined) =>
        t && [t.startOffset, t.startLine, t.startColumn, t.endOffset, t.endLine, t.endColumn].join(':');
    const errors = [
        ...result.parserErrors.map(e => [e.name, e.message, place(e.token), place((e as { previousToken?: typeof e.token }).previousToken)]),
        ...result.lexerErrors.map(e => [e.message, e.offset, e.line, e.column, e.length]),
    ];
    return { text: root.root.fullText, leaves, nodes, errors };
}

type Edit = (text: string, random: () => number) => string;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const spot = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));
const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map(m => m.index! + 1)].filter(i => i < text.length);

const EDITS: Edit[] = [
    // retype a number
    (text, random) => {
        const numbers = [...text.matchAll(/\b\d+\b/g)];
        if (numbers.length === 0) return text;
        const m = pick(numbers, random);
        return text.slice(0, m.index) + String(Math.floor(random() * 40)) + text.slice(m.index! + m[0].length);
    },
    // type a character anywhere
    (text, random) => {
        const at = spot(text, random);
        return text.slice(0, at) + pick(['a', 'x', '1', ' ', '+', '*', '\n', '(', ')', '@', ',', '-', '}', '/', '→', '😀'], random) + text.slice(at);
    },
    // delete a few characters
    (text, random) => {
        const at = spot(text, random);
        return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    },
    // add a member line inside an environment, or a declaration line
    (text, random) => {
        const at = pick(lineStarts(text), random);
        const line = pick(['  node zz = push + 1\n', '  action extra\n', '  // a comment\n', 'objective mesa Extra = final(zz)\n', '  node q <- +press, -lamp\n'], random);
        return text.slice(0, at) + line + text.slice(at);
    },
    // delete a line
    (text, random) => {
        const starts = lineStarts(text);
        const at = pick(starts, random);
        const end = text.indexOf('\n', at);
        return text.slice(0, at) + (end < 0 ? '' : text.slice(end + 1));
    },
    // a comment at the end of a line
    (text, random) => {
        const ends = [...text.matchAll(/\n/g)].map(m => m.index!);
        if (ends.length === 0) return text;
        const at = pick(ends, random);
        return text.slice(0, at) + ' // note' + text.slice(at);
    },
];

/**
 * Applies `count` random edits from `text`; returns how many the incremental reparse
 * took. Like an author, it often goes back to the last text without syntax errors
 * (an undo), since a broken text is reparsed in full until it is mended.
 */
function editRandomly(text: string, seed: number, count: number, normalize: (text: string) => string = t => t): number {
    const random = mulberry32(seed);
    let current = parse(text);
    let lastGood = text;
    let taken = 0;
    for (let step = 0; step < count; step++) {
        const oldText = current.value.$cstNode!.root.fullText;
        const broken = current.parserErrors.length + current.lexerErrors.length > 0;
        if (!broken) lastGood = oldText;
        const newText = broken && random() < 0.6 ? lastGood : normalize(pick(EDITS, random)(oldText, random));
        const full = parse(newText);
        const patched = reparseIncrementally(parser, current, oldText, newText);
        if (patched) {
            taken++;
            const [got, want] = [snapshot(patched), snapshot(full)] as { leaves: unknown[]; nodes: unknown[] }[];
            const firstDiff = (a: unknown[], b: unknown[]) => {
                const i = a.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(b[k]));
                return i < 0 && a.length === b.length ? undefined : { at: i, got: a[i], want: b[i], lengths: [a.length, b.length] };
            };
            let from = 0;
            while (oldText[from] === newText[from]) from++;
            const where = `seed ${seed}, step ${step}: at ${from} ${JSON.stringify(oldText.slice(from - 30, from + 30))} -> ${JSON.stringify(newText.slice(from - 30, from + 30))}`;
            expect(JSON.stringify(firstDiff(got!.leaves, want!.leaves)), where).toBeUndefined();
            expect(JSON.stringify(firstDiff(got!.nodes, want!.nodes)), where).toBeUndefined();
            expect(got, where).toEqual(want);
        }
        current = patched ?? full;
    }
    return taken;
}

/** MESA_PROPERTY_SEEDS=N runs N sequences per text instead of one (for a longer search). */
const SEEDS = Number(process.env['MESA_PROPERTY_SEEDS'] ?? 1);

describe('incremental reparse equals a full parse', () => {
    test.each(EXAMPLES)('random edits to %s', name => {
        for (let k = 0; k < SEEDS; k++) {
            const taken = editRandomly(exampleText(name), name.length * 7919 + k, 150);
            expect(taken).toBeGreaterThan(40);
        }
    });

    test('random edits to a spec with CRLF line ends', () => {
        for (let k = 0; k < SEEDS; k++) {
            // Every line end stays CRLF, as an editor keeps them.
            const crlf = (t: string) => t.replace(/\r\n|\r|\n/g, '\r\n');
            const taken = editRandomly(crlf(exampleText('cleaning')), 7 + k, 150, crlf);
            expect(taken).toBeGreaterThan(40);
        }
    });

    test('a lone carriage return (old Mac line ends) is left to the full parse', () => {
        const text = 'environment A {\r  horizon 3\r  action a\r}\r';
        expect(reparseIncrementally(parser, parse(text), text, text.replace('horizon 3', 'horizon 4'))).toBeUndefined();
    });

    test('random edits to a generated 80-line spec', () => {
        for (let k = 0; k < SEEDS; k++) {
            const taken = editRandomly(largeSpec(80), 42 + k, 150);
            expect(taken).toBeGreaterThan(60);
        }
    });
});

describe('what it takes and what it declines', () => {
    const text = 'environment A {\n  horizon 3\n  action a\n  node x = a@1\n}\nobjective base O = x\n';

    test('an edit inside a node rule reparses that member only, keeping the others', () => {
        const before = parse(text);
        const env = before.value.declarations[0]!;
        const [horizon, action] = (env as unknown as { members: AstNode[] }).members;
        const after = reparseIncrementally(parser, before, text, text.replace('a@1', 'a@2 + 1'))!;
        expect(after.value.declarations[0]).toBe(env);
        const members = (after.value.declarations[0] as unknown as { members: AstNode[] }).members;
        expect(members[0]).toBe(horizon);
        expect(members[1]).toBe(action);
        expect(members[2]?.$cstNode?.text).toBe('node x = a@2 + 1');
    });

    test('a new member line is spliced in', () => {
        const after = reparseIncrementally(parser, parse(text), text, text.replace('  action a\n', '  action a\n  node y = 2\n'))!;
        const members = (after.value.declarations[0] as unknown as { members: AstNode[] }).members;
        expect(members.map(m => m.$cstNode?.text)).toEqual(['horizon 3', 'action a', 'node y = 2', 'node x = a@1']);
        expect(members.map(m => m.$containerIndex)).toEqual([0, 1, 2, 3]);
    });

    test('a member added at the end of an environment, just before its `}`, is spliced in', () => {
        for (const added of ['  node y = 2\n', '  node y = max(x,\n']) {
            const longer = text.replace('  node x = a@1\n}', `  node x = a@1\n${added}}`);
            const before = parse(text);
            const environment = before.value.declarations[0];
            const after = reparseIncrementally(parser, before, text, longer);
            expect(after, added).toBeDefined();
            // The environment is kept: only its members were reparsed.
            expect(after!.value.declarations[0]).toBe(environment);
            expect(snapshot(after!)).toEqual(snapshot(parse(longer)));
        }
    });

    test('a syntax error in a member is taken when the parse resumes at the next member as it was', () => {
        const longer = text.replace('  node x = a@1\n', '  node x = a@1\n  node z = x + 1\n');
        const broken = longer.replace('  action a\n', '  action a\n  node y = \n');
        const after = reparseIncrementally(parser, parse(longer), longer, broken)!;
        expect(snapshot(after)).toEqual(snapshot(parse(broken)));
        expect(after.parserErrors).toHaveLength(1);
        // Reported at the next member's first token, where the parser gave up, in the document's lines.
        expect(after.parserErrors[0]!.token).toMatchObject({ image: 'node', startLine: 5, startColumn: 3, startOffset: broken.indexOf('node x') });
        // Typing on mends it; the member after it is kept again.
        const mended = broken.replace('node y = ', 'node y = 2');
        const again = reparseIncrementally(parser, after, broken, mended)!;
        expect(snapshot(again)).toEqual(snapshot(parse(mended)));
        expect(again.parserErrors).toHaveLength(0);
    });

    test('an edit away from a standing syntax error is taken, the error moved with the text', () => {
        const spec = largeSpec(40);
        const broken = spec.replace('  node n20 =', '  node half = \n  node n20 =');
        let current = reparseIncrementally(parser, parse(spec), spec, broken)!;
        expect(current.parserErrors).toHaveLength(1);
        let text = broken;
        // Lines added above the broken one, below it, and far below it, while it stays broken.
        for (const [from, to] of [['  node n3 =', '  node above = 1\n  node n3 ='], ['  node n22 =', '  node below = 2\n  node n22 ='],
            ['  node n25 = ', '  node n25 = 1 + ']] as const) {
            const next = text.replace(from, to);
            const patched = reparseIncrementally(parser, current, text, next);
            expect(patched, to).toBeDefined();
            expect(snapshot(patched!)).toEqual(snapshot(parse(next)));
            [current, text] = [patched!, next];
        }
        // At n20's `node`: line 25 as generated, after the half line and the line added above it 27.
        expect(current.parserErrors[0]!.token).toMatchObject({ image: 'node', startLine: 27, startOffset: text.indexOf('  node n20 =') + 2 });
    });

    test('a syntax error in an environment\'s last member is taken when the parse resumes at its `}`', () => {
        for (const broken of [text.replace('a@1', 'a@'), text.replace('  node x = a@1\n', '  node x = a@1\n  node y = max(x,\n')]) {
            const after = reparseIncrementally(parser, parse(text), text, broken);
            expect(after, broken).toBeDefined();
            expect(snapshot(after!)).toEqual(snapshot(parse(broken)));
            expect(after!.parserErrors.length).toBeGreaterThan(0);
        }
    });

    test('declines a window that does not end with a line break', () => {
        const oneLine = 'environment A { horizon 3 }\nobjective base O = 1 objective mesa M = 2\n';
        expect(reparseIncrementally(parser, parse(oneLine), oneLine, oneLine.replace('= 1', '= 3'))).toBeUndefined();
        // Joining two members still ends the environment's window with a line break: taken.
        expect(reparseIncrementally(parser, parse(text), text, text.replace('horizon 3\n', 'horizon 3 '))).toBeDefined();
    });

});

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
        const factory = services.shared.workspace.LangiumDocumentFactory as MesaDocumentFactory;
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
