/**
 * Links from the report back into the spec source. Every link is an
 * `<a class="src">` carrying the location in data attributes: in a file the href opens
 * the file at the line (`file:///...#L12`); in the VS Code webview the href is `#` and
 * the page script posts `{ type: 'reveal', uri, line, character }` to the extension.
 * The nodes of the causal graphs link the same way (`linkDeclarations` in causal-dot.ts).
 */
import type { SourceLocation } from '../../model/spec.js';
import { esc, isFileUri } from './escape.js';

export type ReportMode = 'file' | 'webview';

/** Where a link to a location points: the file at the line, or `#` in the webview and for anything but a `file:` URI. */
export function sourceHref(location: SourceLocation, mode: ReportMode): string {
    return mode === 'file' && isFileUri(location.uri) ? `${location.uri}#L${location.range.start.line + 1}` : '#';
}

/** `<a class="src">` around already-escaped inner HTML. */
export function sourceLink(location: SourceLocation, innerHtml: string, mode: ReportMode, title?: string): string {
    const { line, character } = location.range.start;
    const tip = title ?? `Go to line ${line + 1}`;
    return `<a class="src" href="${esc(sourceHref(location, mode))}" data-uri="${esc(location.uri)}" data-line="${esc(line)}" data-character="${esc(character)}" title="${esc(tip)}">${innerHtml}</a>`;
}
