/**
 * The Mesa language server: Langium's services over a Node IPC/stdio connection, plus
 * Mesa's custom requests and its off-thread analysis.
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createMesaServices } from '../language/mesa-module.js';
import { startAnalysis } from './analysis/start.js';
import { traceBuilds } from './build-trace.js';
import { registerMesaRequests } from './requests/index.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Mesa } = createMesaServices({ connection, ...NodeFileSystem });
startAnalysis(Mesa, connection, __dirname);
registerMesaRequests(connection, shared);
if (process.env['MESA_TRACE_BUILDS']) traceBuilds(shared, line => process.stderr.write(`${line}\n`));
startLanguageServer(shared);
