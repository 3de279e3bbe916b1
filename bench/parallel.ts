/**
 * The worker threads of `mesa simulate` (cli/parallel/pool.ts; docs/simulation.md, Worker
 * threads) against one thread, in the same bench run: first the machine's own ceiling
 * (`CEILING`), then on specs of two environments of 0.3 to 3 million states each, and of
 * four labs, the first phase alone (explore every environment and solve every objective
 * there) and, on one of them, the whole `simulate`; then the whole
 * `simulate` of specs whose distinguishing search is most of the run, which the workers
 * share (the absent supervisor, the boat race, a chain of 1,000 nodes). Each
 * measurement runs in a fresh child process (this bundle with `--parallel-child`), so
 * that both sides start cold as a user's run does: the spec's text is parsed there, with
 * the pool's first worker started before, as `mesa simulate` starts it, and the clock
 * starts once the spec is compiled (one case again with the worker started only then,
 * to show what the early start saves); one thread and the pool run back to
 * back, in pairs, and the speed-up printed is the median of the pairs' ratios one thread /
 * pool, with whether the reports agree. Runs from dist/bench.cjs, next to
 * dist/core-worker.cjs. Prints figures, asserts nothing.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CompiledSpec } from '../language/model/spec.js';
import { Context } from '../language/simulation/context.js';
import { budgetOf, explorationOrder, simulate } from '../language/simulation/simulate.js';
import { simulateParallel, startWorkerEarly, workerSeeds } from '../cli/parallel/pool.js';
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { compileText } from './compile-text.js';
import { inChild } from './child.js';
import { chain } from './generated-spec.js';
import { median } from './median.js';

/** Room for the largest case (2 × 3.1 M states). */
const MAX_STATES = 10_000_000;

/** A spec of environments that share their actions and nodes, written out and compiled as the CLI compiles a file. */
interface Plain {
    name: string;
    envs: string[];
    horizon: number;
    actions: string[];
    nodes: [string, string][];
    objectives: [role: string, name: string, expression: string][];
    train: string[];
    deploy: string[];
}

function plain(p: Plain): Promise<CompiledSpec> {
    const text = [
        ...p.envs.map(label => `environment ${label} {\n  horizon ${p.horizon}\n  action ${p.actions.join(', ')}\n${p.nodes.map(([n, rule]) => `  node ${n} = ${rule}\n`).join('')}}\n`),
        ...p.objectives.map(([role, name, e]) => `objective ${role} ${name} = ${e}\n`),
        `train ${p.train.join(', ')}\ndeploy ${p.deploy.join(', ')}\n`,
    ].join('');
    return compileText(text, p.name);
}

/** Button-lamp in `n` labs (the first half for training) with the lamp `delay` presses back, over `horizon` steps. */
function lamps(delay: number, horizon: number, n = 2): Promise<CompiledSpec> {
    const labels = Array.from({ length: n }, (_, i) => `Lab${i + 1}`);
    return plain({
        name: `lamp-${delay}-${horizon}-${n}`,
        envs: labels, horizon, actions: ['press'], nodes: [['lamp', `press@${delay}`]],
        objectives: [['base', 'Light', 'lamp'], ['mesa', 'Pressing', 'press']],
        train: labels.slice(0, n / 2),
        deploy: labels.slice(n / 2),
    });
}

/** A published case's spec. */
function published(name: string): Promise<CompiledSpec> {
    return compileText(readFileSync(join(process.cwd(), 'examples', 'published', `${name}.mesa`), 'utf8'), name);
}

/** Each case's spec, and whether to measure the first phase, the whole `simulate`, or both. */
const CASES: Record<string, { title: string; spec: () => Promise<CompiledSpec>; phase: boolean; whole: boolean; cold?: boolean }> = {
    counters: {
        title: 'two counters over 180 steps, train + deploy',
        spec: () => plain({
            name: 'counters',
            envs: ['Train', 'Deploy'], horizon: 180, actions: ['a', 'b'], nodes: [['x', 'x@1 + a'], ['y', 'y@1 + b']],
            objectives: [['base', 'Score', 'x - abs(y - 20)'], ['mesa', 'Count', 'x']],
            train: ['Train'],
            deploy: ['Deploy'],
        }),
        phase: true,
        whole: false,
    },
    lamp17: { title: 'button-lamp, lamp 17 presses back over 24 steps, train + deploy', spec: () => lamps(17, 24), phase: true, whole: true },
    // Also with the worker started only when the first phase is (`cold`), to show what starting it early saves.
    lamp14: { title: 'button-lamp, lamp 14 presses back over 200 steps, train + deploy', spec: () => lamps(14, 200), phase: true, whole: false, cold: true },
    // Each thread takes its next lab as soon as it is done with one.
    labs4: { title: 'button-lamp, lamp 14 presses back over 100 steps, two labs to train + two to deploy', spec: () => lamps(14, 100, 4), phase: true, whole: false },
    // A long step over a small state: each state's work is arithmetic, not memory traffic.
    plant: {
        title: 'a plant of 40 computed nodes over two counters, 120 steps, train + deploy',
        spec: () => plain({
            name: 'plant',
            envs: ['Train', 'Deploy'], horizon: 120, actions: ['a', 'b'],
            nodes: [['x', 'x@1 + a'], ['y', 'y@1 + b'],
                ...Array.from({ length: 40 }, (_, i): [string, string] => [`n${i}`, i === 0 ? 'x * 3 - y' : `max(n${i - 1} - x, y) + abs(n${i - 1} - ${i})`])],
            objectives: [['base', 'Score', 'n39 - abs(y - 20)'], ['mesa', 'Count', 'x']],
            train: ['Train'],
            deploy: ['Deploy'],
        }),
        // Its 42 names make the candidate search the whole run's cost, which has nothing to do with threads.
        phase: true,
        whole: false,
    },
    absent: { title: 'the absent supervisor (published), three environments; the search judges 344 derived ones', spec: () => published('absent-supervisor'), phase: false, whole: true },
    boat: { title: 'the boat race (published), one environment; the search judges 363 derived ones', spec: () => published('boat-race'), phase: false, whole: true },
    chain: { title: 'a chain of 1,000 copies changed in deployment (n500 = a + b); the search judges 2,301 derived environments', spec: () => compileText(chain(1_000, 'a + b'), 'chain'), phase: false, whole: true },
};

/** A measurement: wall time, and the CPU time of all the process's threads over it (V8's compiler and collector threads included). */
interface ChildResult { ms: number; cpuMs: number; states: number; digest: string }

/** The first phase on this thread: every environment explored, every objective solved there, in order. */
function phaseOnOneThread(spec: CompiledSpec): Map<string, number> {
    const ctx = new Context(spec, budgetOf({ maxStates: MAX_STATES }));
    const states = new Map<string, number>();
    for (const label of explorationOrder(spec)) {
        const g = ctx.graph(label);
        if (!g) continue;
        states.set(label, g.nStates);
        for (const objective of g.rewards.keys()) ctx.solve(g, objective);
    }
    return states;
}

/**
 * The machine's own ceiling, beside the cases: one unit of work per thread, the same code
 * on every thread, with nothing of Mesa in it. Arithmetic alone should be as fast on each
 * of two threads as on one. Writing one word on each page of 300 MB of fresh memory is
 * what an exploration does to every page it fills (the graph's arrays): in 75 blocks of
 * 4 MB, each allocation maps memory while the other thread faults pages in (the operating
 * system serialises the two); in one block, as an exploration's few reservations do,
 * only the page faults themselves meet.
 */
const CEILING: Record<string, string> = {
    arithmetic: 'let a = 1, b = 2; for (let i = 0; i < 4e8; i++) { a = (a + i) ^ (a >>> 3); b = (b + i) ^ (b >>> 5); } globalThis.sink = a ^ b;',
    pages: '(globalThis.keep ??= []).push(Array.from({ length: 75 }, () => { const a = new Int32Array(1 << 20); for (let j = 0; j < a.length; j += 1024) a[j] = j; return a; }));',
    block: '(globalThis.keep ??= []).push((() => { const a = new Int32Array(75 << 20); for (let j = 0; j < a.length; j += 1024) a[j] = j; return a; })());',
};

/** `units` units of `work`: all on this thread when `threads` is 1, else one on each of `threads` threads at once (timed once all have started). */
async function ceilingRun(work: string, threads: number, units: number): Promise<void> {
    const code = CEILING[work]!;
    const others = Array.from({ length: threads - 1 }, () => new Worker(
        `const { parentPort } = require('node:worker_threads'); parentPort.once('message', () => { (() => { ${code} })(); parentPort.postMessage('done'); }); parentPort.postMessage('ready');`,
        { eval: true }));
    await Promise.all(others.map(w => new Promise(resolve => w.once('message', resolve))));
    const done = others.map(w => new Promise(resolve => w.once('message', resolve)));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const w of others) w.postMessage('go');
    const unit = runInThisContext(`() => { ${code} }`) as () => void;
    for (let u = 0; u < (threads === 1 ? units : 1); u++) unit();
    await Promise.all(done);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    for (const w of others) void w.terminate();
    process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, states: 0, digest: work } satisfies ChildResult) + '\n');
}

/** In a child: one measurement, `[case, phase|whole, workers]` or `[ceiling, work, workers]`, printed as JSON. */
export async function parallelChild(args: string[]): Promise<void> {
    const [name, what, n] = args;
    const workers = Number(n);
    if (name === 'ceiling') return ceilingRun(what!, workers, Math.max(2, availableParallelism()));
    // As `mesa simulate` does, the pool's first worker starts before the spec is parsed
    // (with one worker, nothing starts); `cold`: only once the first phase starts.
    if (what !== 'cold') startWorkerEarly({ workers });
    const spec = await CASES[name!]!.spec();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let states: number, digest: string;
    if (what === 'phase' || what === 'cold') {
        const seen = workers === 1
            ? phaseOnOneThread(spec)
            : new Map([...await workerSeeds(spec, { workers, maxStates: MAX_STATES })].map(([l, s]) => [l, 'graph' in s ? s.graph.nStates : -1]));
        states = [...seen.values()].reduce((a, b) => a + b, 0);
        digest = JSON.stringify([...seen].sort());
    } else {
        const options = { maxStates: MAX_STATES, workers };
        const report = workers === 1 ? simulate(spec, options) : await simulateParallel(spec, options);
        states = report.environments.reduce((a, e) => a + (e.states ?? 0), 0);
        digest = createHash('sha256').update(JSON.stringify(report)).digest('hex');
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, states, digest } satisfies ChildResult) + '\n');
}

/** One child's figures, or why it failed. */
function run(name: string, what: string, workers: number): ChildResult | string {
    return inChild<ChildResult>(['--parallel-child', name, what, String(workers)]);
}

/**
 * `pairs` runs of one thread and of the pool, back to back, which goes first alternating,
 * so that a change in the machine's load meets both sides alike; the median of each side's
 * times and of the pairs' ratios, whether every report agreed, or why a run failed.
 */
function line(label: string, name: string, what: string, workers: number, pairs: number): { text: string; states?: number } {
    const one: number[] = [], pool: number[] = [], ratios: number[] = [], busy: number[] = [];
    const cores = Math.min(workers, availableParallelism());
    let states: number | undefined;
    let same = true;
    for (let i = 0; i < pairs; i++) {
        const first = run(name, what, i % 2 === 0 ? 1 : workers);
        const second = run(name, what, i % 2 === 0 ? workers : 1);
        if (typeof first === 'string' || typeof second === 'string') return { text: `  ${label}: failed: ${typeof first === 'string' ? first : second}` };
        const [a, b] = i % 2 === 0 ? [first, second] : [second, first];
        one.push(a.ms);
        busy.push(a.cpuMs / a.ms);
        pool.push(b.ms);
        ratios.push(a.ms / b.ms);
        same &&= a.digest === b.digest;
        states = a.states;
    }
    const text = `  ${label.padEnd(16)} one thread ${median(one).toFixed(0)} ms, ${workers} threads ${median(pool).toFixed(0)} ms, speed-up ${median(ratios).toFixed(2)}`
        + ` (pairs: ${ratios.map(r => r.toFixed(2)).join(', ')}${name === 'ceiling' ? '' : `; ${same ? 'the same' : 'DIFFERENT'} results`})`
        // One thread already keeps more than one core busy (V8 compiles and collects on threads
        // of its own): the pool spreading all of that evenly over the cores would gain cores / busy.
        + `; one thread keeps ${median(busy).toFixed(2)} cores busy (${cores} / ${median(busy).toFixed(2)} = ${(cores / median(busy)).toFixed(2)})`;
    return { text, states };
}

export function parallelBench(): void {
    const workers = Math.max(2, availableParallelism());
    console.log(`Worker threads (${availableParallelism()} cores; each run a fresh process that parses the spec, the pool's first worker started before as \`mesa simulate\` starts it, timed from the compiled spec; one thread and the pool back to back, 5 pairs (3 for whole runs); speed-up = median of the pairs' one thread / pool)`);
    console.log(`the machine itself, the same work done by one thread or spread over ${workers}:`);
    console.log(line('arithmetic', 'ceiling', 'arithmetic', workers, 5).text);
    console.log(line('fresh pages', 'ceiling', 'pages', workers, 5).text);
    console.log(line('one fresh block', 'ceiling', 'block', workers, 5).text);
    for (const [name, c] of Object.entries(CASES)) {
        const lines = [
            c.phase ? line('explore + solve', name, 'phase', workers, 5) : null,
            c.cold ? line('  worker cold', name, 'cold', workers, 5) : null,
            c.whole ? line('whole simulate', name, 'whole', workers, 3) : null,
        ]
            .filter(l => l !== null);
        const states = lines[0]?.states;
        console.log(`${c.title}: ${states === undefined ? '?' : states.toLocaleString('en-US')} states`);
        for (const l of lines) console.log(l.text);
    }
    console.log('');
}
