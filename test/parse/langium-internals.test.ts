/**
 * The Langium internals the incremental reparse relies on, checked against the real
 * Mesa parser: the private fields language/parse/incremental/langium-internals.ts reads
 * and writes must be there, of the types it expects, and moving a node through it must
 * move what Langium's public getters return. A Langium upgrade that changes them fails
 * here, loudly, rather than as a wrong tree after an edit.
 */
import type { AstNode, CstNode, LeafCstNode, ParseResult, RootCstNode } from 'langium';
import { AstUtils, CstUtils, isCompositeCstNode } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Spec } from '../../language/generated/ast.js';
import { isNameReference } from '../../language/generated/ast.js';
import {
    clearRangeCache, forgetLink, placeLeaf, previousTokenOf, replaceChildren, setContainer, setFullText, setPreviousToken, setRoot, shiftLeavesInPlace,
} from '../../language/parse/incremental/langium-internals.js';
import { services } from '../helpers/services.js';

const CHANGED = "Langium's internals changed: update language/parse/incremental/langium-internals.ts";
const changed = (what: string) => `${CHANGED} (${what})`;

const TEXT = 'environment A {\n  horizon 3\n  action a\n  node x = a@1\n}\nobjective base O = x\n';
const parse = (text: string) => services.parser.LangiumParser.parse<Spec>(text);

/** The fields of a node that Langium's public types do not declare, as a plain record. */
const fields = (node: unknown) => node as Record<string, unknown>;
const rootOf = (parsed: ParseResult<Spec>) => parsed.value.$cstNode as RootCstNode;
const leavesOf = (node: CstNode) => [...CstUtils.streamCst(node)].filter((n): n is LeafCstNode => !isCompositeCstNode(n));
const compositesOf = (node: CstNode) => [...CstUtils.streamCst(node)].filter(isCompositeCstNode);

/** The leaf a composite's range starts (`first`) or ends at: its first or last non-hidden child's, all the way down. */
function edgeLeaf(node: CstNode, first: boolean): CstNode {
    let current = node;
    while (isCompositeCstNode(current)) {
        const children = first ? current.content : [...current.content].reverse();
        current = children.find(c => !c.hidden) ?? children[0]!;
    }
    return current;
}

function isPosition(value: unknown): boolean {
    const p = value as { line?: unknown; character?: unknown } | undefined;
    return typeof p?.line === 'number' && typeof p.character === 'number';
}

/** Whether `key` is a property of `object` itself that can be assigned. */
function writable(object: object, key: string): boolean {
    return Object.getOwnPropertyDescriptor(object, key)?.writable === true;
}

describe('the fields the adapter relies on', () => {
    const parsed = parse(TEXT);
    const root = rootOf(parsed);

    test('a leaf keeps its place in `_offset` and `_range`, which `offset`, `end` and `range` return', () => {
        for (const leaf of leavesOf(root)) {
            const own = fields(leaf);
            expect(typeof own['_offset'], changed('leaf _offset')).toBe('number');
            expect(writable(leaf, '_offset'), changed('leaf _offset writable')).toBe(true);
            expect(leaf.offset, changed('leaf offset is _offset')).toBe(own['_offset']);
            expect(leaf.end, changed('leaf end is _offset + length')).toBe(leaf.offset + leaf.length);
            const range = own['_range'] as { start?: unknown; end?: unknown };
            expect(writable(leaf, '_range'), changed('leaf _range writable')).toBe(true);
            expect(isPosition(range.start) && isPosition(range.end), changed('leaf _range positions')).toBe(true);
            expect(leaf.range, changed('leaf range is the _range object')).toBe(range);
        }
    });

    test('a composite caches its range in `_rangeCache`, made of its edge leaves\' own positions', () => {
        for (const node of compositesOf(root)) {
            const range = node.range;
            expect(fields(node)['_rangeCache'], changed('composite _rangeCache')).toBe(range);
            expect(range.start, changed('composite range shares its first leaf\'s start')).toBe(edgeLeaf(node, true).range.start);
            expect(range.end, changed('composite range shares its last leaf\'s end')).toBe(edgeLeaf(node, false).range.end);
        }
    });

    test('the root keeps its text in `_text`; every node has a writable `root` and its `container`', () => {
        expect(typeof fields(root)['_text'], changed('root _text')).toBe('string');
        expect(writable(root, '_text'), changed('root _text writable')).toBe(true);
        expect(root.fullText, changed('root fullText is _text')).toBe(fields(root)['_text']);
        for (const node of CstUtils.streamCst(root)) {
            expect(node.root, changed('node root')).toBe(root);
            expect(writable(node, 'root'), changed('node root writable')).toBe(true);
            if (node !== root) expect(node.container?.content, changed('node container')).toContain(node);
        }
    });

    test('an AST node\'s container, property and index are plain writable properties', () => {
        for (const node of AstUtils.streamAst(parsed.value)) {
            if (node === parsed.value) continue;
            for (const key of ['$container', '$containerProperty', '$containerIndex']) {
                if (key === '$containerIndex' && node.$containerIndex === undefined) continue;
                expect(writable(node, key), changed(`AST node ${key} writable`)).toBe(true);
            }
        }
    });

    test('a parser error after a token keeps that token in `previousToken`', () => {
        const broken = parse('environment A {\n  horizon 3\n  node y = (a\n}\n');
        expect(broken.parserErrors.length, changed('a parse with an error')).toBeGreaterThan(0);
        for (const error of broken.parserErrors) {
            expect(typeof previousTokenOf(error)?.startOffset, changed('parser error previousToken')).toBe('number');
        }
    });
});

describe('moving nodes through the adapter moves what Langium\'s getters return', () => {
    test('shifting leaves in place moves them, and the ranges composites cached', () => {
        const parsed = parse(TEXT);
        const root = rootOf(parsed);
        const longer = TEXT.replace('  action a\n', '  action a\n  node y = 2\n');
        const node = AstUtils.streamAst(parsed.value).find(n => n.$type === 'Node')!.$cstNode!;
        const before = { offset: node.offset, length: node.length, end: node.end, text: node.text, range: JSON.parse(JSON.stringify(node.range)) as CstNode['range'] };
        const leaves = leavesOf(root);
        shiftLeavesInPlace(leaves, leaves.indexOf(edgeLeaf(node, true) as LeafCstNode), 13, { line: before.range.start.line, lines: 1, characters: 0 });
        setFullText(root, longer);
        expect(root.fullText, changed('fullText after setFullText')).toBe(longer);
        expect([node.offset, node.end, node.length], changed('offset, end and length after shifting')).toEqual([before.offset + 13, before.end + 13, before.length]);
        expect(node.text, changed('text after shifting')).toBe(before.text);
        expect(node.range, changed('cached range after shifting')).toEqual({
            start: { line: before.range.start.line + 1, character: before.range.start.character },
            end: { line: before.range.end.line + 1, character: before.range.end.character },
        });
    });

    test('placing a leaf gives it a new range, which its composite shows once its cache is cleared', () => {
        const parsed = parse(TEXT);
        // The composite whose range starts at the leaf itself (an outer one would start at this one's cached range).
        const leaf = edgeLeaf(parsed.value.declarations[1]!.$cstNode!, true) as LeafCstNode;
        const node = leaf.container!;
        const [offset, length, cached] = [leaf.offset, leaf.length, node.range];
        placeLeaf(leaf, 2, p => ({ character: p.character + 2, line: p.line }));
        expect([leaf.offset, leaf.end, leaf.length], changed('offset, end and length after placing')).toEqual([offset + 2, offset + 2 + length, length]);
        expect(leaf.range.start, changed('range after placing')).toEqual({ line: cached.start.line, character: cached.start.character + 2 });
        expect(node.range, changed('a composite keeps its cached range')).toBe(cached);
        clearRangeCache(node);
        expect(node.range.start, changed('range after clearing the cache')).toBe(leaf.range.start);
        expect(node.offset, changed('composite offset after placing')).toBe(offset + 2);
    });

    test('a node given another root and parent reads its text from that root and has that container', () => {
        const [parsed, other] = [parse(TEXT), parse('objective base Q = 1\n' + TEXT)];
        const root = rootOf(parsed);
        const moved = other.value.declarations[0]!.$cstNode!;
        for (const inner of CstUtils.streamCst(moved)) setRoot(inner, root);
        expect(moved.root, changed('root after setRoot')).toBe(root);
        expect(moved.text, changed('text after setRoot')).toBe(TEXT.slice(moved.offset, moved.end));
        replaceChildren(root, 0, 0, [moved]);
        expect(root.content[0], changed('content after replaceChildren')).toBe(moved);
        expect(moved.container, changed('container after replaceChildren')).toBe(root);
    });

    test('an AST node moved into another list, and a parser error given a previous token', () => {
        const parsed = parse(TEXT);
        const objective = parsed.value.declarations[1]! as AstNode;
        const environment = parsed.value.declarations[0]!;
        setContainer(objective, environment, 'members', 7);
        expect([objective.$container, objective.$containerProperty, objective.$containerIndex], changed('AST container after setContainer'))
            .toEqual([environment, 'members', 7]);
        const error = parse('environment A {\n  horizon\n}\n').parserErrors[0]!;
        const token = { ...error.token, startOffset: 3 };
        setPreviousToken(error, token);
        expect(previousTokenOf(error), changed('previousToken after setPreviousToken')).toBe(token);
    });

    test('a reference that forgets its link resolves its name again when read', async () => {
        const document = await parseHelper<Spec>(services)(TEXT);
        const read = AstUtils.streamAst(document.parseResult.value).filter(isNameReference).find(r => r.target.$refText === 'a')!;
        const declared = read.target.ref;
        expect(declared?.$type, changed('a resolved reference')).toBe('Action');
        expect(fields(read.target)['_ref'], changed('reference field _ref')).toBe(declared);
        forgetLink(read.target);
        expect(fields(read.target)['_ref'], changed('_ref after forgetLink')).toBeUndefined();
        expect('_nodeDescription' in fields(read.target), changed('_nodeDescription kept as a field')).toBe(true);
        expect(read.target.ref, changed('ref resolved again after forgetLink')).toBe(declared);
        expect(fields(read.target)['_ref'], changed('_ref set again by resolving')).toBe(declared);
        clearDocuments(services.shared);
    });
});

