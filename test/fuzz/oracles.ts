/**
 * What the fuzz test requires of any text, however broken (see docs/testing.md,
 * Fuzzing). Each oracle returns the problems it found as sentences, never throws, so a
 * failing run can print the text and the seed that reproduce it:
 * - the pipeline: parse, link and validate never throw nor log, never give
 *   `internal-error`, and every diagnostic has a range inside the document;
 * - formatting keeps every token and is idempotent;
 * - the editor's features (semantic tokens, outline, folding, inlay hints, code lenses,
 *   hovers) answer without throwing;
 * - the incremental reparse of an edit gives what a full parse gives;
 * - simulation under a tiny state budget ends with a report or a located run-time error.
 */
import type { ParseResult } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LoadedSpec } from '../../language/compile/load.js';
import { loadSpecText, unloadSpec } from '../../language/compile/load.js';
import type { Spec } from '../../language/generated/ast.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { deepestNesting } from '../../language/parse/document-factory.js';
import { reparseIncrementally } from '../../language/parse/incremental/index.js';
import { simulate, SimulationError } from '../../language/simulation/index.js';
import { services } from '../helpers/services.js';
import { parser, snapshot } from '../parse/incremental-support.js';

/** Runs `work` with console.error and console.warn collected instead of printed (a linker failure is logged, not thrown). */
async function quietly<T>(work: () => Promise<T>, logged: string[]): Promise<T> {
    const { error, warn } = console;
    const collect = (...args: unknown[]) => void logged.push(args.map(a => a instanceof Error ? a.message : String(a)).join(' '));
    console.error = collect;
    console.warn = collect;
    try {
        return await work();
    } finally {
        console.error = error;
        console.warn = warn;
    }
}

/** Why a diagnostic's range does not lie inside the document, if it does not. */
export function rangeProblem(document: TextDocument, range: Diagnostic['range']): string | undefined {
    const lines = document.getText().split(/\r\n|\r|\n/);
    const place = (p: { line: number; character: number }) => Number.isInteger(p.line) && Number.isInteger(p.character)
        && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
    if (!place(range.start) || !place(range.end)) return 'is outside the document';
    const { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'ends before it starts';
    return undefined;
}

/** How often each oracle had something to check, so that a run can show it meant something. */
export interface Coverage {
    /** Texts without any error, and with syntax errors. */
    clean: number;
    broken: number;
    /** Texts the formatter changed, edits the incremental reparse took, specs simulated. */
    formatted: number;
    reparsed: number;
    simulated: number;
}

export const noCoverage = (): Coverage => ({ clean: 0, broken: 0, formatted: 0, reparsed: 0, simulated: 0 });

/** Parses, links and validates `text` as `mesa check` and the editor do; the loaded spec (to unload) and the problems. */
export async function checkPipeline(text: string, seen = noCoverage()): Promise<{ problems: string[]; loaded?: LoadedSpec }> {
    const problems: string[] = [];
    const logged: string[] = [];
    let loaded: LoadedSpec | undefined;
    try {
        loaded = await quietly(() => loadSpecText(services, text), logged);
    } catch (error) {
        problems.push(`the pipeline threw: ${error instanceof Error ? error.stack : String(error)}`);
    }
    problems.push(...logged.map(line => `logged: ${line.split('\n')[0]}`));
    if (!loaded) return { problems };
    const errors = loaded.diagnostics.filter(d => d.severity === 1);
    if (errors.length === 0) seen.clean++;
    if (errors.some(d => d.code === 'syntax-error')) seen.broken++;
    const document = TextDocument.create('file:///fuzz.mesa', 'mesa', 1, text);
    for (const d of loaded.diagnostics) {
        const at = `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
        if (d.code === 'internal-error' || /error occurred/i.test(d.message)) problems.push(`diagnostic ${String(d.code)} at ${at}: ${d.message}`);
        const wrong = rangeProblem(document, d.range);
        if (wrong) problems.push(`the range ${at} of ${String(d.code)} '${d.message}' ${wrong}`);
    }
    return { problems, loaded };
}

/** The text the formatter makes of a loaded spec. */
async function formatted(loaded: LoadedSpec): Promise<string> {
    const { document } = loaded;
    const edits = await services.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: false },
    });
    return TextDocument.applyEdits(document.textDocument, edits);
}

/** The tokens of a text: what the lexer reads (comments without their whitespace) and every other visible character. */
function tokensOf(text: string): string[] {
    const lexed = services.parser.Lexer.tokenize(text);
    const hidden = (lexed.hidden ?? []).filter(t => t.image.startsWith('/')).map(t => t.image.replace(/\s+/g, ''));
    return [...lexed.tokens.map(t => t.image), '|', ...hidden, '|', text.replace(/\s+/g, '')];
}

/** Formatting `loaded` keeps every token, and formatting the result again changes nothing. */
export async function checkFormatting(loaded: LoadedSpec, seen = noCoverage()): Promise<string[]> {
    const text = loaded.document.textDocument.getText();
    const problems: string[] = [];
    const logged: string[] = [];
    try {
        const once = await quietly(() => formatted(loaded), logged);
        if (JSON.stringify(tokensOf(once)) !== JSON.stringify(tokensOf(text))) problems.push(`formatting changed the tokens: ${JSON.stringify(once)}`);
        if (once !== text) {
            seen.formatted++;
            const again = await quietly(() => loadSpecText(services, once), logged);
            const twice = await quietly(() => formatted(again), logged);
            await unloadSpec(services, again);
            if (twice !== once) problems.push(`formatting is not idempotent: ${JSON.stringify(once)} then ${JSON.stringify(twice)}`);
        }
    } catch (error) {
        problems.push(`formatting threw: ${error instanceof Error ? error.stack : String(error)}`);
    }
    return [...problems, ...logged.map(line => `logged while formatting: ${line.split('\n')[0]}`)];
}

/**
 * The editor's features on every document it may hold, half typed or not, answer without
 * throwing: semantic tokens, outline, folding, inlay hints, code lenses, and hovers
 * across the text.
 */
export async function checkEditorFeatures(loaded: LoadedSpec): Promise<string[]> {
    const { document } = loaded;
    const lsp = services.lsp;
    const textDocument = { uri: document.uri.toString() };
    const text = document.textDocument.getText();
    const range = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
    const requests: [string, () => unknown][] = [
        ['semantic tokens', () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument })],
        ['the outline', () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument })],
        ['folding', () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument })],
        ['inlay hints', () => lsp.InlayHintProvider?.getInlayHints(document, { textDocument, range })],
        ['code lenses', () => lsp.CodeLensProvider?.provideCodeLens(document, { textDocument })],
        ...[0.2, 0.5, 0.8].map(at => [`a hover at ${Math.floor(at * text.length)}`, () => lsp.HoverProvider?.getHoverContent(document,
            { textDocument, position: document.textDocument.positionAt(Math.floor(at * text.length)) })] as [string, () => unknown]),
    ];
    const problems: string[] = [];
    const logged: string[] = [];
    for (const [what, request] of requests) {
        try {
            await quietly(async () => request(), logged);
        } catch (error) {
            problems.push(`${what} threw: ${error instanceof Error ? error.stack : String(error)}`);
        }
    }
    return [...problems, ...logged.map(line => `logged by an editor feature: ${line.split('\n')[0]}`)];
}

/** The incremental reparse of the edit from `oldText` to `newText`, when it takes it, equals a full parse. */
export function checkIncremental(oldText: string, newText: string, seen = noCoverage()): string[] {
    // Texts nested too deep are refused before any parse (document-factory.ts).
    if (deepestNesting(oldText).offset >= 0 || deepestNesting(newText).offset >= 0) return [];
    try {
        const previous: ParseResult<Spec> = parser.parse<Spec>(oldText);
        const patched = reparseIncrementally(parser, previous, oldText, newText, window => deepestNesting(window).offset < 0);
        if (!patched) return [];
        seen.reparsed++;
        const [got, want] = [JSON.stringify(snapshot(patched)), JSON.stringify(snapshot(parser.parse<Spec>(newText)))];
        if (got === want) return [];
        let at = 0;
        while (got[at] === want[at]) at++;
        return [`the incremental reparse differs from a full parse: …${got.slice(at - 80, at + 80)}… instead of …${want.slice(at - 80, at + 80)}…`];
    } catch (error) {
        return [`the incremental reparse threw: ${error instanceof Error ? error.stack : String(error)}`];
    }
}

/** States per environment in the CI run: enough for the small specs, and no mutation makes a run long. */
export const TINY_STATE_BUDGET = 2000;

/**
 * Whether the CI run simulates a spec: a few short environments whose delays fit their
 * horizon. A state budget bounds states, not the memory a delay's history or a horizon
 * takes; specs beyond these bounds are simulated in the long campaign only.
 */
export function smallEnough(spec: CompiledSpec): boolean {
    return spec.environments.length <= 16 && spec.environments.every(env => env.horizon <= 64
        && Object.values(env.maxDelay).every(delay => delay <= env.horizon));
}

/** Simulating a spec without errors gives a report or a run-time error with a place, nothing else. */
export function checkSimulation(loaded: LoadedSpec, maxStates = TINY_STATE_BUDGET, all = false, seen = noCoverage()): string[] {
    if (!loaded.spec || (!all && !smallEnough(loaded.spec))) return [];
    seen.simulated++;
    try {
        simulate(loaded.spec, { maxStates, samples: 4 });
        return [];
    } catch (error) {
        if (error instanceof SimulationError) return [];
        return [`simulation threw: ${error instanceof Error ? error.stack : String(error)}`];
    }
}
