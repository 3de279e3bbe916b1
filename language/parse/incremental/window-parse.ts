/**
 * Parses a window's text alone, and judges a parse with syntax errors: it is kept only
 * if error recovery resumed where a full parse would be in step again (at the next
 * element as it was, at the environment's `}`, or at the end of the text), since
 * recovery depends on what surrounds the broken text (see docs/design.md, "Incremental
 * reparse"). A window that opens a block comment and does not close it is declined.
 */
import type { AstNode, CompositeCstNode, LangiumParser, ParseResult } from 'langium';
import type { Spec } from '../../generated/ast.js';
import { isEnvironment } from '../../generated/ast.js';
import { placedPreviousToken } from './moved-errors.js';
import type { Resumption, Window } from './window.js';
import { innermost, MEMBER_PREFIX, MEMBER_SUFFIX } from './window.js';

export interface WindowParse {
    parsed: ParseResult<Spec>;
    windowText: string;
    /** Where the window's text begins in the text parsed (after the stand-in environment's opening). */
    prefixLength: number;
    /** The members or declarations parsed, and the composite whose content holds their syntax nodes. */
    elements: AstNode[];
    cst: CompositeCstNode;
}

/**
 * Parses a window's text, members inside a stand-in environment. The stand-in is parsed
 * as a spec, not with the environment rule alone, so that error recovery knows what may
 * follow an environment, as in a full parse (a declaration typed among the members ends
 * the environment there); a window whose members do not all land in the stand-in is declined.
 */
export function parseWindow(parser: LangiumParser, window: Window, newText: string, delta: number, acceptWindow: (windowText: string) => boolean): WindowParse | undefined {
    const windowText = newText.slice(window.start, window.end + delta);
    if (!acceptWindow(windowText) || opensBlockComment(windowText)) return undefined;
    try {
        if (window.site.property === 'declarations') {
            const parsed = parser.parse<Spec>(windowText);
            if ((parsed.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
            return { parsed, windowText, prefixLength: 0, elements: parsed.value.declarations, cst: parsed.value.$cstNode as CompositeCstNode };
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

/**
 * Whether a text opens a block comment it does not close: in the document the comment
 * then runs on past the window's end to the next comment end, which the window's parse
 * cannot see (a line comment ends at the line break that ends every window).
 */
export function opensBlockComment(text: string): boolean {
    for (let at = 0; at < text.length; at++) {
        if (text[at] !== '/') continue;
        if (text[at + 1] === '/') {
            while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
        } else if (text[at + 1] === '*') {
            const close = text.indexOf('*/', at + 2);
            if (close < 0) return true;
            at = close + 1;
        }
    }
    return false;
}

export function hasErrors(parsed: ParseResult): boolean {
    return parsed.lexerErrors.length > 0 || parsed.parserErrors.length > 0;
}

/** Whether every error lies before where the parse should have resumed, and it resumed there as it was. */
export function resumedAt(attempt: WindowParse, next: Resumption): boolean {
    const { parsed, elements } = attempt;
    if (next === 'end') {
        // Up to the end of the text, the window parse sees what the full parse sees.
        return parsed.parserErrors.every(e => !Number.isNaN(e.token.startOffset) || placedPreviousToken(e) !== undefined);
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
