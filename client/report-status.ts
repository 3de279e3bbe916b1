/**
 * The report view's out-of-date mark (docs/editor.md, The report view): a banner added to
 * the page the server renders, hidden while the report matches the spec's text, shown
 * with a **Rerun** link once the spec is edited. The link is a command URI (the panel
 * enables that one command), and the banner's script only listens for the panel's
 * `mesa.reportStatus` messages, so it needs no handle on the page's own script. Both
 * carry the page's nonce, the only code its CSP admits. No vscode import: the page is a
 * string, tested on its own.
 */

/** The message the panel posts when the report becomes out of date or current again. */
export const REPORT_STATUS_MESSAGE = 'mesa.reportStatus';

export interface ReportStatus {
    /** The spec's text has changed since the report was made. */
    stale: boolean;
    /** The nonce the page was rendered with. */
    nonce: string;
    /** The command URI the Rerun link opens. */
    rerun: string;
}

/** `command:<command>?<[argument] as JSON>`: a link that runs a command with one argument. */
export function commandUri(command: string, argument: string): string {
    return `command:${command}?${encodeURIComponent(JSON.stringify([argument]))}`;
}

/** The report page with the out-of-date banner at the top of its body, shown or hidden per `status.stale`. */
export function withReportStatus(html: string, status: ReportStatus): string {
    const nonce = escapeAttribute(status.nonce);
    const banner = `<div id="mesa-stale" class="mesa-stale" role="status" data-stale="${status.stale}"${status.stale ? '' : ' hidden'}>`
        + `<span>The spec has changed since this report was made: it may be out of date.</span> `
        + `<a class="mesa-rerun" href="${escapeAttribute(status.rerun)}" title="Run the simulation of the spec as it is now">Rerun</a></div>`;
    const style = `<style nonce="${nonce}">
.mesa-stale { position: sticky; top: 0; z-index: 10; display: flex; gap: 1em; align-items: center; padding: 6px 12px;
  background: var(--vscode-inputValidation-warningBackground, #fff4ce); color: var(--vscode-foreground, #000);
  border-bottom: 1px solid var(--vscode-inputValidation-warningBorder, #b89500); }
.mesa-stale[hidden] { display: none; }
.mesa-rerun { padding: 2px 10px; border-radius: 2px; text-decoration: none;
  background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #fff); }
.mesa-rerun:hover { background: var(--vscode-button-hoverBackground, #1177bb); }
</style>`;
    const script = `<script nonce="${nonce}">(function () {
  var banner = document.getElementById('mesa-stale');
  window.addEventListener('message', function (event) {
    var message = event.data;
    if (!banner || !message || message.type !== '${REPORT_STATUS_MESSAGE}') return;
    banner.hidden = !message.stale;
    banner.setAttribute('data-stale', String(!!message.stale));
  });
})();</script>`;
    const body = /<body[^>]*>/i.exec(html);
    if (!body) return `${style}${banner}${script}${html}`;
    const at = body.index + body[0].length;
    return `${html.slice(0, at)}\n${style}\n${banner}\n${script}${html.slice(at)}`;
}

function escapeAttribute(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
