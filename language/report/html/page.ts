/**
 * The document shell: doctype, the Content-Security-Policy, the single nonce'd <style>
 * and (in the webview) the single nonce'd <script>, the table of contents and footer.
 * The script is the only code on the page; it turns clicks on source links into
 * `{ type: 'reveal', uri, line, character }` messages to the extension.
 */
import { esc } from './escape.js';
import type { ReportMode } from './links.js';
import { STYLES } from './styles.js';

export interface TocEntry {
    id: string;
    title: string;
    children?: TocEntry[];
}

export interface PageParts {
    mode: ReportMode;
    nonce: string;
    cspSource?: string;
    title: string;
    toc: TocEntry[];
    body: string;
    footer: string;
}

/** Posts a reveal request for every source link; uses delegation, so no inline handlers. */
const WEBVIEW_SCRIPT = `(function () {
  var vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('a.src') : null;
    if (!target) return;
    event.preventDefault();
    vscode.postMessage({
      type: 'reveal',
      uri: target.getAttribute('data-uri'),
      line: Number(target.getAttribute('data-line')),
      character: Number(target.getAttribute('data-character'))
    });
  });
})();`;

export function contentSecurityPolicy(mode: ReportMode, nonce: string, cspSource?: string): string {
    // A source list entry can't contain ';' or ',' (they would start a new directive or policy).
    const source = (cspSource ?? '').replace(/[;,\s]+/g, ' ').trim();
    const img = mode === 'webview' && source ? `${source} data:` : 'data:';
    const script = mode === 'webview' ? `'nonce-${nonce}'` : `'none'`;
    return `default-src 'none'; img-src ${img}; style-src 'nonce-${nonce}'; script-src ${script};`;
}

function tocHtml(entries: readonly TocEntry[]): string {
    return `<ol>${entries.map(e => `<li><a href="#${esc(e.id)}">${esc(e.title)}</a>${e.children && e.children.length > 0 ? tocHtml(e.children) : ''}</li>`).join('')}</ol>`;
}

export function page(parts: PageParts): string {
    const nonce = esc(parts.nonce);
    const script = parts.mode === 'webview' ? `\n<script nonce="${nonce}">\n${WEBVIEW_SCRIPT}\n</script>` : '';
    return `<!DOCTYPE html>
<html lang="en" data-mode="${parts.mode}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(parts.mode, parts.nonce, parts.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Mesa">
<title>${esc(parts.title)}</title>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
<div class="layout">
<nav class="toc" aria-label="Contents"><h2>Contents</h2>${tocHtml(parts.toc)}</nav>
<main>
${parts.body}
<footer>${parts.footer}</footer>
</main>
</div>${script}
</body>
</html>
`;
}
