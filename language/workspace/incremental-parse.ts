/**
 * Reparses only what an edit touched. Typing inside a node's rule of a 2,000-line
 * environment should not cost a parse of the whole file (about 130 ms): the members of
 * an environment, and the declarations of a spec, each begin with a keyword on a line of
 * their own and parse independently of each other, so the run of them around the edit
 * can be parsed alone and spliced into the previous tree, whose later positions are
 * then shifted.
 *
 * The result must be the tree a full parse gives: same AST, same CST with the same
 * offsets and ranges, same errors at the same places. A window with a syntax error (a
 * line half typed) is parsed with its neighbouring elements, since error recovery
 * depends on what surrounds the broken text. Whatever this cannot guarantee it declines
 * (returns undefined), and the caller parses the whole text:
 * - an edit outside every member and declaration, or one whose window does not begin
 *   after whitespace and end with a line break and indentation (a token or a `//`
 *   comment could run across the boundary);
 * - a text with a carriage return not followed by a line feed (old Mac line ends);
 * - a window the caller rejects (the editor's nesting limit);
 * - a syntax error after which recovery did not resume at the next element as it was
 *   (or at the environment's `}`);
 * - errors of the previous parse next to the window but outside the edited text (errors
 *   further away stay, moved with the text).
 * test/language/incremental-parse.test.ts compares it with full parses over random edits.
 */
import type { AstNode, CstNode, LangiumParser, ParseResult, RootCstNode } from 'langium';
import { CstUtils } from 'langium';
import type { Environment, Spec } from '../generated/ast.js';
import { isEnvironment } from '../generated/ast.js';

/** The list of elements a window replaces a run of, and where the list's text lies. */
interface Site {
    owner: Spec | Environment;
    property: 'declarations' | 'members';
    elements: AstNode[];
    ownerCst: CstNode & { content: CstNode[] };
    /** Where the list's text begins and ends (after `{` and before `}` for members). */
    contentStart: number;
    contentEnd: number;
    /** The line and column of contentStart, and the line of contentEnd when the tree knows it (not at the end of the text). */
    startPlace: Place;
    endLine?: number;
}

/** What is replaced: elements `first` to `last` (none when last < first) and the text between [start, end). */
interface Window {
    site: Site;
    first: number;
    last: number;
    start: number;
    end: number;
}

const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/** Environment members are parsed inside a stand-in environment. */
const MEMBER_PREFIX = 'environment W {';
const MEMBER_SUFFIX = '}';

export function reparseIncrementally(parser: LangiumParser, previous: ParseResult<Spec>, oldText: string, newText: string,
    acceptWindow: (windowText: string) => boolean = () => true): ParseResult<Spec> | undefined {
    const root = previous.value;
    const rootCst = root.$cstNode as (RootCstNode & { _text: string }) | undefined;
    if (!rootCst || (rootCst.root as CstNode) !== rootCst || rootCst.fullText !== oldText) return undefined;
    // Positions here count lines by '\n' (so CRLF works); a lone '\r' also breaks a line for the lexer.
    if (LONE_CARRIAGE_RETURN.test(newText)) return undefined;
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

    const { site } = window;
    // The owner's syntax children are in text order: a binary search, not a pass over thousands.
    const children = site.ownerCst.content;
    const from = firstIndex(children.length, k => children[k]!.offset >= window.start);
    let to = from;
    while (to < children.length && children[to]!.offset < window.end) to++;
    const leaves = leafListAround(rootCst, children.slice(from, to), window);
    if (!leaves) return undefined;

    // Nothing has changed so far; from here the previous tree becomes the new one.
    const { start, endLine } = placesOf(window, oldText);
    const column = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
    const shift: LineShift = {
        line: endLine,
        lines: lineCount(windowText) - lineCount(oldText.slice(window.start, window.end)),
        characters: column(newText, window.end + delta) - column(oldText, window.end),
    };
    shiftLeaves(leaves.list, leaves.after, delta, shift);
    const fromWindow = windowMove(window.start - prefixLength, start, prefixLength);
    const placed: Leaf[] = [];
    for (const node of freshCst) placeWindowNode(node, rootCst, fromWindow, placed);
    children.splice(from, to - from, ...freshCst);
    leaves.list.splice(leaves.at, leaves.after - leaves.at, ...placed);
    const removed = site.elements.splice(window.first, window.last - window.first + 1, ...fresh);
    site.elements.forEach((element, index) => {
        const mutable = element as { $container: AstNode; $containerProperty: string; $containerIndex: number };
        mutable.$container = site.owner;
        mutable.$containerProperty = site.property;
        mutable.$containerIndex = index;
    });
    for (let node: CstNode | undefined = site.ownerCst; node; node = node.container) clearRangeCache(node);
    rootCst._text = newText;
    // Errors in text order: those before the window, the window's, those after it (moved with the text).
    const past = pastMove(delta, shift);
    const result: ParseResult<Spec> = {
        value: root,
        lexerErrors: [...errors.before.lexerErrors, ...parsed.lexerErrors.map(e => movedLexerError(e, fromWindow)),
            ...errors.after.lexerErrors.map(e => movedLexerError(e, past))],
        parserErrors: [...errors.before.parserErrors, ...parsed.parserErrors.map(e => movedError(e, fromWindow)),
            ...errors.after.parserErrors.map(e => movedError(e, past))],
        ...(previous.lexerReport ? { lexerReport: { diagnostics: [] } } : {}),
    };
    splices.set(result, { previous, owner: site.owner, removed, added: fresh });
    return result;
}

interface WindowParse {
    parsed: ParseResult<Spec>;
    windowText: string;
    /** Where the window's text begins in the text parsed (after the stand-in environment's opening). */
    prefixLength: number;
    /** The members or declarations parsed, and the composite whose content holds their syntax nodes. */
    elements: AstNode[];
    cst: Composite;
}

/**
 * Parses a window's text, members inside a stand-in environment. The stand-in is parsed
 * as a spec, not with the environment rule alone, so that error recovery knows what may
 * follow an environment, as in a full parse (a declaration typed among the members ends
 * the environment there); a window whose members do not all land in the stand-in is declined.
 */
function parseWindow(parser: LangiumParser, window: Window, newText: string, delta: number, acceptWindow: (windowText: string) => boolean): WindowParse | undefined {
    const windowText = newText.slice(window.start, window.end + delta);
    if (!acceptWindow(windowText)) return undefined;
    try {
        if (window.site.property === 'declarations') {
            const parsed = parser.parse<Spec>(windowText);
            if ((parsed.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
            return { parsed, windowText, prefixLength: 0, elements: parsed.value.declarations, cst: parsed.value.$cstNode as Composite };
        }
        const parseText = MEMBER_PREFIX + windowText + MEMBER_SUFFIX;
        const parsed = parser.parse<Spec>(parseText);
        if ((parsed.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const [standIn, ...others] = parsed.value.declarations;
        if (!standIn || others.length > 0 || !isEnvironment(standIn) || standIn.$cstNode?.end !== parseText.length) return undefined;
        return { parsed, windowText, prefixLength: MEMBER_PREFIX.length, elements: standIn.members, cst: innermost(standIn.$cstNode) };
    } catch {
        return undefined; // whatever went wrong, the full parse deals with it (and reports it)
    }
}

function hasErrors(parsed: ParseResult): boolean {
    return parsed.lexerErrors.length > 0 || parsed.parserErrors.length > 0;
}

/** The element after a window, in the window's text once widened to take it in: where it starts and how long it is. */
interface NextElement {
    offset: number;
    length: number;
}

/**
 * The window widened by the element before it (broken text may continue it: a `//`
 * turned into `/` divides its last expression) and the element after it (which the edit
 * did not touch, and where recovery should resume; for an environment's last member, its
 * `}`). Declined when the widened window does not begin after whitespace and end with a
 * line break.
 */
function widenedAround(window: Window, previous: ParseResult<Spec>, oldText: string, newText: string, delta: number): { window: Window; next: Resumption; errors: PartitionedErrors } | undefined {
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

type Errors = Pick<ParseResult, 'lexerErrors' | 'parserErrors'>;

/** The previous parse's errors: those near the window (which its parse must account for), and those before and after it. */
interface PartitionedErrors {
    near: Errors;
    before: Errors;
    after: Errors;
}

/**
 * Splits the previous parse's errors around a window. An error stays as it was when
 * the parse reached the window, or left it, in step with a full parse: a parser error
 * whose token is before the element preceding the window (that element was parsed from
 * its first token in the list, so the parser was in step again there), or after the
 * window's end (the window ends in step: its parse is clean, or resumed at the next
 * element). Lexer errors do not depend on what is around them. Undefined when a parser
 * error has no place (a token the recovery inserted).
 */
function partitionErrors(previous: Errors, window: Window): PartitionedErrors | undefined {
    if (previous.parserErrors.some(e => !Number.isFinite(e.token.startOffset))) return undefined;
    const { site } = window;
    const guard = window.first > 0 ? site.elements[window.first - 1]!.$cstNode!.offset
        : site.property === 'members' ? site.owner.$cstNode!.offset : -1;
    const split = <E>(items: E[], place: (e: E) => 'before' | 'near' | 'after') => ({
        before: items.filter(e => place(e) === 'before'),
        near: items.filter(e => place(e) === 'near'),
        after: items.filter(e => place(e) === 'after'),
    });
    const lexer = split(previous.lexerErrors, e => e.offset < window.start ? 'before' : e.offset >= window.end ? 'after' : 'near');
    const parser = split(previous.parserErrors, e => e.token.startOffset < guard ? 'before' : e.token.startOffset > window.end ? 'after' : 'near');
    return {
        near: { lexerErrors: lexer.near, parserErrors: parser.near },
        before: { lexerErrors: lexer.before, parserErrors: parser.before },
        after: { lexerErrors: lexer.after, parserErrors: parser.after },
    };
}

/**
 * Whether every error of the previous parse lies in the text of the window before it was
 * widened (a parser error may sit on the token just after it): errors in the elements
 * either side would have to be recovered from as the full parse did, which a window
 * parse cannot promise.
 */
function errorsWithin(previous: Errors, window: Window): boolean {
    return previous.lexerErrors.every(e => e.offset >= window.start && e.offset < window.end)
        && previous.parserErrors.every(e => Number.isFinite(e.token.startOffset) && e.token.startOffset >= window.start && e.token.startOffset <= window.end);
}

/**
 * Where a window's parse with errors must have resumed: at the next element, at the
 * environment's closing `}` (for its last member: the stand-in environment then ends with
 * it, see parseWindow, and the parser goes on after it as in a full parse), or the end
 * of the text.
 */
type Resumption = NextElement | 'close' | 'end';

/** Whether every error lies before where the parse should have resumed, and it resumed there as it was. */
function resumedAt(attempt: WindowParse, next: Resumption): boolean {
    const { parsed, elements } = attempt;
    if (next === 'end') {
        // Up to the end of the text, the window parse sees what the full parse sees.
        return parsed.parserErrors.every(e => !Number.isNaN(e.token.startOffset) || previousTokenOf(e) !== undefined);
    }
    if (next === 'close') {
        const close = attempt.prefixLength + attempt.windowText.length;
        return parsed.lexerErrors.every(e => e.offset < close) && parsed.parserErrors.every(e => Number.isFinite(e.token.startOffset) && e.token.startOffset <= close);
    }
    const before = (offset: number) => Number.isFinite(offset) && offset <= next.offset;
    if (!parsed.lexerErrors.every(e => before(e.offset)) || !parsed.parserErrors.every(e => before(e.token.startOffset))) return false;
    const last = elements[elements.length - 1]?.$cstNode;
    return last !== undefined && last.offset === next.offset && last.length === next.length;
}

type Place = { line: number; character: number };

/** How a place moves into the new text: its offset by `offset`, its line and column (counting from 1) by `at`. */
interface PlaceMove {
    offset: number;
    at(line: number, column: number): [number, number];
}

/** From the window's parse (its text after a prefix on its first line) to where the window is in the document. */
function windowMove(offset: number, start: Place, prefixLength: number): PlaceMove {
    return { offset, at: (line, column) => [line + start.line, line === 1 ? column - prefixLength + start.character : column] };
}

/** After the window: by the characters and lines the edit added, and on the window's last line by its columns. */
function pastMove(delta: number, shift: LineShift): PlaceMove {
    return { offset: delta, at: (line, column) => [line + shift.lines, line - 1 === shift.line ? column + shift.characters : column] };
}

type LexerError = ParseResult['lexerErrors'][number];

/** A lexer error moved (lines and columns count from 1; the message names the offset). */
function movedLexerError(e: LexerError, move: PlaceMove): LexerError {
    const [line, column] = move.at(e.line ?? 1, e.column ?? 1);
    return {
        ...e,
        offset: e.offset + move.offset,
        line,
        column: e.column === undefined ? undefined : column,
        message: e.message.replace(/at offset: (\d+)/, (_, offset: string) => `at offset: ${Number(offset) + move.offset}`),
    };
}

type ParserError = ParseResult['parserErrors'][number];
type Token = ParserError['token'];

function previousTokenOf(e: ParserError): Token | undefined {
    const token = (e as { previousToken?: Token }).previousToken;
    return token && !Number.isNaN(token.startOffset) ? token : undefined;
}

/** A parser error with its tokens moved. */
function movedError(e: ParserError, move: PlaceMove): ParserError {
    const moveToken = (token: Token): Token => {
        if (Number.isNaN(token.startOffset)) return token;
        const moved: Token = { ...token, startOffset: token.startOffset + move.offset };
        if (token.endOffset !== undefined) moved.endOffset = token.endOffset + move.offset;
        if (token.startLine !== undefined) {
            const [line, column] = move.at(token.startLine, token.startColumn ?? 1);
            moved.startLine = line;
            if (token.startColumn !== undefined) moved.startColumn = column;
        }
        if (token.endLine !== undefined) {
            const [line, column] = move.at(token.endLine, token.endColumn ?? 1);
            moved.endLine = line;
            if (token.endColumn !== undefined) moved.endColumn = column;
        }
        return moved;
    };
    // The same kind of exception, with all its own properties (an error's message is not enumerable).
    const moved = Object.create(Object.getPrototypeOf(e) as object, Object.getOwnPropertyDescriptors(e)) as ParserError & { previousToken?: Token };
    moved.token = moveToken(e.token);
    const previousToken = previousTokenOf(e);
    if (previousToken) moved.previousToken = moveToken(previousToken);
    return moved;
}

/**
 * Readies a full parse for the incremental reparses of later edits (its list of leaves),
 * so that the first edit after opening a document does not walk the whole tree for it.
 */
export function prepareForEdits(parse: ParseResult): void {
    const root = parse.value.$cstNode?.root;
    if (root && !leafLists.has(root)) leafLists.set(root, leavesBelow(root));
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

/** How `parse` was made from the previous parse, if it was made incrementally. */
export function spliceOf(parse: ParseResult): Splice | undefined {
    return splices.get(parse);
}

/**
 * Whether every error of the previous parse came from the window's text, so that a clean
 * reparse of the window mends it. A parser error is reported at the token where the
 * parser gave up, which can be the token after the text at fault: an error at the
 * window's end comes from the window, one at its first element's first token from what
 * comes before it.
 */
function errorsGoWith(previous: Errors, window: Window): boolean {
    // With no element in the window, an error at its end comes from the element before it.
    if (window.first > window.last) return previous.lexerErrors.length === 0 && previous.parserErrors.length === 0;
    const firstToken = window.site.elements[window.first]!.$cstNode!.offset;
    const lexedInside = (offset: number) => offset >= window.start && offset < window.end;
    const parsedInside = (offset: number) => Number.isFinite(offset) && offset > window.start && offset <= window.end && offset !== firstToken;
    return previous.lexerErrors.every(e => e.offset !== undefined && lexedInside(e.offset))
        && previous.parserErrors.every(e => parsedInside(e.token.startOffset));
}

/** The old text's [start, oldEnd) became the new text's [start, newEnd); undefined if nothing changed. */
function changedRegion(oldText: string, newText: string): { start: number; oldEnd: number } | undefined {
    if (oldText === newText) return undefined;
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    while (suffix < shorter - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix };
}

type Change = { start: number; oldEnd: number };

/** A window of members when the edit lies between an environment's braces. */
function memberWindow(root: Spec, oldText: string, newText: string, change: Change): Window | undefined {
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

function declarationWindow(root: Spec, rootCst: RootCstNode, oldText: string, newText: string, change: Change): Window | undefined {
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

/** The least k in [0, n) with holds(k), for a `holds` false then true; n when none. */
function firstIndex(n: number, holds: (k: number) => boolean): number {
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
 * Where a window begins (line and column) and the line it ends on in the old text, read
 * from the tree (the neighbouring elements' or the braces' positions) rather than by
 * counting the lines of half the text.
 */
function placesOf(window: Window, oldText: string): { start: Place; endLine: number } {
    const { site } = window;
    const elements = site.elements;
    const start = window.first > 0 ? elements[window.first - 1]!.$cstNode!.range.end : site.startPlace;
    const endLine = window.last + 1 < elements.length ? elements[window.last + 1]!.$cstNode!.range.start.line
        : site.endLine ?? lineCount(oldText.slice(0, window.end));
    return { start: { line: start.line, character: start.character }, endLine };
}

type Leaf = CstNode & MutableLeaf;

/**
 * Every leaf of a tree in text order, kept per root across incremental reparses: moving
 * the leaves after an edit is then a loop over part of an array, not a walk of the tree.
 */
const leafLists = new WeakMap<CstNode, Leaf[]>();

function leavesBelow(node: CstNode): Leaf[] {
    const leaves: Leaf[] = [];
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const current = stack.pop()!;
        const content = (current as Partial<Composite>).content;
        if (content === undefined) leaves.push(current as Leaf);
        else for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]!);
    }
    return leaves;
}

/**
 * The root's leaf list, with where the leaves of the replaced syntax nodes are in it
 * (`at` to `after`), checked against the tree around the window. A list that does not
 * match is built again from the tree; undefined (the full parse decides) if even that
 * has leaves in the window outside the replaced nodes.
 */
function leafListAround(root: CstNode, replaced: CstNode[], window: Window): { list: Leaf[]; at: number; after: number } | undefined {
    const old = replaced.flatMap(leavesBelow);
    for (let attempt = 0; attempt < 2; attempt++) {
        let list = leafLists.get(root);
        if (!list || attempt > 0) {
            list = leavesBelow(root);
            leafLists.set(root, list);
        }
        const leaves = list;
        const at = firstIndex(leaves.length, k => leaves[k]!._offset >= (old.length > 0 ? old[0]!._offset : window.start));
        const after = at + old.length;
        const matches = old.every((leaf, i) => leaves[at + i] === leaf)
            && (at === 0 || leaves[at - 1]!._offset < window.start)
            && (after === leaves.length || leaves[after]!._offset >= window.end);
        if (matches) return { list, at, after };
    }
    return undefined;
}

/**
 * Moves the leaves from index `from` on (those after the window) by `delta` characters
 * and `shift.lines` lines; those on the line the window ended on (`shift.line`) also by
 * `shift.characters` columns. Positions are moved in place, so the ranges composites
 * cache (which share their first and last leaf's positions) stay right; only the
 * window's ancestors need their caches cleared, which the caller does. An added line
 * moves every leaf after it (about 12,000 in half a 2,000-line spec).
 */
function shiftLeaves(leaves: Leaf[], from: number, delta: number, shift: LineShift): void {
    if (delta === 0 && shift.lines === 0 && shift.characters === 0) return;
    for (let k = from; k < leaves.length; k++) {
        const leaf = leaves[k]!;
        leaf._offset += delta;
        movePosition(leaf._range.start, shift);
        movePosition(leaf._range.end, shift);
    }
}

interface LineShift {
    line: number;
    lines: number;
    characters: number;
}

function movePosition(p: { line: number; character: number }, shift: LineShift): void {
    if (p.line === shift.line) p.character += shift.characters;
    p.line += shift.lines;
}

/** A node of the window's parse, moved to where its text is in the document; its leaves are added to `leaves`, in text order. */
function placeWindowNode(node: CstNode, root: CstNode, move: PlaceMove, leaves: Leaf[]): void {
    // Langium's positions count lines and columns from 0, a place move's from 1 (as the parser's).
    const moved = (p: Place): Place => {
        const [line, character] = move.at(p.line + 1, p.character);
        return { character, line: line - 1 }; // (the key order of Langium's own ranges)
    };
    for (const inner of CstUtils.streamCst(node)) {
        (inner as { root: CstNode }).root = root;
        if (isLeaf(inner)) {
            inner._offset += move.offset;
            inner._range = { start: moved(inner._range.start), end: moved(inner._range.end) };
            leaves.push(inner);
        } else {
            clearRangeCache(inner);
        }
    }
}

type Composite = CstNode & { content: CstNode[] };

/**
 * The composite that holds a rule's own tokens: a rule reached through an unassigned
 * alternative (`Declaration: Environment | ...`) is wrapped in one composite per level.
 */
function innermost(node: CstNode): Composite {
    let current = node as Composite;
    while (current.content.length === 1 && 'content' in current.content[0]!) current = current.content[0] as Composite;
    return current;
}

interface MutableLeaf {
    _offset: number;
    _range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function isLeaf(node: CstNode): node is CstNode & MutableLeaf {
    return '_offset' in node;
}

function clearRangeCache(node: CstNode): void {
    (node as { _rangeCache?: unknown })._rangeCache = undefined;
}

/** Whether text[from, to) ends with a line break and then only indentation. */
function endsWithLineBreak(text: string, from: number, to: number): boolean {
    let at = to - 1;
    while (at >= from && (text[at] === ' ' || text[at] === '\t')) at--;
    return at >= from && text[at] === '\n';
}

function lineCount(text: string): number {
    let count = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
    return count;
}
