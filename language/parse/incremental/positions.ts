/**
 * Moves positions: those of the syntax tree's leaves after the window (by the characters
 * and lines the edit added), and those of the window's own parse (from its text to where
 * that text is in the document). Composites take their positions from their first and
 * last leaves, so only leaves are moved. Every leaf of a tree is kept in a list, in text
 * order, across incremental reparses: moving the leaves after an edit is then a loop over
 * part of an array, not a walk of the tree (see docs/design.md, "Incremental reparse").
 */
import type { CstNode, LeafCstNode, RootCstNode } from 'langium';
import { CstUtils, isCompositeCstNode } from 'langium';
import { clearRangeCache, placeLeaf, setRoot, shiftLeavesInPlace } from './langium-internals.js';
import type { Window } from './window.js';
import { firstIndex } from './window.js';

export type Place = { line: number; character: number };

/** Lines after the window move by `lines`; on the line it ended on (`line`), columns move by `characters`. */
export interface LineShift {
    line: number;
    lines: number;
    characters: number;
}

/** How a place moves into the new text: its offset by `offset`, its line and column (counting from 1) by `at`. */
export interface PlaceMove {
    offset: number;
    at(line: number, column: number): [number, number];
}

/** From the window's parse (its text after a prefix on its first line) to where the window is in the document. */
export function windowMove(offset: number, start: Place, prefixLength: number): PlaceMove {
    return { offset, at: (line, column) => [line + start.line, line === 1 ? column - prefixLength + start.character : column] };
}

/** After the window: by the characters and lines the edit added, and on the window's last line by its columns. */
export function pastMove(delta: number, shift: LineShift): PlaceMove {
    return { offset: delta, at: (line, column) => [line + shift.lines, line - 1 === shift.line ? column + shift.characters : column] };
}

/**
 * Where a window begins (line and column) and the line it ends on in the old text, read
 * from the tree (the neighbouring elements' or the braces' positions) rather than by
 * counting the lines of half the text.
 */
export function placesOf(window: Window, oldText: string): { start: Place; endLine: number } {
    const { site } = window;
    const elements = site.elements;
    const start = window.first > 0 ? elements[window.first - 1]!.$cstNode!.range.end : site.startPlace;
    const endLine = window.last + 1 < elements.length ? elements[window.last + 1]!.$cstNode!.range.start.line
        : site.endLine ?? lineCount(oldText.slice(0, window.end));
    return { start: { line: start.line, character: start.character }, endLine };
}

/** How the text after the window moves: the lines the window gained, and the columns its last line gained. */
export function lineShiftOf(window: Window, endLine: number, oldText: string, newText: string, windowText: string): LineShift {
    const delta = newText.length - oldText.length;
    const column = (text: string, offset: number) => offset - (lastLineBreak(text, offset) + 1);
    return {
        line: endLine,
        lines: lineCount(windowText) - lineCount(oldText.slice(window.start, window.end)),
        characters: column(newText, window.end + delta) - column(oldText, window.end),
    };
}

/** Every leaf of a tree in text order, kept per root across incremental reparses. */
const leafLists = new WeakMap<CstNode, LeafCstNode[]>();

function leavesBelow(node: CstNode): LeafCstNode[] {
    const leaves: LeafCstNode[] = [];
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const current = stack.pop()!;
        if (!isCompositeCstNode(current)) leaves.push(current as LeafCstNode);
        else for (let i = current.content.length - 1; i >= 0; i--) stack.push(current.content[i]!);
    }
    return leaves;
}

/** Builds a root's leaf list if it has none yet. */
export function prepareLeafList(root: CstNode): void {
    if (!leafLists.has(root)) leafLists.set(root, leavesBelow(root));
}

/** A root's leaf list, with the leaves of the syntax nodes a window replaces at `at` to `after`. */
export interface LeavesAround {
    list: LeafCstNode[];
    at: number;
    after: number;
}

/**
 * The root's leaf list, with where the leaves of the replaced syntax nodes are in it
 * (`at` to `after`), checked against the tree around the window. A list that does not
 * match is built again from the tree; undefined (the full parse decides) if even that
 * has leaves in the window outside the replaced nodes.
 */
export function leafListAround(root: CstNode, replaced: CstNode[], window: Window): LeavesAround | undefined {
    const old = replaced.flatMap(leavesBelow);
    for (let attempt = 0; attempt < 2; attempt++) {
        let list = leafLists.get(root);
        if (!list || attempt > 0) {
            list = leavesBelow(root);
            leafLists.set(root, list);
        }
        const leaves = list;
        const at = firstIndex(leaves.length, k => leaves[k]!.offset >= (old.length > 0 ? old[0]!.offset : window.start));
        const after = at + old.length;
        const matches = old.every((leaf, i) => leaves[at + i] === leaf)
            && (at === 0 || leaves[at - 1]!.offset < window.start)
            && (after === leaves.length || leaves[after]!.offset >= window.end);
        if (matches) return { list, at, after };
    }
    return undefined;
}

/** Puts the leaves `placed` in the list where the replaced syntax nodes' leaves were. */
export function replaceLeaves(leaves: LeavesAround, placed: LeafCstNode[]): void {
    leaves.list.splice(leaves.at, leaves.after - leaves.at, ...placed);
}

/**
 * Moves the leaves from index `from` on (those after the window) by `delta` characters
 * and `shift.lines` lines; those on the line the window ended on (`shift.line`) also by
 * `shift.characters` columns. Positions are moved in place, so the ranges composites
 * cache (which share their first and last leaf's positions) stay right; only the
 * window's ancestors need their caches cleared, which the splice does. An added line
 * moves every leaf after it (about 12,000 in half a 2,000-line spec).
 */
export function shiftLeaves(leaves: LeafCstNode[], from: number, delta: number, shift: LineShift): void {
    if (delta === 0 && shift.lines === 0 && shift.characters === 0) return;
    shiftLeavesInPlace(leaves, from, delta, shift);
}

/**
 * The syntax nodes of the window's parse, moved to where their text is in the document
 * and made part of `root`'s tree; returns their leaves, in text order.
 */
export function placeWindowNodes(nodes: CstNode[], root: RootCstNode, move: PlaceMove): LeafCstNode[] {
    // Langium's positions count lines and columns from 0, a place move's from 1 (as the parser's).
    const moved = (p: Place): Place => {
        const [line, character] = move.at(p.line + 1, p.character);
        return { character, line: line - 1 }; // (the key order of Langium's own ranges)
    };
    const leaves: LeafCstNode[] = [];
    for (const node of nodes) {
        for (const inner of CstUtils.streamCst(node)) {
            setRoot(inner, root);
            if (isCompositeCstNode(inner)) {
                clearRangeCache(inner);
            } else {
                placeLeaf(inner as LeafCstNode, move.offset, moved);
                leaves.push(inner as LeafCstNode);
            }
        }
    }
    return leaves;
}

/**
 * The line breaks in a text, counted as LSP and the lexer count them: a CRLF, a lone LF
 * and a lone CR (old Mac line ends) are one each (see docs/design.md, Incremental reparse).
 */
export function lineCount(text: string): number {
    let count = 0;
    for (let at = 0; at < text.length; at++) {
        const c = text.charCodeAt(at);
        if (c === LF || (c === CR && text.charCodeAt(at + 1) !== LF)) count++;
    }
    return count;
}

/** Where the last line break before `offset` ends (its LF, or its lone CR); -1 if none. */
export function lastLineBreak(text: string, offset: number): number {
    return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
}

const LF = 10;
const CR = 13;
