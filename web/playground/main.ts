/**
 * The Mesa playground (docs/browser.md, The playground): one static page, offline, with
 * Monaco and the Mesa language server in a web worker (diagnostics while typing,
 * completion, hover and the rest through Monaco's LSP client), a Run button that shows
 * the report, the causal graph from the code lens, the examples in a menu, and the spec
 * in the URL's fragment so that a link shares it. web/build.mjs writes server.js, which
 * starts the server's worker before this script loads (`mesaServerWorker`), and inlines
 * Monaco's editor worker and the examples here (MESA_EDITOR_WORKER, MESA_EXAMPLES): a
 * file:// page can start workers only from Blob URLs.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import { createTransportToWorker, MonacoLspClient } from 'monaco-lsp-client';
import type { CausalGraphResult } from '../../language/protocol.js';
import { CausalGraphRequest, Commands, ReportHtmlRequest, SimulateProgressNotification, SimulateRequest } from '../../language/protocol.js';
import { graphPage } from '../../client/graph-page.js';
import { MESA, registerMesa } from './mesa-language.js';
import { showProblems } from './problems.js';
import { ServerPort } from './server-port.js';
import { decodeFragment, encodeSpec } from './share.js';
import type { ViewMessage } from './views.js';
import { randomNonce, ViewPane } from './views.js';

declare const mesaServerWorker: Worker;
declare const MESA_EDITOR_WORKER: string;
declare const MESA_EXAMPLES: Record<string, string>;

const DEFAULT_EXAMPLE = 'button-lamp';
const SPEC_URI = monaco.Uri.parse('file:///playground.mesa');

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const editorWorker = URL.createObjectURL(new Blob([MESA_EDITOR_WORKER], { type: 'text/javascript' }));
globalThis.MonacoEnvironment = { getWorker: () => new Worker(editorWorker, { name: 'monaco-editor' }) };

registerMesa();
monaco.editor.defineTheme('mesa', {
    base: 'vs', inherit: true, colors: {},
    rules: [
        { token: 'class', foreground: '267f99' }, { token: 'type', foreground: '267f99' },
        { token: 'function', foreground: '795e26' }, { token: 'property', foreground: '001080' },
        { token: 'variable', foreground: '001080' }, { token: 'parameter', foreground: '0070c1' },
    ],
});

const server = new ServerPort(mesaServerWorker);
new MonacoLspClient(createTransportToWorker(server.forMonaco), { allowedLocalCommands: [Commands.simulate, Commands.showGraph] });

const editor = monaco.editor.create(element('editor'), {
    model: null, theme: 'mesa', automaticLayout: true, minimap: { enabled: false }, fixedOverflowWidgets: true,
    'semanticHighlighting.enabled': true, tabSize: 2, insertSpaces: true, detectIndentation: false,
    scrollBeyondLastLine: false,
});
// The spec's model is made once the server is initialized (start, below): Monaco's client
// then opens it on the server before it asks anything about it.
let model: monaco.editor.ITextModel;

const pane = new ViewPane(element<HTMLIFrameElement>('view'), element('view-note'), onViewMessage);
const runButton = element<HTMLButtonElement>('run');
const examples = element<HTMLSelectElement>('examples');

// Problems while typing.
monaco.editor.onDidChangeMarkers(uris => {
    if (uris.some(uri => uri.toString() === SPEC_URI.toString())) showProblems(element('problems'), element('problems-summary'), editor);
});

// The examples menu.
for (const name of Object.keys(MESA_EXAMPLES).sort()) examples.append(new Option(name, name));
examples.addEventListener('change', () => {
    const text = MESA_EXAMPLES[examples.value];
    if (text !== undefined) replaceText(text);
});

/** Replaces the whole spec as one edit, so that undo brings the old one back. */
function replaceText(text: string): void {
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    editor.setPosition({ lineNumber: 1, column: 1 });
    editor.revealLine(1);
}

// The spec in the URL fragment: kept up to date while typing, read on load and when the link changes.
let shareTimer: ReturnType<typeof setTimeout> | undefined;
let shownHash = '';
function contentChanged(): void {
    clearTimeout(shareTimer);
    shareTimer = setTimeout(() => void share(), 400);
    if (lastRun !== undefined && model.getValue() !== lastRun) pane.say('The spec has changed since this report was made: press Run again.');
}
async function share(): Promise<string> {
    shownHash = await encodeSpec(model.getValue());
    history.replaceState(null, '', shownHash);
    return location.href;
}
element('share').addEventListener('click', async () => {
    clearTimeout(shareTimer);
    const link = await share();
    const copied = await navigator.clipboard?.writeText(link).then(() => true, () => false);
    element('share-note').textContent = copied ? 'Link copied.' : 'The address bar holds the link.';
});
window.addEventListener('hashchange', () => { if (model && location.hash !== shownHash) void openFragment(); });

async function openFragment(): Promise<void> {
    const shared = await decodeFragment(location.hash);
    shownHash = location.hash;
    let text: string | undefined;
    if (shared && 'spec' in shared) {
        text = shared.spec;
        examples.value = '';
    } else {
        const name = shared && 'example' in shared && MESA_EXAMPLES[shared.example] !== undefined ? shared.example : DEFAULT_EXAMPLE;
        examples.value = name;
        text = MESA_EXAMPLES[name];
        if (shared && 'error' in shared) pane.say(shared.error, 'error');
        if (shared && 'example' in shared && name !== shared.example) pane.say(`There is no example named "${shared.example}": the playground opened ${name}.`, 'error');
    }
    model.setValue(text ?? '');
}

// Run: the full simulation and its report, the phase it is in shown meanwhile. A second
// press while it runs cancels it.
let running: AbortController | undefined;
let lastRun: string | undefined;
let runs = 0;
let progressId: string | undefined;
server.onNotification(SimulateProgressNotification, p => { if (p.progressId === progressId) pane.say(`Simulating: ${p.stage}…`); });
runButton.addEventListener('click', () => void run());
monaco.editor.registerCommand(Commands.simulate, () => void run());
monaco.editor.registerCommand(Commands.showGraph, () => void showGraph());

async function run(): Promise<void> {
    if (running) {
        running.abort();
        return;
    }
    const controller = new AbortController();
    running = controller;
    runButton.textContent = 'Cancel';
    pane.say('Simulating…');
    const text = model.getValue();
    progressId = `page-run-${++runs}`;
    try {
        const report = await server.request(SimulateRequest, { uri: SPEC_URI.toString(), progressId }, controller.signal);
        const nonce = randomNonce();
        const { html } = await server.request(ReportHtmlRequest, { report, nonce, cspSource: '' }, controller.signal);
        lastRun = text;
        pane.show(html, nonce);
        if (model.getValue() !== text) pane.say('The spec has changed since this report was made: press Run again.');
    } catch (error) {
        if (!controller.signal.aborted) pane.say(error instanceof Error ? error.message : String(error), 'error');
        else pane.say('Simulation cancelled.');
    } finally {
        running = undefined;
        progressId = undefined;
        runButton.textContent = 'Run';
    }
}

async function showGraph(env?: string): Promise<void> {
    try {
        const graph: CausalGraphResult = await server.request(CausalGraphRequest, { uri: SPEC_URI.toString(), ...(env ? { env } : {}) });
        const nonce = randomNonce();
        lastRun = undefined;
        pane.show(graphPage(graph, 'playground.mesa', nonce, ''), nonce);
    } catch (error) {
        pane.say(error instanceof Error ? error.message : String(error), 'error');
    }
}

function onViewMessage(message: ViewMessage): void {
    if (message.type === 'env') {
        void showGraph(message.env);
        return;
    }
    if (message.uri !== SPEC_URI.toString()) return;
    const position = { lineNumber: message.line + 1, column: message.character + 1 };
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position);
    editor.focus();
}

async function start(): Promise<void> {
    await server.initialized;
    model = monaco.editor.createModel('', MESA, SPEC_URI);
    editor.setModel(model);
    model.onDidChangeContent(contentChanged);
    for (const control of [runButton, examples, element<HTMLButtonElement>('share')]) control.disabled = false;
    /** For the tests and the benchmark: the spec and the cursor, and a way to replace the spec as one edit. */
    (globalThis as { mesaPlayground?: unknown }).mesaPlayground = {
        text: () => model.getValue(),
        setText: replaceText,
        position: () => {
            const at = editor.getPosition();
            return at && { lineNumber: at.lineNumber, column: at.column };
        },
    };
    await openFragment();
}

void start();
