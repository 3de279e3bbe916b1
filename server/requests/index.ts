/**
 * Mesa's custom requests on the server's connection, typed by language/protocol.ts:
 * `mesa/simulate`, `mesa/causalGraph` and `mesa/reportHtml`. Handlers are thin; the
 * work is in the core.
 */
import type { Connection } from 'vscode-languageserver';
import type { MesaServices } from '../../language/mesa-module.js';
import { CausalGraphRequest, ReportHtmlRequest, SimulateProgressNotification, SimulateRequest } from '../../language/protocol.js';
import type { AnalysisRunner } from '../analysis/runner.js';
import { handleCausalGraph } from './causal-graph.js';
import { handleReportHtml } from './report-html.js';
import { handleSimulate } from './simulate.js';

/** `runner` runs `mesa/simulate`, apart from the editor's analyses. */
export function registerMesaRequests(connection: Connection, services: MesaServices, runner: AnalysisRunner): void {
    const shared = services.shared;
    connection.onRequest(SimulateRequest, (params, token) =>
        handleSimulate(shared, runner, params, token, progress => void connection.sendNotification(SimulateProgressNotification, progress)));
    connection.onRequest(CausalGraphRequest, (params, token) => handleCausalGraph(shared, params, token));
    connection.onRequest(ReportHtmlRequest, (params, token) => handleReportHtml(params, token));
}
