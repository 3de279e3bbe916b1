/**
 * The right-hand pane: the report, or a causal graph, as the server renders them for the
 * VS Code views (`mesa/reportHtml`, client/graph-page.ts), in a sandboxed frame. Their
 * scripts talk to VS Code through `acquireVsCodeApi()`; here a one-line stand-in, with
 * the page's nonce, passes their messages (a link's `reveal`, the graph's `env`) up to
 * the playground.
 */

export type ViewMessage =
    | { type: 'reveal'; uri: string; line: number; character: number }
    | { type: 'env'; env: string };

export function randomNonce(): string {
    return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

export class ViewPane {
    constructor(private readonly frame: HTMLIFrameElement, private readonly note: HTMLElement, onMessage: (message: ViewMessage) => void) {
        window.addEventListener('message', event => {
            if (event.source !== frame.contentWindow) return;
            const message = (event.data as { mesaView?: ViewMessage } | null)?.mesaView;
            if (message && (message.type === 'reveal' || message.type === 'env')) onMessage(message);
        });
    }

    /** Shows a page rendered with `nonce` (the only script and style its CSP admits). */
    show(html: string, nonce: string): void {
        const bridge = `<script nonce="${nonce}">window.acquireVsCodeApi = function () { return { postMessage: function (m) { parent.postMessage({ mesaView: m }, '*'); } }; };</script>`;
        const body = /<body[^>]*>/i.exec(html);
        const at = body ? body.index + body[0].length : 0;
        this.frame.srcdoc = `${html.slice(0, at)}${bridge}${html.slice(at)}`;
        this.frame.hidden = false;
        document.getElementById('placeholder')?.remove();
        this.say('');
    }

    /** A line above the pane: running, out of date, or why a run failed. */
    say(text: string, kind: 'info' | 'error' = 'info'): void {
        this.note.textContent = text;
        this.note.className = `note ${kind}`;
        this.note.hidden = text === '';
    }
}
