/**
 * Splices a window's parse into the previous tree: its syntax nodes take the place of
 * those the window replaces among the owner's children, its members or declarations
 * those of the run it replaces in the owner's list, and the root takes the new text. The
 * rest of the tree is kept, object for object, so that what depends only on a node's text
 * survives the edit; what changed is recorded for relinking (see docs/design.md,
 * "Incremental reparse").
 */
import type { AstNode, CstNode, ParseResult, RootCstNode } from 'langium';
import type { Environment, Spec } from '../../generated/ast.js';
import { clearRangeCache, replaceChildren, setContainer, setFullText } from './langium-internals.js';
import type { Window } from './window.js';
import { firstIndex } from './window.js';

/** Where the syntax nodes a window replaces are among its owner's children: [from, to). */
export function replacedChildren(window: Window): { from: number; to: number } {
    // The owner's syntax children are in text order: a binary search, not a pass over thousands.
    const children = window.site.ownerCst.content;
    const from = firstIndex(children.length, k => children[k]!.offset >= window.start);
    let to = from;
    while (to < children.length && children[to]!.offset < window.end) to++;
    return { from, to };
}

/**
 * Replaces the window's syntax nodes (children `from` to `to` of its owner's) by `nodes`,
 * and its elements by `elements`, already placed in the document; gives the root the new
 * text. Returns the elements removed.
 */
export function spliceTree(window: Window, replaced: { from: number; to: number }, nodes: CstNode[], elements: AstNode[],
    root: RootCstNode, newText: string): AstNode[] {
    const { site } = window;
    replaceChildren(site.ownerCst, replaced.from, replaced.to - replaced.from, nodes);
    const removed = site.elements.splice(window.first, window.last - window.first + 1, ...elements);
    site.elements.forEach((element, index) => setContainer(element, site.owner, site.property, index));
    for (let node: CstNode | undefined = site.ownerCst; node; node = node.container) clearRangeCache(node);
    setFullText(root, newText);
    return removed;
}

/** What an incremental reparse changed: in `owner`, the elements `removed` became `added`; the rest of the tree is kept. */
export interface Splice {
    /** The parse this one was made from. */
    previous: ParseResult<Spec>;
    owner: Spec | Environment;
    removed: readonly AstNode[];
    added: readonly AstNode[];
}

const splices = new WeakMap<ParseResult, Splice>();

/** Records how `parse` was made from the previous parse. */
export function recordSplice(parse: ParseResult, splice: Splice): void {
    splices.set(parse, splice);
}

/** How `parse` was made from the previous parse, if it was made incrementally. */
export function spliceOf(parse: ParseResult): Splice | undefined {
    return splices.get(parse);
}
