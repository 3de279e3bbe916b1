/**
 * The language server with build tracing, for the editor benchmark only (dist/bench-server.cjs,
 * next to the shipped server and its worker): with MESA_TRACE_BUILDS=1 the benchmark runs
 * this build and prints, for every document build, when each phase ended after the edit.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startMesaServer } from '../server/mesa-server.js';
import { traceBuilds } from './build-trace.js';

startMesaServer(createConnection(ProposedFeatures.all), __dirname, services => traceBuilds(services.shared, line => process.stderr.write(`${line}\n`)));
