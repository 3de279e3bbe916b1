/**
 * A language-server session as an editor drives it, for the editor benchmarks: spawns
 * the bundled server over stdio, answers its configuration requests, and records every
 * publishDiagnostics with its arrival time.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Diagnostic, ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';

export interface Published {
    uri: string;
    version?: number;
    diagnostics: Diagnostic[];
    at: number;
}

export class LspSession {
    readonly published: Published[] = [];
    private readonly waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];

    private constructor(readonly connection: ProtocolConnection, private readonly kill: () => Promise<void>) {}

    static async start(root: string, settings: object): Promise<LspSession> {
        // MESA_BENCH_PROFILE=DIR writes a CPU profile of the server into DIR.
        const profile = process.env['MESA_BENCH_PROFILE'];
        const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
        const child = spawn(process.execPath, [...flags, join(root, 'dist', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
        const session = new LspSession(connection, async () => {
            // Let the server exit by itself (a CPU profile is written at exit), then make sure.
            await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 3_000))]);
            child.kill();
        });
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
            const entry = { ...params, at: performance.now() };
            session.published.push(entry);
            for (const waiter of [...session.waiters]) {
                if (waiter.test(entry)) {
                    session.waiters.splice(session.waiters.indexOf(waiter), 1);
                    waiter.resolve(entry);
                }
            }
        });
        connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
            params.items.map(item => item.section === 'mesa' ? settings : null));
        connection.onRequest('client/registerCapability', () => null);
        connection.onNotification('window/logMessage', () => undefined);
        connection.listen();
        await connection.sendRequest('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
        });
        await connection.sendNotification('initialized', {});
        return session;
    }

    /** Resolves with the first diagnostics published from now on that pass `test`. */
    next(test: (p: Published) => boolean): Promise<Published> {
        return new Promise(resolve => this.waiters.push({ test, resolve }));
    }

    open(uri: string, text: string): void {
        void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mesa', version: 1, text } });
    }

    change(uri: string, version: number, text: string): void {
        void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    async completion(uri: string, line: number, character: number): Promise<number> {
        const started = performance.now();
        await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
        return performance.now() - started;
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            // the server may already be gone
        }
        await this.kill();
        this.connection.dispose();
    }
}

export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
