/**
 * Chooses the window an edit is reparsed in: the run of environment members (or of
 * spec declarations) the edit touched, with the text between their neighbours, and when
 * the parse of that run has a syntax error, the same run widened by one element each
 * side. The members of an environment and the declarations of a spec each begin with a
 * keyword on a line of their own and parse independently of each other, so such a run
 * can be parsed alone; a window is offered only where no token or `//` comment can run
 * across its ends (see docs/design.md, "Incremental reparse").
 */
import type { AstNode, CompositeCstNode, CstNode, ParseResult, RootCstNode } from 'langium';
import { isCompositeCstNode } from 'langium';
import type { Environment, Spec } from '../../generated/ast.js';
import { isEnvironment } from '../../generated/ast.js';
import type { Place } from './positions.js';
import type { PartitionedErrors } from './previous-errors.js';
import { errorsGoWith, errorsWithin, partitionErrors } from './previous-errors.js';

/** The list of elements a window replaces a run of, and where the list's text lies. */
export interface Site {
    owner: Spec | Environment;
    property: 'declarations' | 'members';
    elements: AstNode[];
    ownerCst: CompositeCstNode;
    /** Where the list's text begins and ends (after `{` and before `}` for members). */
    contentStart: number;
    contentEnd: number;
    /** The line and column of contentStart, and the line of contentEnd when the tree knows it (not at the end of the text). */
    startPlace: Place;
    endLine?: number;
}

/** What is replaced: elements `first` to `last` (none when last < first) and the text between [start, end). */
export interface Window {
    site: Site;
    first: number;
    last: number;
    start: number;
    end: number;
}

/** Environment members are parsed inside a stand-in environment. */
export const MEMBER_PREFIX = 'environment W {';
export const MEMBER_SUFFIX = '}';

/** The old text's [start, oldEnd) became the new text's [start, newEnd). */
export type Change = { start: number; oldEnd: number };

/** The old text's [start, oldEnd) became the new text's [start, newEnd); undefined if nothing changed. */
export function changedRegion(oldText: string, newText: string): Change | undefined {
    if (oldText === newText) return undefined;
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    while (suffix < shorter - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix };
}

/** A window of members when the edit lies between an environment's braces. */
export function memberWindow(root: Spec, oldText: string, newText: string, change: Change): Window | undefined {
    const environment = root.declarations.find(d => {
        const cst = d.$cstNode;
        return cst !== undefined && cst.offset < change.start && change.oldEnd < cst.end;
    });
    if (!environment || !isEnvironment(environment)) return undefined;
    const cst = innermost(environment.$cstNode!);
    const open = cst.content.find(n => !n.hidden && n.text === '{');
    const close = cst.content[cst.content.length - 1];
    if (!open || !close || close.text !== '}' || close.hidden) return undefined;
    const site: Site = {
        owner: environment, property: 'members', elements: environment.members, ownerCst: cst,
        contentStart: open.end, contentEnd: close.offset, startPlace: open.range.end, endLine: close.range.start.line,
    };
    // The braces stay: text typed just before the `}` (a member added at the end) is inside.
    if (change.start <= site.contentStart || change.oldEnd > site.contentEnd) return undefined;
    return windowIn(site, oldText, newText, change);
}

/** A window of declarations (when the edit is not inside an environment's braces). */
export function declarationWindow(root: Spec, rootCst: RootCstNode, oldText: string, newText: string, change: Change): Window | undefined {
    const site: Site = {
        owner: root, property: 'declarations', elements: root.declarations, ownerCst: rootCst,
        contentStart: 0, contentEnd: oldText.length, startPlace: { line: 0, character: 0 },
    };
    return windowIn(site, oldText, newText, change);
}

/** The run of elements the change touches, widened to the text between their neighbours. */
function windowIn(site: Site, oldText: string, newText: string, change: Change): Window | undefined {
    const elements = site.elements;
    if (elements.some(e => e.$cstNode === undefined)) return undefined;
    const startOf = (k: number) => elements[k]!.$cstNode!.offset;
    const endOf = (k: number) => elements[k]!.$cstNode!.end;
    // Elements are in text order and do not overlap: binary searches, not a pass over
    // the 2,000 members of a large environment.
    const first = firstIndex(elements.length, k => endOf(k) >= change.start);
    const last = firstIndex(elements.length, k => startOf(k) > change.oldEnd) - 1;
    const start = first > 0 ? endOf(first - 1) : site.contentStart;
    const end = last + 1 < elements.length ? startOf(last + 1) : site.contentEnd;
    const delta = newText.length - oldText.length;
    // The window begins after the previous element's last token, at unchanged whitespace...
    const cleanStart = start === 0 || (start < change.start && /\s/.test(oldText[start] ?? ''));
    // ... and ends with a line break, so no token or comment runs across either end.
    const cleanEnd = (end === oldText.length && site.property === 'declarations') || (change.oldEnd <= end && endsWithLineBreak(newText, start, end + delta));
    if (!cleanStart || !cleanEnd) return undefined;
    return { site, first, last, start, end };
}

/** The element after a window, in the window's text once widened to take it in: where it starts and how long it is. */
export interface NextElement {
    offset: number;
    length: number;
}

/**
 * Where a window's parse with errors must have resumed: at the next element, at the
 * environment's closing `}` (for its last member: the stand-in environment then ends with
 * it, see parseWindow, and the parser goes on after it as in a full parse), or the end
 * of the text.
 */
export type Resumption = NextElement | 'close' | 'end';

/**
 * The window widened by the element before it (broken text may continue it: a `//`
 * turned into `/` divides its last expression) and the element after it (which the edit
 * did not touch, and where recovery should resume; for an environment's last member, its
 * `}`). Declined when the widened window does not begin after whitespace and end with a
 * line break.
 */
export function widenedAround(window: Window, previous: ParseResult<Spec>, oldText: string, newText: string, delta: number): { window: Window; next: Resumption; errors: PartitionedErrors } | undefined {
    const { site } = window;
    const elements = site.elements;
    const first = Math.max(0, Math.min(window.first, window.last + 1) - 1);
    const start = first > 0 ? elements[first - 1]!.$cstNode!.end : site.contentStart;
    if (start !== 0 && !/\s/.test(oldText[start] ?? '')) return undefined;
    const nextIndex = window.last + 1;
    let widened: Window;
    let next: Resumption;
    if (nextIndex >= elements.length) {
        // The last element: the window already runs to the environment's `}`, or for the
        // last declaration to the end of the text, as a full parse does.
        if (window.end !== site.contentEnd) return undefined;
        widened = { site, first, last: window.last, start, end: window.end };
        next = site.property === 'members' ? 'close' : 'end';
    } else {
        const nextCst = elements[nextIndex]!.$cstNode!;
        const end = nextIndex + 1 < elements.length ? elements[nextIndex + 1]!.$cstNode!.offset : site.contentEnd;
        if (end < site.contentEnd && !endsWithLineBreak(newText, start, end + delta)) return undefined;
        const prefixLength = site.property === 'members' ? MEMBER_PREFIX.length : 0;
        widened = { site, first, last: nextIndex, start, end };
        next = { offset: prefixLength + nextCst.offset + delta - start, length: nextCst.length };
    }
    const errors = partitionErrors(previous, widened);
    return errors && errorsWithin(errors.near, window) && errorsGoWith(errors.near, widened) ? { window: widened, next, errors } : undefined;
}

/** The least k in [0, n) with holds(k), for a `holds` false then true; n when none. */
export function firstIndex(n: number, holds: (k: number) => boolean): number {
    let low = 0;
    let high = n;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (holds(mid)) high = mid;
        else low = mid + 1;
    }
    return low;
}

/**
 * The composite that holds a rule's own tokens: a rule reached through an unassigned
 * alternative (`Declaration: Environment | ...`) is wrapped in one composite per level.
 */
export function innermost(node: CstNode): CompositeCstNode {
    let current = node as CompositeCstNode;
    while (current.content.length === 1 && isCompositeCstNode(current.content[0])) current = current.content[0];
    return current;
}

/** Whether text[from, to) ends with a line break (LF, or a lone CR as LSP counts it) and then only indentation. */
function endsWithLineBreak(text: string, from: number, to: number): boolean {
    let at = to - 1;
    while (at >= from && (text[at] === ' ' || text[at] === '\t')) at--;
    return at >= from && (text[at] === '\n' || text[at] === '\r');
}
