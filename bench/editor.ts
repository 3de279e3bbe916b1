/**
 * `npm run bench` (editor part): latencies as a user feels them, measured against the
 * bundled language server over stdio. Completion p50/p95 on a large generated spec,
 * idle and while a simulation-backed analysis runs in the worker; static diagnostics
 * after an edit on a 2,000-line spec; and, per example, the time from an edit to its
 * static diagnostics and to its simulation-backed ones (which include the debounce).
 * Prints figures; asserts nothing.
 *
 * MESA_BENCH_TRIGGER=onSave measures the large spec with no analysis in the worker;
 * MESA_TRACE_BUILDS=1 prints the server's own timing of each build.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { largeSpec } from './large-spec.js';
import { LspSession, percentile } from '../test/helpers/lsp-session.js';

const root = join(__dirname, '..');
const DEBOUNCE_MS = 300;
/** Edits to the large spec: enough that the percentiles describe an author typing, not just the first edits after opening. */
const ROUNDS = 16;

/**
 * The edits made to the large spec, in turn, each made and then undone: the horizon, an
 * operand of a rule in the middle of the environment, a node line added in the middle
 * (moving every later line), and an objective. Each applies to the text as generated.
 */
const EDITS: ((text: string, round: number) => string)[] = [
    (text, round) => text.replace('horizon 30', `horizon ${round % 2 === 0 ? 31 : 30}`),
    (text, round) => round % 2 === 0 ? text.replace('node n1000 = max(n999, n500@2) - pull', 'node n1000 = max(n999, n500@2) - push') : text,
    (text, round) => round % 2 === 0 ? text.replace('  node n1001 =', '  node extra = n1000 + push\n  node n1001 =') : text,
    (text, round) => text.replace('objective mesa Effort = push', round % 2 === 0 ? 'objective mesa Effort = push + pull' : 'objective mesa Effort = push'),
];
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

async function largeSpecFigures(): Promise<void> {
    const session = await LspSession.start(root, { settings, capabilities });
    const text = largeSpec(2_000);
    const uri = 'file:///bench/large.mesa';
    const lines = text.split('\n');
    const objectiveLine = lines.findIndex(l => l.startsWith('objective mesa Effort'));
    let version = 1;
    const firstAnalysis = session.next(p => p.uri === uri && (process.env['MESA_BENCH_TRIGGER'] !== undefined || p.diagnostics.some(d => d.code === 'analysis-incomplete' || d.code === 'unidentifiable' || d.code === 'misaligned')));
    session.open(uri, text);
    await firstAnalysis;
    const idle = await completionSeries(session, uri, objectiveLine, 'objective mesa Effort = '.length, 40);
    // An edit starts a new analysis after the debounce; complete while it runs.
    const staticTimes: number[] = [];
    const busy: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        version++;
        const edited = EDITS[Math.floor(round / 2) % EDITS.length]!(text, round);
        const started = performance.now();
        const firstPublish = session.next(p => p.uri === uri);
        session.change(uri, version, edited);
        staticTimes.push((await firstPublish).at - started);
        await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS + 50));
        const effortLine = edited.split('\n').findIndex(l => l.startsWith('objective mesa Effort'));
        busy.push(...await completionSeries(session, uri, effortLine, 'objective mesa Effort = '.length, 12));
    }
    await session.stop();
    // MESA_TRACE_BUILDS=1: the server's own account of each build (see server/build-trace.ts).
    if (process.env['MESA_TRACE_BUILDS']) console.log(session.stderr);
    console.log(`\nEditor latency on a generated spec of ${lines.length} lines`);
    console.log(`  completion, idle:              p50 ${ms(percentile(idle, 0.5))}, p95 ${ms(percentile(idle, 0.95))} (${idle.length} requests)`);
    console.log(`  completion, analysis running:  p50 ${ms(percentile(busy, 0.5))}, p95 ${ms(percentile(busy, 0.95))} (${busy.length} requests)`);
    console.log(`  edit -> static diagnostics:    p50 ${ms(percentile(staticTimes, 0.5))}, p95 ${ms(percentile(staticTimes, 0.95))} (${staticTimes.length} edits)`);
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
