/**
 * `npm run bench` (editor part): latencies as a user feels them, measured against the
 * bundled language server over stdio. Completion p50/p95 on a large generated spec,
 * idle and while a simulation-backed analysis runs in the worker; static diagnostics
 * after an edit on a 2,000-line spec; and, per example, the time from an edit to its
 * static diagnostics and to its simulation-backed ones (which include the debounce).
 * Prints figures; asserts nothing.
 *
 * The large spec's edits are made as soon as it opened, and then again with the whole
 * text reparsed on every edit (MESA_INCREMENTAL=0), the baseline of the same run.
 *
 * MESA_BENCH_TRIGGER=onSave measures the large spec with no analysis in the worker;
 * MESA_TRACE_BUILDS=1 runs the traced build of the server (bench/traced-server.ts) and
 * prints its own timing of each build.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecEdit } from './generated-spec.js';
import { largeSpec, largeSpecEdits } from './generated-spec.js';
import { LspSession, percentile } from '../test/helpers/lsp-session.js';

const root = join(__dirname, '..');
const DEBOUNCE_MS = 300;
/** Edits to the large spec: enough that the percentiles describe an author typing, not just the first edits after opening. */
const ROUNDS = 24;

/**
 * The edits made to the large spec, in turn, each made and then undone: the horizon, an
 * operand of a rule in the middle of the environment, a node line added in the middle
 * (moving every later line), the same line half typed (a syntax error), a member half
 * typed at the end of the environment, and an objective (see largeSpecEdits).
 */
const EDITS: SpecEdit[] = ['horizon', 'ruleOperand', 'lineAdded', 'lineHalfTyped', 'memberAtEnd', 'objective'];
const LINES = 2_000;
const settings = { analysis: { trigger: process.env['MESA_BENCH_TRIGGER'] ?? 'onChange', maxStates: 200_000, timeBudgetMs: 2_000, debounceMs: DEBOUNCE_MS } };
/** What VS Code's language client declares for completion lists (vscode-languageclient 9). */
const capabilities = { textDocument: { completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } } };

function ms(x: number): string {
    return `${x.toFixed(1)} ms`;
}

async function completionSeries(session: LspSession, uri: string, line: number, character: number, count: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(await session.completion(uri, line, character));
    return times;
}

interface EditSeries {
    idle: number[];
    busy: number[];
    staticTimes: number[];
}

/** Opens the large spec, completes while idle, then edits it ROUNDS times, completing while each analysis runs. */
async function editSeries(text: string, env: Record<string, string> = {}): Promise<EditSeries & { stderr: string }> {
    const bundle = process.env['MESA_TRACE_BUILDS'] ? 'bench-server.cjs' : 'server.cjs';
    const session = await LspSession.start(root, { settings, capabilities, env, bundle });
    const uri = 'file:///bench/large.mesa';
    const effortLine = (t: string) => t.split('\n').findIndex(l => l.startsWith('objective mesa Effort'));
    const completionColumn = 'objective mesa Effort = '.length;
    let version = 1;
    const edits = largeSpecEdits(LINES);
    const firstAnalysis = session.next(p => p.uri === uri && (process.env['MESA_BENCH_TRIGGER'] !== undefined || p.diagnostics.some(d => d.code === 'analysis-incomplete' || d.code === 'unidentifiable' || d.code === 'misaligned')));
    session.open(uri, text);
    await firstAnalysis;
    const idle = await completionSeries(session, uri, effortLine(text), completionColumn, 40);
    // An edit starts a new analysis after the debounce; complete while it runs.
    const staticTimes: number[] = [];
    const busy: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        version++;
        // Even rounds make the edit, odd ones undo it.
        const edited = round % 2 === 0 ? edits[EDITS[Math.floor(round / 2) % EDITS.length]!] : text;
        const started = performance.now();
        const firstPublish = session.next(p => p.uri === uri);
        session.change(uri, version, edited);
        staticTimes.push((await firstPublish).at - started);
        await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS + 50));
        busy.push(...await completionSeries(session, uri, effortLine(edited), completionColumn, 12));
    }
    await session.stop();
    return { idle, busy, staticTimes, stderr: session.stderr };
}

async function largeSpecFigures(): Promise<void> {
    const text = largeSpec(LINES);
    const { idle, busy, staticTimes, stderr } = await editSeries(text);
    // The baseline, in the same run: the same edits with the whole text reparsed each time.
    const full = await editSeries(text, { MESA_INCREMENTAL: '0' });
    // MESA_TRACE_BUILDS=1: the server's own account of each build (see bench/build-trace.ts).
    if (process.env['MESA_TRACE_BUILDS']) console.log(stderr);
    const p50 = (xs: number[]) => percentile(xs, 0.5);
    const p95 = (xs: number[]) => percentile(xs, 0.95);
    console.log(`\nEditor latency on a generated spec of ${text.split('\n').length} lines (${ROUNDS} edits of ${EDITS.length} kinds)`);
    console.log(`  completion, idle:              p50 ${ms(p50(idle))}, p95 ${ms(p95(idle))} (${idle.length} requests)`);
    console.log(`  completion, analysis running:  p50 ${ms(p50(busy))}, p95 ${ms(p95(busy))} (${busy.length} requests)`);
    console.log(`  edit -> static diagnostics:    p50 ${ms(p50(staticTimes))}, p95 ${ms(p95(staticTimes))}`);
    console.log(`    each edit in turn (ms):      ${staticTimes.map(t => t.toFixed(0)).join(' ')}`);
    console.log(`    the slowest edit:            ${ms(Math.max(...staticTimes))}`);
    console.log(`  the same, whole text reparsed: p50 ${ms(p50(full.staticTimes))}, p95 ${ms(p95(full.staticTimes))} (MESA_INCREMENTAL=0)`);
    console.log(`  ratio incremental / whole text (p50): ${(p50(staticTimes) / p50(full.staticTimes)).toFixed(2)}`);
    console.log('  goals: completion p95 under 50 ms either way; static diagnostics under 100 ms');
}

async function exampleFigures(): Promise<void> {
    const session = await LspSession.start(root, { settings, capabilities });
    console.log(`\nEdit -> diagnostics per example (simulation-backed ones include the ${DEBOUNCE_MS} ms debounce)`);
    for (const file of readdirSync(join(root, 'examples')).filter(f => f.endsWith('.mesa')).sort()) {
        const uri = `file:///bench/${file}`;
        const text = readFileSync(join(root, 'examples', file), 'utf8');
        const opened = session.next(p => p.uri === uri);
        session.open(uri, text);
        await opened;
        await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS + 1_000));
        const started = performance.now();
        const firstPublish = session.next(p => p.uri === uri);
        session.change(uri, 2, text + '\n');
        const first = await firstPublish;
        // The first publication carries the earlier simulation-backed diagnostics over; the next one is the fresh analysis.
        const simulated = session.next(p => p.uri === uri);
        const timeout = new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), 5_000));
        const full = file.startsWith('evolution') ? undefined : await Promise.race([simulated, timeout]);
        console.log(`  ${file.padEnd(18)} static ${ms(first.at - started).padStart(9)}   simulation-backed ${full ? ms(full.at - started).padStart(9) : '      n/a'}`);
    }
    await session.stop();
}

export async function editorBench(): Promise<void> {
    await largeSpecFigures();
    await exampleFigures();
}

void editorBench().then(() => process.exit(0), error => {
    console.error(error);
    process.exit(1);
});
