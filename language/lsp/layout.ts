/**
 * Text-level finishing of the formatter's layout, which Langium's token-based formatter
 * can't express: at most one blank line anywhere outside comments (also before and
 * between comments), no trailing spaces, and exactly one line break at the end. A grid
 * row or character literal is read as one token (a row `"#//#"` starts no comment). Line
 * breaks are those the editor counts (CRLF, LF and a lone CR), so that formatting twice
 * gives what formatting once gave.
 */
import type { TextDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';

/**
 * A comment, as the lexer reads it (a line comment ends at any line break), or a grid row
 * or character literal, which may hold `//` or `/*` but no line break: left as they are.
 */
const COMMENT = /("[^"\r\n]*"|'[^'\r\n]'|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)/;

export function tidyLayout(text: string): string {
    if (text.trim() === '') return text;
    const tidy = text.split(COMMENT)
        .map((part, i) => i % 2 === 1 ? part : part.replace(/[ \t]+(?=[\r\n])/g, '').replace(/(?:\r\n|\r|\n){3,}/g, m => m.includes('\r') ? '\r\n\r\n' : '\n\n'))
        .join('');
    // The line end of the text as tidied (tidying may join a CR and an LF), not as it came.
    const body = tidy.replace(/\s*$/, '');
    return body + (body.includes('\r\n') ? '\r\n' : '\n');
}

/**
 * One edit turning the document's text into `target`: the span between their common
 * prefix and suffix, widened so that neither end falls between the CR and the LF of a
 * line break (no position names that place: the edit would keep the CR).
 */
export function replacementEdit(document: TextDocument, target: string): TextEdit[] {
    const source = document.getText();
    if (source === target) return [];
    let start = 0;
    while (start < source.length && start < target.length && source[start] === target[start]) start++;
    let end = 0;
    while (end < source.length - start && end < target.length - start
        && source[source.length - 1 - end] === target[target.length - 1 - end]) end++;
    if (start > 0 && source[start - 1] === '\r' && source[start] === '\n') start--;
    if (end > 0 && source[source.length - end - 1] === '\r' && source[source.length - end] === '\n') end--;
    return [{
        range: { start: document.positionAt(start), end: document.positionAt(source.length - end) },
        newText: target.slice(start, target.length - end),
    }];
}
