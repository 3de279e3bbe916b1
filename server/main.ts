/**
 * The Mesa language server: Langium's services over a Node IPC/stdio connection, plus
 * Mesa's custom requests and its off-thread analysis.
 */
import { startLanguageServer } from 'langium/lsp';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createMesaServices } from '../language/mesa-module.js';
import { MesaDocumentFactory } from '../language/workspace/document-factory.js';
import { startAnalysis } from './analysis/start.js';
import { traceBuilds } from './build-trace.js';
import { registerMesaRequests } from './requests/index.js';
import { warmUpWhenLarge } from './warm-up.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Mesa } = createMesaServices({ connection, ...NodeFileSystem });
// MESA_INCREMENTAL=0 parses the whole text on every edit (to rule the incremental reparse out, or to compare).
const factory = shared.workspace.LangiumDocumentFactory;
if (process.env['MESA_INCREMENTAL'] === '0' && factory instanceof MesaDocumentFactory) factory.incremental = false;
startAnalysis(Mesa, connection, __dirname);
registerMesaRequests(connection, shared);
if (process.env['MESA_TRACE_BUILDS']) traceBuilds(shared, line => process.stderr.write(`${line}\n`));
// Once a large spec is open, warm the incremental build while the editor is idle (see warm-up.ts).
warmUpWhenLarge(shared, () => createMesaServices(EmptyFileSystem).shared, message => connection.console.log(message));
startLanguageServer(shared);
