/**
 * The previous parse's errors as a window sees them: which ones its parse must account
 * for (those near it), and which stay as they were, moved with the text (those before
 * and after it). A window is taken only when the errors near it came from its own text,
 * so that its parse gives them again or mends them, as a full parse would; error
 * recovery depends on what surrounds the broken text (see docs/design.md, "Incremental
 * reparse").
 */
import type { ParseResult } from 'langium';
import type { Window } from './window.js';

export type Errors = Pick<ParseResult, 'lexerErrors' | 'parserErrors'>;

/** The previous parse's errors: those near the window (which its parse must account for), and those before and after it. */
export interface PartitionedErrors {
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
export function partitionErrors(previous: Errors, window: Window): PartitionedErrors | undefined {
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
export function errorsWithin(previous: Errors, window: Window): boolean {
    return previous.lexerErrors.every(e => e.offset >= window.start && e.offset < window.end)
        && previous.parserErrors.every(e => Number.isFinite(e.token.startOffset) && e.token.startOffset >= window.start && e.token.startOffset <= window.end);
}

/**
 * Whether every error of the previous parse came from the window's text, so that a clean
 * reparse of the window mends it. A parser error is reported at the token where the
 * parser gave up, which can be the token after the text at fault: an error at the
 * window's end comes from the window, one at its first element's first token from what
 * comes before it.
 */
export function errorsGoWith(previous: Errors, window: Window): boolean {
    // With no element in the window, an error at its end comes from the element before it.
    if (window.first > window.last) return previous.lexerErrors.length === 0 && previous.parserErrors.length === 0;
    const firstToken = window.site.elements[window.first]!.$cstNode!.offset;
    const lexedInside = (offset: number) => offset >= window.start && offset < window.end;
    const parsedInside = (offset: number) => Number.isFinite(offset) && offset > window.start && offset <= window.end && offset !== firstToken;
    return previous.lexerErrors.every(e => e.offset !== undefined && lexedInside(e.offset))
        && previous.parserErrors.every(e => parsedInside(e.token.startOffset));
}
