/**
 * The report-view request between the Mesa extension and its server: the server renders
 * a report (the `mesa/simulate` result) as the webview's HTML, with the extension's
 * nonce and CSP source. Plain types and method names only, like protocol.ts: the client
 * may import this file too.
 */

/** `mesa/reportHtml`: a report rendered for the VS Code webview. */
export const ReportHtmlMethod = 'mesa/reportHtml';

export interface ReportHtmlParams {
    /** The report JSON returned by `mesa/simulate`, passed back unchanged. */
    report: unknown;
    /** Nonce of the page's inline script and style (the renderer's CSP allows only it). */
    nonce: string;
    /** `webview.cspSource` of the panel that shows the page. */
    cspSource: string;
}

export interface ReportHtmlResult {
    html: string;
}
