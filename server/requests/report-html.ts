/**
 * `mesa/reportHtml`: renders a report (the `mesa/simulate` result, passed back by the
 * extension) as the report webview's page, with the extension's nonce and CSP source.
 * The server renders so that the extension stays a thin client.
 */
import type { CancellationToken } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { ReportHtmlParams, ReportHtmlResult } from '../../language/protocol.js';
import type { Report } from '../../language/simulation/report.js';
import { renderReportHtml } from '../../language/report/html/index.js';
import { cancelled } from './document.js';

export async function handleReportHtml(params: ReportHtmlParams, token: CancellationToken): Promise<ReportHtmlResult> {
    if (!isReport(params.report)) throw new ResponseError(ErrorCodes.InvalidParams, 'mesa/reportHtml needs the report returned by mesa/simulate.');
    if (typeof params.nonce !== 'string' || !/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(params.nonce)) throw new ResponseError(ErrorCodes.InvalidParams, 'mesa/reportHtml needs a nonce of at least 16 base64 characters.');
    const html = await renderReportHtml(params.report, { mode: 'webview', nonce: params.nonce, cspSource: params.cspSource });
    if (token.isCancellationRequested) throw cancelled();
    return { html };
}

function isReport(value: unknown): value is Report {
    return typeof value === 'object' && value !== null && Array.isArray((value as Report).optimizers) && Array.isArray((value as Report).environments);
}
