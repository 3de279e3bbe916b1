/**
 * `npm run bench`: throughput of the simulation core (states explored and DP states
 * per second, peak memory) on button-lamp and on a generated spec with about 10^6
 * reachable states; the same DP hand-written for button-lamp in plain TypeScript as a
 * baseline, with the ratio core / hand-written (the core recording the base objective's
 * rewards, as the hand-written one does; with all three objectives', in a child process);
 * and the time of the whole button-lamp analysis (all objectives, sweep, selection,
 * sample), also with a full garbage collection before each run; then the wide 2,000-line
 * spec under the editor's budgets (bench/wide.ts); chance, grids and the published cases
 * against their deterministic baselines (bench/chance-grid.ts); the core at model-checker
 * scale, each case in a child process of its own (bench/scale.ts); the worker threads of
 * `mesa simulate` against one thread (bench/parallel.ts). Prints figures, asserts nothing.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledSpec } from '../language/model/spec.js';
import { compileEnvironment } from '../language/simulation/codegen.js';
import { optimalValues } from '../language/simulation/dp.js';
import { Budget } from '../language/simulation/errors.js';
import { explore } from '../language/simulation/explore.js';
import { simulate } from '../language/simulation/index.js';
import { buildSpec, buttonLamp } from '../test/simulation/fixtures.js';
import { wideBench } from './wide.js';
import { bytesOf, chanceGridBench } from './chance-grid.js';
import { parallelBench, parallelChild } from './parallel.js';
import { scaleBench, scaleChild, scaledButtonLamp } from './scale.js';
import { median } from './median.js';
import { inChild } from './child.js';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MB`;
const rate = (n: number, ms: number): string => `${(n / (ms / 1000) / 1e6).toFixed(2)} M states/s`;

/**
 * Explores one environment with the rewards of `objectives` (default: every objective of
 * the spec) and solves its base objective; returns timings of the best of `runs` (the first
 * ones warm the JIT up).
 */
function core(spec: CompiledSpec, label: string, runs: number, objectives = spec.objectives): { states: number; explore: number; dp: number; memory: number } {
    const env = spec.environments.find(e => e.label === label)!;
    let best = { states: 0, explore: Infinity, dp: Infinity, memory: 0 };
    for (let r = 0; r < runs; r++) {
        gc?.();
        const budget = new Budget(50_000_000, undefined, undefined);
        const t0 = performance.now();
        const graph = explore(compileEnvironment(env, objectives), budget);
        const t1 = performance.now();
        const V = optimalValues(graph, graph.rewards.get(spec.base)!, budget);
        const t2 = performance.now();
        // The graph's data and the values, as used (chance-grid.ts, `bytesOf`).
        const memory = bytesOf(graph) + V.byteLength;
        if (V[0]! < -1e300) console.log('unreachable');
        if (t2 - t0 < best.explore + best.dp) best = { states: graph.nStates, explore: t1 - t0, dp: t2 - t1, memory };
    }
    return best;
}

/** In a child process: `Lab` explored with the rewards of all three objectives and solved, the best of 40, as JSON. */
function labChild(): void {
    process.stdout.write(JSON.stringify(core(buttonLamp, 'Lab', 40)) + '\n');
}

/**
 * Button-lamp's Lab written by hand: a state is the press history of the last 10 steps
 * as a bit mask (bit j = pressed j steps ago), the lamp reward is bit 9, and the DP runs
 * backwards over the reachable masks of each step.
 */
function handWritten(H: number, D: number): { states: number; ms: number; value: number } {
    const t0 = performance.now();
    const size = 1 << D, full = size - 1;
    let next = new Float64Array(size), cur = new Float64Array(size);
    let states = 0;
    for (let t = H; t >= 0; t--) {
        const reachable = t >= D ? size : 1 << t;
        states += reachable;
        if (t === H) { next.fill(0); continue; }
        for (let h = 0; h < reachable; h++) {
            const lamp = (h >> (D - 1)) & 1;
            const wait = lamp + next[(h << 1) & full]!;
            const press = lamp + next[((h << 1) | 1) & full]!;
            cur[h] = press > wait ? press : wait;
        }
        [next, cur] = [cur, next];
    }
    return { states, ms: performance.now() - t0, value: next[0]! };
}

/**
 * The same algorithm as the core, written by hand for Lab: explore the reachable press
 * histories layer by layer (a Map per layer from the packed history to its index),
 * record transitions and lamp rewards, then one backward pass.
 */
function handWrittenSameAlgorithm(H: number, D: number): { states: number; ms: number; value: number } {
    const t0 = performance.now();
    const full = (1 << D) - 1;
    const keys: number[] = [0];
    const next: number[] = [];
    const reward: number[] = [];
    const layerStart = [0, 1];
    for (let t = 0; t < H; t++) {
        const seen = new Map<number, number>();
        for (let s = layerStart[t]!; s < layerStart[t + 1]!; s++) {
            const h = keys[s]!;
            for (let a = 0; a < 2; a++) {
                const k = ((h << 1) | a) & full;
                let n = seen.get(k);
                if (n === undefined) { n = keys.length; keys.push(k); seen.set(k, n); }
                next.push(n);
                reward.push((h >> (D - 1)) & 1);
            }
        }
        layerStart.push(keys.length);
    }
    const V = new Float64Array(keys.length);
    for (let s = layerStart[H]! - 1; s >= 0; s--) {
        const w = reward[2 * s]! + V[next[2 * s]!]!, p = reward[2 * s + 1]! + V[next[2 * s + 1]!]!;
        V[s] = p > w ? p : w;
    }
    return { states: keys.length, ms: performance.now() - t0, value: V[0]! };
}

/** A spec with two counters over 180 steps: about 10^6 reachable states. */
const counters = buildSpec({
    name: 'counters',
    envs: [{
        label: 'Counters', horizon: 180, actions: ['a', 'b'],
        nodes: [['x', 'x@1 + a'], ['y', 'y@1 + b']],
    }],
    objectives: [['base', 'Score', 'x - abs(y - 20)'], ['mesa', 'Count', 'x']],
    train: ['Counters'],
});

function main(): void {
    console.log(`Mesa simulation benchmark (node ${process.version})\n`);

    // The hand-written versions record the base objective's rewards alone: so does the core
    // measured against them. The core as an analysis runs it, with the rewards of all three
    // objectives, is measured in a process of its own: the exploring loop, having met one
    // step function, would run another one slower.
    const lab = core(buttonLamp, 'Lab', 40, buttonLamp.objectives.filter(o => o.name === buttonLamp.base));
    const lab3 = inChild<ReturnType<typeof core>>(['--lab-child'], ['--expose-gc']);
    const hand: number[] = [];
    let handStates = 0;
    for (let i = 0; i < 40; i++) {
        const h = handWritten(40, 10);
        hand.push(h.ms);
        handStates = h.states;
        if (h.value !== 30) console.log(`hand-written value ${h.value}, expected 30`);
    }
    const handMs = Math.min(...hand);
    const same: number[] = [];
    for (let i = 0; i < 40; i++) {
        const h = handWrittenSameAlgorithm(40, 10);
        same.push(h.ms);
        if (h.value !== 30 || h.states !== lab.states) console.log(`hand-written (same algorithm) value ${h.value}, ${h.states} states`);
    }
    const sameMs = Math.min(...same);
    console.log(`button-lamp Lab: ${lab.states} states (hand-written: ${handStates})`);
    console.log(`  core explore     ${lab.explore.toFixed(2)} ms  ${rate(lab.states, lab.explore)}`);
    console.log(`  core DP          ${lab.dp.toFixed(2)} ms  ${rate(lab.states, lab.dp)}`);
    console.log(`  core total       ${(lab.explore + lab.dp).toFixed(2)} ms  ${rate(lab.states, lab.explore + lab.dp)}  graph memory ${mb(lab.memory)}  (with Light's rewards, as the hand-written ones)`);
    console.log(`  core total with the rewards of all three objectives, as an analysis explores  ${typeof lab3 === 'string' ? `failed: ${lab3}` : `${(lab3.explore + lab3.dp).toFixed(2)} ms  graph memory ${mb(lab3.memory)}`}`);
    console.log(`  hand-written, same algorithm (explore with a Map, then DP)  ${sameMs.toFixed(2)} ms  ${rate(lab.states, sameMs)}`);
    console.log(`  hand-written, direct bit-mask indexing (no exploration)    ${handMs.toFixed(2)} ms  ${rate(handStates, handMs)}`);
    console.log(`  ratio core / hand-written (same algorithm):  ${((lab.explore + lab.dp) / sameMs).toFixed(2)}`);
    console.log(`  ratio core DP pass / direct-indexed DP:      ${(lab.dp / handMs).toFixed(2)}`);
    console.log(`  ratio core total / direct-indexed DP:        ${((lab.explore + lab.dp) / handMs).toFixed(2)}\n`);

    const big = core(counters, 'Counters', 3);
    console.log(`generated counters spec: ${big.states} states`);
    console.log(`  core explore     ${big.explore.toFixed(0)} ms  ${rate(big.states, big.explore)}`);
    console.log(`  core DP          ${big.dp.toFixed(0)} ms  ${rate(big.states, big.dp)}`);
    console.log(`  graph memory     ${mb(big.memory)} (${(big.memory / big.states).toFixed(0)} bytes/state as used; reserved room is never written)\n`);

    const whole: number[] = [];
    for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        simulate(buttonLamp);
        whole.push(performance.now() - t0);
    }
    console.log(`whole button-lamp analysis: first ${whole[0]!.toFixed(0)} ms, median ${median(whole).toFixed(0)} ms`);
    // After a collection that reduces memory (forced here; in a language server, after it
    // was idle), as an author's next edit finds it; the shapes the analyses use outlive
    // them (language/simulation/shapes.ts), so their optimised code does too.
    if (gc) {
        const after: number[] = [];
        for (let i = 0; i < 15; i++) {
            gc();
            const t0 = performance.now();
            simulate(buttonLamp);
            after.push(performance.now() - t0);
        }
        console.log(`  after a full garbage collection each time: median ${median(after).toFixed(0)} ms, ratio to the median above ${(median(after) / median(whole)).toFixed(2)}`);
    }
    console.log('');
}

void (async () => {
    // bench/scale.ts measures each of its cases in a child process running this bundle.
    if (process.argv[2] === '--scale-child') return scaleChild(process.argv.slice(3));
    // bench/parallel.ts too, each measurement of one thread or of the pool.
    if (process.argv[2] === '--parallel-child') return parallelChild(process.argv.slice(3));
    // `node dist/bench.cjs --parallel`: that part alone.
    if (process.argv[2] === '--parallel') return parallelBench();
    if (process.argv[2] === '--lab-child') return labChild();
    main();
    await chanceGridBench();
    await wideBench();
    parallelBench();
    const scaled = join(tmpdir(), 'mesa-bench-scaled-button-lamp.mesa');
    writeFileSync(scaled, scaledButtonLamp(process.cwd()));
    scaleBench(scaled);
    console.log(`process RSS at the end ${mb(process.memoryUsage().rss)}`);
})().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
