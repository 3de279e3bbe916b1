/**
 * Mesa's custom requests on the server's connection: `mesa/simulate`,
 * `mesa/causalGraph` (language/protocol.ts) and `mesa/reportHtml`
 * (language/protocol-report.ts). Handlers are thin; the work is in the core.
 */
import type { LangiumSharedCoreServices } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { CausalGraphParams, SimulateParams } from '../../language/protocol.js';
import { CausalGraphMethod, SimulateMethod } from '../../language/protocol.js';
import type { ReportHtmlParams } from '../../language/protocol-report.js';
import { ReportHtmlMethod } from '../../language/protocol-report.js';
import { handleCausalGraph } from './causal-graph.js';
import { handleReportHtml } from './report-html.js';
import { createSimulationRunner, handleSimulate } from './simulate.js';

export function registerMesaRequests(connection: Connection, shared: LangiumSharedCoreServices): void {
    const runner = createSimulationRunner(message => connection.console.log(message));
    connection.onRequest(SimulateMethod, (params: SimulateParams, token) => handleSimulate(shared, runner, params, token));
    connection.onRequest(CausalGraphMethod, (params: CausalGraphParams, token) => handleCausalGraph(shared, params, token));
    connection.onRequest(ReportHtmlMethod, (params: ReportHtmlParams, token) => handleReportHtml(params, token));
}
