/**
 * Every touch of Langium's (and Chevrotain's) internals the incremental reparse makes,
 * and nothing else: the rest of language/parse/incremental/, and the linker that
 * relinks only what a reparse made stale, call these functions and read the tree
 * through Langium's public API only. Splicing a window's parse into the
 * previous tree means moving syntax nodes and retargeting them, which Langium's public
 * types declare read-only (see docs/design.md, "Langium internals in one adapter").
 *
 * Written against Langium 4.2.1 (its Chevrotain 11.1.2), lib/parser/cst-node-builder.js.
 * It relies on exactly these:
 * - LeafCstNodeImpl: the fields `_offset` (number) and `_range` ({ start, end }, each
 *   { line, character }), which its getters `offset`, `end` (`_offset + _length`) and
 *   `range` return from; `range` returns the `_range` object itself.
 * - CompositeCstNodeImpl: the field `_rangeCache` (undefined until `range` is read), a
 *   range whose `start` and `end` are the very position objects of its first and last
 *   non-hidden leaves, so moving those objects in place moves the cached range too;
 *   `content`, an array whose `splice` sets each inserted node's `container`.
 * - RootCstNodeImpl: the field `_text`, which `fullText` and every node's `text` read.
 * - AbstractCstNode: `root`, a plain writable field on every node.
 * - AstNode: `$container`, `$containerProperty` and `$containerIndex`, plain writable
 *   properties though typed read-only.
 * - The references DefaultLinker.buildReference makes: the fields `_ref` and
 *   `_nodeDescription`; with `_ref` undefined, reading `ref` resolves the name again.
 * - Chevrotain's MismatchedToken, NoViableAlt and EarlyExit exceptions (Langium's
 *   `parserErrors`): the field `previousToken`, which Langium's DocumentValidator reads to
 *   place an error at the token before one the recovery inserted.
 * test/parse/langium-internals.test.ts fails if any of these changes shape: after a
 * Langium upgrade, update this file (and that test) alone.
 */
import type { AstNode, CompositeCstNode, CstNode, LeafCstNode, MultiReference, ParseResult, Reference, RootCstNode } from 'langium';

/** A line and column as Langium's ranges hold them (both from 0). */
type Position = { line: number; character: number };

interface LeafFields {
    _offset: number;
    _range: { start: Position; end: Position };
}

/**
 * Moves the leaves from index `from` on by `delta` characters and `shift.lines` lines,
 * those on line `shift.line` also by `shift.characters` columns. Positions are moved in
 * place: the ranges composites cache share these position objects, so they stay right.
 * (One loop here rather than a call per leaf: it runs over thousands of leaves.)
 */
export function shiftLeavesInPlace(leaves: readonly LeafCstNode[], from: number, delta: number,
    shift: { line: number; lines: number; characters: number }): void {
    const { line, lines, characters } = shift;
    for (let k = from; k < leaves.length; k++) {
        const leaf = leaves[k] as unknown as LeafFields;
        leaf._offset += delta;
        const { start, end } = leaf._range;
        if (start.line === line) start.character += characters;
        start.line += lines;
        if (end.line === line) end.character += characters;
        end.line += lines;
    }
}

/** Moves a leaf `delta` characters along and gives it a new range (made from its present one by `place`). */
export function placeLeaf(leaf: LeafCstNode, delta: number, place: (position: Position) => Position): void {
    const fields = leaf as unknown as LeafFields;
    fields._offset += delta;
    fields._range = { start: place(fields._range.start), end: place(fields._range.end) };
}

/** Makes `root` the root of a node of another parse (its `text` is then read from `root`'s text). */
export function setRoot(node: CstNode, root: RootCstNode): void {
    (node as { root: RootCstNode }).root = root;
}

/** Forgets the range a composite cached, for one whose first or last leaf was replaced or moved to new position objects. */
export function clearRangeCache(node: CstNode): void {
    (node as { _rangeCache?: unknown })._rangeCache = undefined;
}

/** Replaces `count` of a composite's children from index `from` by `nodes`, which then have it as their container. */
export function replaceChildren(parent: CompositeCstNode, from: number, count: number, nodes: readonly CstNode[]): void {
    parent.content.splice(from, count, ...nodes);
}

/** Gives a root its new full text, which every node's `text` is read from. */
export function setFullText(root: RootCstNode, text: string): void {
    (root as unknown as { _text: string })._text = text;
}

/** Puts an AST node at `index` of its container's `property` list. */
export function setContainer(node: AstNode, container: AstNode, property: string, index: number): void {
    const mutable = node as { $container: AstNode; $containerProperty: string; $containerIndex: number };
    mutable.$container = container;
    mutable.$containerProperty = property;
    mutable.$containerIndex = index;
}

/**
 * Makes a reference resolve its name again when next read. Cleared, not deleted: a
 * `delete` turns each reference into a slow dictionary object.
 */
export function forgetLink(reference: Reference | MultiReference): void {
    const linked = reference as unknown as { _ref?: unknown; _nodeDescription?: unknown };
    linked._ref = undefined;
    linked._nodeDescription = undefined;
}

type ParserError = ParseResult['parserErrors'][number];
type Token = ParserError['token'];

/** The token before the one a parser error is at, for the kinds of error that keep one. */
export function previousTokenOf(error: ParserError): Token | undefined {
    return (error as { previousToken?: Token }).previousToken;
}

/** Sets the token before the one a parser error is at. */
export function setPreviousToken(error: ParserError, token: Token): void {
    (error as { previousToken?: Token }).previousToken = token;
}
