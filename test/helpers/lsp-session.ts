/**
 * The bundled language server driven as an editor drives it, for the protocol tests and
 * the editor benchmarks: spawned over stdio, answering the requests an editor answers
 * (settings, registrations, progress, refreshes), recording every publishDiagnostics
 * with its arrival time and capturing stderr.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientCapabilities, Diagnostic, InitializeResult, ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';

export interface Published {
    uri: string;
    version?: number;
    diagnostics: Diagnostic[];
    at: number;
}

export interface SessionOptions {
    /** The `mesa` settings section the server gets when it asks; null: the server's defaults. */
    settings?: object | null;
    /** Client capabilities besides `workspace.configuration`. */
    capabilities?: ClientCapabilities;
    /** Environment variables for the server, besides this process's. */
    env?: Record<string, string>;
    /** The bundle under dist/ to run; the shipped `server.cjs` unless a benchmark asks for its traced build. */
    bundle?: string;
}

/** Requests an editor answers with nothing in particular. */
const ACKNOWLEDGED = ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/semanticTokens/refresh',
    'workspace/inlayHint/refresh', 'workspace/codeLens/refresh'];

export class LspSession {
    readonly published: Published[] = [];
    /** The server's window/logMessage messages, in order. */
    readonly logs: string[] = [];
    stderr = '';
    private readonly waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
    private readonly logWaiters: { test: (message: string) => boolean; resolve: (message: string) => void }[] = [];

    /** What the server answered to `initialize`. */
    initializeResult: InitializeResult | undefined;

    private constructor(readonly connection: ProtocolConnection, private readonly server: ChildProcess) {}

    static async start(root: string, options: SessionOptions = {}): Promise<LspSession> {
        // MESA_BENCH_PROFILE=DIR writes a CPU profile of the server into DIR.
        const profile = process.env['MESA_BENCH_PROFILE'];
        const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
        const server = spawn(process.execPath, [...flags, join(root, 'dist', options.bundle ?? 'server.cjs'), '--stdio'],
            { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
        const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        const session = new LspSession(connection, server);
        server.stderr!.on('data', chunk => { session.stderr += String(chunk); });
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => session.record(params));
        connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
            params.items.map(item => item.section === 'mesa' ? options.settings ?? null : null));
        for (const method of ACKNOWLEDGED) connection.onRequest(method, () => null);
        connection.onNotification('window/logMessage', (params: { message: string }) => session.log(params.message));
        connection.listen();
        const capabilities = options.capabilities ?? {};
        session.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: { ...capabilities, workspace: { ...capabilities.workspace, configuration: true } },
        });
        await connection.sendNotification('initialized', {});
        return session;
    }

    /** Resolves with the first log message (maybe already logged) that passes `test`, or undefined after `timeoutMs`. */
    logged(test: (message: string) => boolean, timeoutMs: number): Promise<string | undefined> {
        const found = this.logs.find(test);
        if (found !== undefined) return Promise.resolve(found);
        return new Promise(resolve => {
            const timer = setTimeout(() => resolve(undefined), timeoutMs);
            this.logWaiters.push({ test, resolve: message => { clearTimeout(timer); resolve(message); } });
        });
    }

    /** Resolves with the first diagnostics published from now on that pass `test`. */
    next(test: (p: Published) => boolean): Promise<Published> {
        return new Promise(resolve => this.waiters.push({ test, resolve }));
    }

    /** Resolves with a document's diagnostics once its latest publication passes `accept` (maybe already). */
    diagnosticsWhere(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
        const latest = [...this.published].reverse().find(p => p.uri === uri);
        if (latest && accept(latest.diagnostics)) return Promise.resolve(latest.diagnostics);
        return this.next(p => p.uri === uri && accept(p.diagnostics)).then(p => p.diagnostics);
    }

    open(uri: string, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mesa', version: 1, text } });
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
        const exited = new Promise<void>(resolve => this.server.once('exit', () => resolve()));
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            // the server may already be gone
        }
        // Let the server exit by itself (a CPU profile is written at exit), then make sure.
        await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5_000))]);
        this.connection.dispose();
        if (this.server.exitCode === null) this.server.kill();
    }

    private log(message: string): void {
        this.logs.push(message);
        for (const waiter of [...this.logWaiters]) {
            if (waiter.test(message)) {
                this.logWaiters.splice(this.logWaiters.indexOf(waiter), 1);
                waiter.resolve(message);
            }
        }
    }

    private record(params: { uri: string; version?: number; diagnostics: Diagnostic[] }): void {
        const entry = { ...params, at: performance.now() };
        this.published.push(entry);
        for (const waiter of [...this.waiters]) {
            if (waiter.test(entry)) {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve(entry);
            }
        }
    }
}

export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Rebuilds the server and worker bundles when they are missing or older than a source. */
export function ensureServerBundle(root: string): void {
    const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return Math.max(latest, newest(path));
        return entry.name.endsWith('.ts') ? Math.max(latest, statSync(path).mtimeMs) : latest;
    }, 0);
    const built = ['server.cjs', 'worker.cjs'].map(f => join(root, 'dist', f));
    const stale = built.some(f => !existsSync(f))
        || Math.min(...built.map(f => statSync(f).mtimeMs)) < Math.max(newest(join(root, 'language')), newest(join(root, 'server')));
    if (stale) execFileSync(process.execPath, ['esbuild.mjs', 'server', 'worker'], { cwd: root });
}
