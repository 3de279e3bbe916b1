/**
 * Escaping for every string that reaches the HTML report from the report data: HTML
 * text and attribute values, Graphviz DOT quoted strings, and link targets (only
 * `file:` URIs become real links; anything else is inert).
 */

const HTML_ESCAPES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};

/** Escapes text for HTML element content and for double- or single-quoted attribute values. */
export function esc(text: string | number): string {
    return String(text).replace(/[&<>"']/g, c => HTML_ESCAPES[c]!);
}

/**
 * A DOT quoted string. Besides `"` and `\`, newlines are escaped so a name can never
 * end the statement, and Graphviz's own label escapes (`\N`, `\G`, `\l`...) are
 * neutralised because every backslash is doubled.
 */
export function dotQuote(text: string): string {
    const body = text
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/\r?\n|\r/g, '\\n');
    return `"${body}"`;
}

/** True for URIs that may be followed as links from the report: local files only. */
export function isFileUri(uri: string): boolean {
    return /^file:\/\//i.test(uri);
}

/** A short display name for a document URI: its last path segment, decoded when possible. */
export function fileName(uri: string): string {
    const last = uri.replace(/[?#].*$/, '').split('/').filter(s => s.length > 0).pop() ?? uri;
    try {
        return decodeURIComponent(last);
    } catch {
        return last;
    }
}
