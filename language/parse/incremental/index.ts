/**
 * Reparses only what an edit touched. Typing inside a node's rule of a 2,000-line
 * environment should not cost a parse of the whole file (about 130 ms): the members of
 * an environment, and the declarations of a spec, each begin with a keyword on a line of
 * their own and parse independently of each other, so the run of them around the edit
 * can be parsed alone and spliced into the previous tree, whose later positions are
 * then shifted (see docs/design.md, "Incremental reparse").
 *
 * The result must be the tree a full parse gives: same AST, same CST with the same
 * offsets and ranges, same errors at the same places. A window with a syntax error (a
 * line half typed) is parsed with its neighbouring elements, since error recovery
 * depends on what surrounds the broken text. Whatever this cannot guarantee it declines
 * (returns undefined), and the caller parses the whole text:
 * - an edit outside every member and declaration, or one whose window does not begin
 *   after whitespace and end with a line break and indentation (a token or a `//`
 *   comment could run across the boundary);
 * - a window the caller rejects (the editor's nesting limit), or one that opens a block
 *   comment it does not close (the comment runs on past it);
 * - a syntax error after which recovery did not resume at the next element as it was
 *   (or at the environment's `}`);
 * - errors of the previous parse next to the window but outside the edited text (errors
 *   further away stay, moved with the text).
 *
 * This file orchestrates; the pieces are window.ts (choosing the window),
 * previous-errors.ts and window-parse.ts (whether its parse gives what a full parse
 * would), positions.ts and moved-errors.ts (moving positions and errors), splice.ts
 * (splicing the tree) and langium-internals.ts (every touch of Langium's internals).
 * test/parse/incremental-parse.test.ts compares it with full parses over random edits.
 */
import type { CstNode, LangiumParser, ParseResult, RootCstNode } from 'langium';
import type { Spec } from '../../generated/ast.js';
import { errorsInOrder } from './moved-errors.js';
import { leafListAround, lineShiftOf, pastMove, placesOf, placeWindowNodes, prepareLeafList, replaceLeaves, shiftLeaves, windowMove } from './positions.js';
import { errorsGoWith, partitionErrors } from './previous-errors.js';
import { recordSplice, replacedChildren, spliceTree } from './splice.js';
import { changedRegion, declarationWindow, memberWindow, widenedAround } from './window.js';
import { hasErrors, parseWindow, resumedAt } from './window-parse.js';

export type { Splice } from './splice.js';
export { spliceOf } from './splice.js';

export function reparseIncrementally(parser: LangiumParser, previous: ParseResult<Spec>, oldText: string, newText: string,
    acceptWindow: (windowText: string) => boolean = () => true): ParseResult<Spec> | undefined {
    const root = previous.value;
    const rootCst = root.$cstNode as RootCstNode | undefined;
    if (!rootCst || (rootCst.root as CstNode) !== rootCst || rootCst.fullText !== oldText) return undefined;
    const change = changedRegion(oldText, newText);
    if (!change) return undefined;
    let window = memberWindow(root, oldText, newText, change) ?? declarationWindow(root, rootCst, oldText, newText, change);
    if (!window) return undefined;
    const delta = newText.length - oldText.length;
    // Errors of the previous parse away from the window stay as they are (moved with the text).
    let errors = partitionErrors(previous, window);
    let attempt = errors && errorsGoWith(errors.near, window) ? parseWindow(parser, window, newText, delta, acceptWindow) : undefined;
    // A syntax error, now or in the previous parse next to the window: error recovery
    // depends on what surrounds the broken text, so parse the elements either side along,
    // and take a result with errors only if recovery resumed at the next element and
    // parsed it as it was (then the parser is where a full parse would be).
    if (!attempt || hasErrors(attempt.parsed)) {
        const widened = widenedAround(window, previous, oldText, newText, delta);
        attempt = widened && parseWindow(parser, widened.window, newText, delta, acceptWindow);
        if (!widened || !attempt || (hasErrors(attempt.parsed) && !resumedAt(attempt, widened.next))) return undefined;
        window = widened.window;
        errors = widened.errors;
    }
    if (!errors) return undefined;
    const { parsed, windowText, prefixLength, elements: fresh } = attempt;
    const freshCst = attempt.cst.content.filter(n => n.offset >= prefixLength && n.offset < prefixLength + windowText.length);
    const replaced = replacedChildren(window);
    const leaves = leafListAround(rootCst, window.site.ownerCst.content.slice(replaced.from, replaced.to), window);
    if (!leaves) return undefined;

    // Nothing has changed so far; from here the previous tree becomes the new one.
    const { start, endLine } = placesOf(window, oldText);
    const shift = lineShiftOf(window, endLine, oldText, newText, windowText);
    shiftLeaves(leaves.list, leaves.after, delta, shift);
    const fromWindow = windowMove(window.start - prefixLength, start, prefixLength);
    replaceLeaves(leaves, placeWindowNodes(freshCst, rootCst, fromWindow));
    const removed = spliceTree(window, replaced, freshCst, fresh, rootCst, newText);
    const result: ParseResult<Spec> = {
        value: root,
        ...errorsInOrder(errors.before, parsed, fromWindow, errors.after, pastMove(delta, shift)),
        ...(previous.lexerReport ? { lexerReport: { diagnostics: [] } } : {}),
    };
    recordSplice(result, { previous, owner: window.site.owner, removed, added: fresh });
    return result;
}

/**
 * Readies a full parse for the incremental reparses of later edits (its list of leaves),
 * so that the first edit after opening a document does not walk the whole tree for it.
 */
export function prepareForEdits(parse: ParseResult): void {
    const root = parse.value.$cstNode?.root;
    if (root) prepareLeafList(root);
}
