/**
 * Links from the report back into the spec source. Every link is an
 * `<a class="src">` carrying the location in data attributes: in a file the href opens
 * the file at the line (`file:///...#L12`); in the VS Code webview the href is `#` and
 * the page script posts `{ type: 'reveal', uri, line, character }` to the extension.
 */
import type { SourceLocation } from '../../model/spec.js';
import { esc, isFileUri } from './escape.js';

export type ReportMode = 'file' | 'webview';

/** `<a class="src">` around already-escaped inner HTML. */
export function sourceLink(location: SourceLocation, innerHtml: string, mode: ReportMode, title?: string): string {
    const { line, character } = location.range.start;
    const href = mode === 'file' && isFileUri(location.uri) ? `${location.uri}#L${line + 1}` : '#';
    const tip = title ?? `Go to line ${line + 1}`;
    return `<a class="src" href="${esc(href)}" data-uri="${esc(location.uri)}" data-line="${esc(line)}" data-character="${esc(character)}" title="${esc(tip)}">${innerHtml}</a>`;
}
