/** The bundled Mesa language server, over stdio or Node IPC as the editor starts it. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startMesaServer } from './mesa-server.js';

startMesaServer(createConnection(ProposedFeatures.all), __dirname);
