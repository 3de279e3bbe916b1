/**
 * Text-level finishing of the formatter's layout, which Langium's token-based formatter
 * can't express: at most one blank line anywhere outside comments (also before and
 * between comments), no trailing spaces, and exactly one line break at the end.
 */
import type { TextDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';

const COMMENT = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)/;

export function tidyLayout(text: string): string {
    if (text.trim() === '') return text;
    const tidy = text.split(COMMENT)
        .map((part, i) => i % 2 === 1 ? part : part.replace(/[ \t]+(?=\r?\n)/g, '').replace(/(\r?\n){3,}/g, m => m.includes('\r') ? '\r\n\r\n' : '\n\n'))
        .join('');
    return tidy.replace(/\s*$/, text.includes('\r\n') ? '\r\n' : '\n');
}

/** One edit turning the document's text into `target`: the span between their common prefix and suffix. */
export function replacementEdit(document: TextDocument, target: string): TextEdit[] {
    const source = document.getText();
    if (source === target) return [];
    let start = 0;
    while (start < source.length && start < target.length && source[start] === target[start]) start++;
    let end = 0;
    while (end < source.length - start && end < target.length - start
        && source[source.length - 1 - end] === target[target.length - 1 - end]) end++;
    return [{
        range: { start: document.positionAt(start), end: document.positionAt(source.length - end) },
        newText: target.slice(start, target.length - end),
    }];
}
