/**
 * Part of `npm run bench` (bench/bench.ts): the core on the cases chance and grids bring
 * (docs/benchmarks.md), each against its deterministic baseline measured in the same run.
 * - chance: the counters spec with `x@1 + a * bernoulli(0.9)` against `x@1 + a`: states/s,
 *   outcomes per state and bytes per state;
 * - grid: an open 40 × 40 map read through `map[y][x]` against the same walk written with
 *   arithmetic bounds instead of the map;
 * - the published cases' whole analyses (examples/published/).
 * Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledSpec } from '../language/model/spec.js';
import { compileEnvironment } from '../language/simulation/codegen.js';
import { optimalValues } from '../language/simulation/dp.js';
import { Budget } from '../language/simulation/errors.js';
import { explore } from '../language/simulation/explore.js';
import { simulate } from '../language/simulation/index.js';
import type { StateGraph } from '../language/simulation/state-graph.js';
import { buildSpec } from '../test/simulation/fixtures.js';
import { compileText } from './compile-text.js';

/**
 * Bytes of graph data: the used length of each typed array the graph holds. Room reserved
 * beyond it is not counted: its pages are never written, so it costs no memory
 * (docs/simulation.md, Exploration); bench/scale.ts measures the process's peak instead.
 */
export function bytesOf(g: StateGraph & { codes?: Uint32Array | Float64Array; dictionary?: Float64Array }): number {
    const arrays = [g.next, g.layerStart, ...g.rewards.values(), ...(g.codes ? [g.codes] : []), ...(g.dictionary ? [g.dictionary] : []),
        ...(g.outcomes ? [g.outcomes.start, g.outcomes.next, g.outcomes.p] : [])];
    return arrays.reduce((s, a) => s + a.byteLength, 0);
}

interface Run { states: number; outcomes: number; ms: number; bytes: number }

/** Explore and solve the base objective, best of `runs`. */
function run(spec: CompiledSpec, runs: number): Run {
    let best: Run = { states: 0, outcomes: 0, ms: Infinity, bytes: 0 };
    for (let i = 0; i < runs; i++) {
        const budget = new Budget(50_000_000, undefined, undefined);
        const t0 = performance.now();
        const g = explore(compileEnvironment(spec.environments[0]!, spec.objectives), budget);
        optimalValues(g, g.rewards.get(spec.base)!, budget);
        const ms = performance.now() - t0;
        if (ms < best.ms) best = { states: g.nStates, outcomes: g.outcomes?.next.length ?? g.next.length, ms, bytes: bytesOf(g) };
    }
    return best;
}

const counters = (rule: string): CompiledSpec => buildSpec({
    name: 'counters',
    envs: [{ label: 'Counters', horizon: 180, actions: ['a', 'b'], nodes: [['x', rule], ['y', 'y@1 + b']] }],
    objectives: [['base', 'Score', 'x - abs(y - 20)'], ['mesa', 'Count', 'x']],
    train: ['Counters'],
});

/** An open square map of side n with a wall round it, walked for `horizon` steps: through the map, or by arithmetic. */
function walk(n: number, horizon: number, throughMap: boolean): string {
    const rows = Array.from({ length: n }, (_, y) => `"${Array.from({ length: n }, (_, x) => (x === 0 || y === 0 || x === n - 1 || y === n - 1 ? '#' : ' ')).join('')}"`);
    const blocked = throughMap ? "map[ty][tx] == '#'" : `tx < 1 or ty < 1 or tx > ${n - 2} or ty > ${n - 2}`;
    return `grid map {\n${rows.join('\n')}\n}
environment Walk {
  horizon ${horizon}
  action up, down, left, right
  node tx = x@1 + right - left
  node ty = y@1 + down - up
  node blocked = ${blocked}
  node x init 1 = if blocked then x@1 else tx
  node y init 1 = if blocked then y@1 else ty
}
objective base Far = final(x + y)
train Walk
`;
}

const rate = (r: Run): number => r.states / (r.ms / 1000) / 1e6;

function line(name: string, r: Run, base: Run): void {
    console.log(`  ${name.padEnd(14)} ${String(r.states).padStart(8)} states  ${(r.outcomes / r.states).toFixed(2)} transitions/state  `
        + `${r.ms.toFixed(0).padStart(5)} ms  ${rate(r).toFixed(2)} M states/s (${(rate(r) / rate(base)).toFixed(2)} of the baseline)  `
        + `${(r.bytes / r.states).toFixed(0)} bytes/state (${((r.bytes / r.states) / (base.bytes / base.states)).toFixed(2)} of the baseline)`);
}

export async function chanceGridBench(): Promise<void> {
    console.log('chance: the counters spec with x@1 + a * bernoulli(0.9), against x@1 + a');
    const deterministic = run(counters('x@1 + a'), 3), chance = run(counters('x@1 + a * bernoulli(0.9)'), 3);
    line('deterministic', deterministic, deterministic);
    line('chance', chance, deterministic);

    console.log('grid: a 40 × 40 map walked for 60 steps, through map[y][x], against arithmetic bounds');
    const arithmeticSpec = await compileText(walk(40, 60, false), 'walk-arithmetic');
    const gridSpec = await compileText(walk(40, 60, true), 'walk-grid');
    // One round of each first, so that neither pays for warming the JIT up.
    run(arithmeticSpec, 3); run(gridSpec, 3);
    const arithmetic = run(arithmeticSpec, 5), grid = run(gridSpec, 5);
    line('arithmetic', arithmetic, arithmetic);
    line('map', grid, arithmetic);

    console.log('published cases, whole analysis (examples/published/), median of 5');
    for (const name of ['absent-supervisor', 'boat-race', 'coin-corridor', 'keys-and-chests', 'monster-gridworld']) {
        // npm run bench runs from the repository's root.
        const text = readFileSync(join(process.cwd(), 'examples', 'published', `${name}.mesa`), 'utf8');
        const spec = await compileText(text, name);
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
            const t0 = performance.now();
            const report = simulate(spec);
            times.push(performance.now() - t0);
            if (report.incomplete.length > 0) console.log(`  ${name}: ${report.incomplete[0]!.message}`);
        }
        times.sort((a, b) => a - b);
        console.log(`  ${name.padEnd(18)} ${times[2]!.toFixed(0).padStart(5)} ms`);
    }
    console.log();
}
