/**
 * The browser language server (dist/web/server.js) driven through the browser LSP
 * transport in a page of headless Chromium, as an editor in a browser drives it: a web
 * worker started from a Blob URL of the bundle, JSON-RPC messages over postMessage, the
 * server's requests answered (settings, registrations), every publishDiagnostics kept
 * with its arrival time. For the browser tests (test/web) and the web benchmark.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

export interface Published {
    uri: string;
    diagnostics: { code?: string | number; message: string; severity?: number; range: { start: { line: number; character: number } } }[];
    /** performance.now() in the page when it arrived. */
    at: number;
}

export interface Answer<R> {
    result?: R;
    error?: { code: number; message: string };
    /** performance.now() in the page when it arrived. */
    at: number;
}

/** Runs in the page: `window.lsp`, the editor's end of the connection. */
const CLIENT = `window.lsp = (function () {
  var worker = new Worker(URL.createObjectURL(new Blob([SERVER_SOURCE], { type: 'text/javascript' })), { name: 'mesa-language-server' });
  var started = performance.now();
  var next = 1, pending = new Map(), published = [], logs = [], waiters = [];
  worker.onmessage = function (event) {
    var m = event.data;
    if (m.method !== undefined && m.id !== undefined) {
      var result = m.method === 'workspace/configuration'
        ? m.params.items.map(function (item) { return item.section === 'mesa' ? SETTINGS : null; }) : null;
      worker.postMessage({ jsonrpc: '2.0', id: m.id, result: result });
    } else if (m.id !== undefined) {
      var settle = pending.get(m.id);
      pending.delete(m.id);
      if (settle) settle({ result: m.result, error: m.error, at: performance.now() });
    } else if (m.method === 'textDocument/publishDiagnostics') {
      published.push({ uri: m.params.uri, diagnostics: m.params.diagnostics, at: performance.now() });
      waiters.slice().forEach(function (w) { w(); });
    } else if (m.method === 'window/logMessage') {
      logs.push(m.params.message);
    }
  };
  function send(method, params) {
    var id = next++;
    var answer = new Promise(function (resolve) { pending.set(id, resolve); });
    worker.postMessage({ jsonrpc: '2.0', id: id, method: method, params: params });
    return { id: id, answer: answer };
  }
  function notify(method, params) { worker.postMessage({ jsonrpc: '2.0', method: method, params: params }); }
  /** The first publication for uri (maybe already) whose codes include every one of codes. */
  function diagnostics(uri, codes) {
    function match() {
      for (var i = published.length - 1; i >= 0; i--) {
        var p = published[i];
        if (p.uri !== uri) continue;
        var have = p.diagnostics.map(function (d) { return d.code; });
        return codes.every(function (c) { return have.indexOf(c) >= 0; }) ? p : undefined;
      }
    }
    return new Promise(function (resolve) {
      var found = match();
      if (found) return resolve(found);
      var waiter = function () { var p = match(); if (p) { waiters.splice(waiters.indexOf(waiter), 1); resolve(p); } };
      waiters.push(waiter);
    });
  }
  return { started: started, published: published, logs: logs, send: send, notify: notify, diagnostics: diagnostics,
    request: function (method, params) { return send(method, params).answer; } };
})();`;

/**
 * Writes a page that starts `serverBundle` (the text of dist/web/server.js) into `dir`,
 * with `settings` as the `mesa` section the server gets when it asks; returns its file URL.
 */
export function writeHarnessPage(dir: string, serverBundle: string, settings: object | null = null): string {
    writeFileSync(join(dir, 'harness-server.js'), `var SERVER_SOURCE = ${JSON.stringify(serverBundle)};\nvar SETTINGS = ${JSON.stringify(settings)};\n`);
    writeFileSync(join(dir, 'harness.html'), '<!DOCTYPE html><meta charset="utf-8"><title>Mesa LSP harness</title>'
        + `<script src="harness-server.js"></script><script>${CLIENT}</script>\n`);
    return pathToFileURL(join(dir, 'harness.html')).href;
}

/** The page's `window.lsp`, from Node. */
export class PageLsp {
    constructor(readonly page: Page) {}

    /** Sends `initialize` (declaring `workspace.configuration`) and `initialized`; the answer's capabilities. */
    async initialize(): Promise<Answer<{ capabilities: Record<string, unknown> }>> {
        const answer = await this.request<{ capabilities: Record<string, unknown> }>('initialize',
            { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
        await this.notify('initialized', {});
        return answer;
    }

    request<R>(method: string, params: unknown): Promise<Answer<R>> {
        return this.page.evaluate(([m, p]) => (globalThis as unknown as { lsp: { request(m: string, p: unknown): Promise<Answer<R>> } }).lsp.request(m as string, p), [method, params] as const);
    }

    /** Sends a request and cancels it after `afterMs`; the answer. */
    requestThenCancel<R>(method: string, params: unknown, afterMs: number): Promise<Answer<R>> {
        return this.page.evaluate(([m, p, ms]) => {
            const lsp = (globalThis as unknown as { lsp: { send(m: string, p: unknown): { id: number; answer: Promise<Answer<R>> }; notify(m: string, p: unknown): void } }).lsp;
            const sent = lsp.send(m as string, p);
            setTimeout(() => lsp.notify('$/cancelRequest', { id: sent.id }), ms as number);
            return sent.answer;
        }, [method, params, afterMs] as const);
    }

    notify(method: string, params: unknown): Promise<void> {
        return this.page.evaluate(([m, p]) => (globalThis as unknown as { lsp: { notify(m: string, p: unknown): void } }).lsp.notify(m as string, p), [method, params] as const);
    }

    open(uri: string, text: string, version = 1): Promise<void> {
        return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mesa', version, text } });
    }

    change(uri: string, version: number, text: string): Promise<void> {
        return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** The first publication for `uri` (maybe already arrived) that has every one of `codes`. */
    diagnostics(uri: string, codes: string[]): Promise<Published> {
        return this.page.evaluate(([u, c]) => (globalThis as unknown as { lsp: { diagnostics(u: string, c: string[]): Promise<Published> } }).lsp.diagnostics(u as string, c as string[]), [uri, codes] as const);
    }

    /** When the page started the server's worker (performance.now() in the page). */
    started(): Promise<number> {
        return this.page.evaluate(() => (globalThis as unknown as { lsp: { started: number } }).lsp.started);
    }

    logs(): Promise<string[]> {
        return this.page.evaluate(() => (globalThis as unknown as { lsp: { logs: string[] } }).lsp.logs);
    }
}
