/**
 * Warms the incremental build once, while the editor is idle after the first large
 * document opens. An edit to a large spec runs code that opening it never ran (the
 * reparse of one member, shifting later positions, relinking changed names, reusing
 * kept nodes and their edges, the path searches on a changed graph), and until V8 has
 * optimised that code the first edits of each kind are slower than later ones (in the
 * editor benchmark the first ten average about 45 ms cold, 30 ms warmed). The warm-up
 * makes such edits on a small generated spec in a throwaway set of services, one build
 * per macrotask so that requests and real edits interleave, and costs about half a
 * second of CPU once per server. MESA_WARM_UP=0 turns it off (to measure the cold case).
 */
import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { Cancellation, DocumentState, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { largeSpec, largeSpecEdits } from '../language/workspace/generated-spec.js';

/** Documents shorter than this edit fast enough cold: no warm-up for them. */
export const WARM_UP_MIN_LINES = 500;

export interface WarmUpOptions {
    /** Lines of the generated spec edited. */
    lines: number;
    /** Rounds of the edits (each kind made and undone per round). */
    rounds: number;
    /** Resolves when the warm-up may go on: between builds, the thread serves requests. */
    pause: () => Promise<void>;
    /** True when the warm-up should stop early (asked before each edit). */
    stopped?: () => boolean;
}

/** What a warm-up did: its builds, and the time they took (without the pauses between them). */
export interface WarmUpResult {
    builds: number;
    workMs: number;
}

/** Builds a generated spec, then edits it as an author would. */
export async function warmUpIncrementalBuild(shared: LangiumSharedCoreServices & { workspace: { TextDocuments?: { set(document: TextDocument): boolean } } },
    options: WarmUpOptions): Promise<WarmUpResult> {
    const documents = shared.workspace.TextDocuments;
    if (!documents) return { builds: 0, workMs: 0 };
    const text = largeSpec(options.lines);
    const uri = URI.parse('memory:///mesa-warm-up.mesa');
    // Every kind of edit the generated spec knows, each made and undone per round.
    const edits = Object.values(largeSpecEdits(options.lines)).filter(edit => edit !== text);
    let version = 1;
    let builds = 0;
    let workMs = 0;
    const build = async (content: string) => {
        const started = performance.now();
        documents.set(TextDocument.create(uri.toString(), 'mesa', version++, content));
        await shared.workspace.DocumentBuilder.update([uri], [], Cancellation.CancellationToken.None);
        workMs += performance.now() - started;
        builds++;
        await options.pause();
    };
    await build(text);
    for (let round = 0; round < options.rounds && !options.stopped?.(); round++) {
        for (const edit of edits) {
            if (options.stopped?.()) break;
            await build(edit);
            await build(text);
        }
    }
    await shared.workspace.DocumentBuilder.update([], [uri], Cancellation.CancellationToken.None);
    return { builds, workMs };
}

/**
 * Starts the warm-up once, when a document of at least WARM_UP_MIN_LINES lines has been
 * validated and the editor has then been idle for `idleMs`.
 */
export function warmUpWhenLarge(shared: LangiumSharedCoreServices, createShared: () => Parameters<typeof warmUpIncrementalBuild>[0],
    log: (message: string) => void, idleMs = 300): void {
    if (process.env['MESA_WARM_UP'] === '0') return;
    const builder = shared.workspace.DocumentBuilder;
    let state: 'waiting' | 'scheduled' | 'done' = 'waiting';
    let timer: NodeJS.Timeout | undefined;
    const start = () => {
        state = 'done';
        const started = performance.now();
        const pause = () => new Promise<void>(resolve => setImmediate(resolve));
        // In a promise from the start: a failure is logged, never thrown out of the timer.
        Promise.resolve().then(() => warmUpIncrementalBuild(createShared(), { lines: 200, rounds: 4, pause })).then(
            ({ builds, workMs }) => log(`Mesa: warmed the incremental build: ${builds} builds of a generated spec, ${workMs.toFixed(0)} ms of work over ${(performance.now() - started).toFixed(0)} ms.`),
            error => log(`Mesa: the warm-up of the incremental build failed: ${error instanceof Error ? error.message : String(error)}`));
    };
    const schedule = () => {
        clearTimeout(timer);
        timer = setTimeout(start, idleMs);
    };
    builder.onDocumentPhase(DocumentState.Validated, (document: LangiumDocument) => {
        if (state === 'waiting' && document.textDocument.lineCount >= WARM_UP_MIN_LINES) state = 'scheduled';
        if (state === 'scheduled') schedule();
    });
    // An edit while waiting to start: wait for the editor to be idle again.
    builder.onUpdate(() => {
        if (state === 'scheduled') clearTimeout(timer);
    });
}
