/**
 * Moves errors to their places in the new text: the errors of the window's parse into
 * the document, and the previous parse's errors after the window with the text. An
 * error's places are those the validator reports it at (its token, or the token before
 * one the recovery inserted), so they must be those a full parse gives (see
 * docs/design.md, "Incremental reparse").
 */
import type { ParseResult } from 'langium';
import { previousTokenOf, setPreviousToken } from './langium-internals.js';
import type { PlaceMove } from './positions.js';
import type { Errors } from './previous-errors.js';

type LexerError = ParseResult['lexerErrors'][number];
type ParserError = ParseResult['parserErrors'][number];
type Token = ParserError['token'];

/** A lexer error moved (lines and columns count from 1; the message names the offset). */
export function movedLexerError(e: LexerError, move: PlaceMove): LexerError {
    const [line, column] = move.at(e.line ?? 1, e.column ?? 1);
    return {
        ...e,
        offset: e.offset + move.offset,
        line,
        column: e.column === undefined ? undefined : column,
        message: e.message.replace(/at offset: (\d+)/, (_, offset: string) => `at offset: ${Number(offset) + move.offset}`),
    };
}

/** The token before a parser error's, when it has one with a place. */
export function placedPreviousToken(e: ParserError): Token | undefined {
    const token = previousTokenOf(e);
    return token && !Number.isNaN(token.startOffset) ? token : undefined;
}

/** A parser error with its tokens moved. */
export function movedError(e: ParserError, move: PlaceMove): ParserError {
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
    const moved = Object.create(Object.getPrototypeOf(e) as object, Object.getOwnPropertyDescriptors(e)) as ParserError;
    moved.token = moveToken(e.token);
    const previousToken = placedPreviousToken(e);
    if (previousToken) setPreviousToken(moved, moveToken(previousToken));
    return moved;
}

/** The errors of the new parse, in text order: those before the window, the window's (moved into the document), those after it (moved with the text). */
export function errorsInOrder(before: Errors, window: Errors, fromWindow: PlaceMove, after: Errors, past: PlaceMove): Errors {
    return {
        lexerErrors: [...before.lexerErrors, ...window.lexerErrors.map(e => movedLexerError(e, fromWindow)),
            ...after.lexerErrors.map(e => movedLexerError(e, past))],
        parserErrors: [...before.parserErrors, ...window.parserErrors.map(e => movedError(e, fromWindow)),
            ...after.parserErrors.map(e => movedError(e, past))],
    };
}
