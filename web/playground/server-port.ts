/**
 * The page's end of the language server (docs/browser.md, The playground): a web worker,
 * which server.js (web/build.mjs) starts from a Blob URL of the server's bundle before
 * the rest of the page loads (a file:// page may start workers from nothing else), shared
 * by Monaco's LSP client and the page's own requests (`mesa/*`). The page's requests
 * carry string ids of their own, and their answers go to the page only, as do the
 * notifications the page listens to; everything else is Monaco's.
 */
import type { NotificationType, RequestType } from 'vscode-languageserver-protocol';

type Listener = (event: MessageEvent) => void;

interface Response {
    id: string;
    result?: unknown;
    error?: { code: number; message: string };
}

const PREFIX = 'page-';

export class ServerPort {
    private readonly listeners = new Set<Listener>();
    private readonly waiting = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
    private readonly notified = new Map<string, (params: unknown) => void>();
    private next = 1;
    private initializedNow: (() => void) | undefined;
    /** Resolves once the server has answered `initialize` and the task that carried the answer is over. */
    readonly initialized = new Promise<void>(resolve => { this.initializedNow = resolve; });

    constructor(private readonly worker: Worker) {
        this.worker.addEventListener('message', event => {
            const message = event.data as Partial<Response> & { method?: string; params?: unknown };
            const notified = message.id === undefined && message.method !== undefined ? this.notified.get(message.method) : undefined;
            if (notified) {
                notified(message.params);
                return;
            }
            if (this.initializedNow && isInitializeResult(message.result)) {
                setTimeout(this.initializedNow, 0);
                this.initializedNow = undefined;
            }
            const waiting = typeof message.id === 'string' && message.method === undefined ? this.waiting.get(message.id) : undefined;
            if (!waiting) {
                for (const listener of this.listeners) listener(event);
                return;
            }
            this.waiting.delete(message.id!);
            if (message.error) waiting.reject(new Error(message.error.message));
            else waiting.resolve(message.result);
        });
    }

    /** What Monaco's LSP client sees: the worker, without the answers to the page's requests. */
    get forMonaco(): Worker {
        const side = {
            addEventListener: (_type: 'message', listener: Listener) => this.listeners.add(listener),
            removeEventListener: (_type: 'message', listener: Listener) => this.listeners.delete(listener),
            postMessage: (message: unknown) => this.worker.postMessage(message),
        };
        return side as unknown as Worker;
    }

    /** Takes the server's notifications of `type` from Monaco's side and hands them to `handler`. */
    onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): void {
        this.notified.set(type.method, handler as (params: unknown) => void);
    }

    /** Sends one of Mesa's requests; `signal` cancels it (`$/cancelRequest`), rejecting with an AbortError. */
    request<P, R>(type: RequestType<P, R, void>, params: P, signal?: AbortSignal): Promise<R> {
        const id = `${PREFIX}${this.next++}`;
        const answer = new Promise<R>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
        this.worker.postMessage({ jsonrpc: '2.0', id, method: type.method, params });
        signal?.addEventListener('abort', () => {
            const waiting = this.waiting.get(id);
            if (!waiting) return;
            this.waiting.delete(id);
            this.worker.postMessage({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
            waiting.reject(new DOMException('cancelled', 'AbortError'));
        }, { once: true });
        return answer;
    }
}

function isInitializeResult(result: unknown): boolean {
    return typeof result === 'object' && result !== null && 'capabilities' in result;
}
