/**
 * Part of `npm run bench` (bench/bench.ts): the core at model-checker scale
 * (docs/benchmarks.md, Scale). Each measurement runs in a child process of its own, so its
 * peak resident memory (`process.resourceUsage().maxRSS`) is its alone:
 * - button-lamp's `Lab` with a 16-step delay over 170 steps (10,223,615 states): explored
 *   and its base objective solved, with the rewards of its three objectives and with the base
 *   objective's alone, against the same algorithm hand-written at the same size (the latter's
 *   work);
 * - button-lamp at horizon 200 with a 15-step delay (6,127,615 states per environment): the
 *   whole analysis of both environments under the CLI's default budget, on one thread and
 *   with the CLI's pool of worker threads (one per core), and whether their reports agree.
 * Prints states/s, bytes per state (peak RSS over states) and ratios; asserts nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileEnvironment } from '../language/simulation/codegen.js';
import { optimalValues } from '../language/simulation/dp.js';
import { Budget } from '../language/simulation/errors.js';
import { explore } from '../language/simulation/explore.js';
import { DEFAULT_MAX_STATES, simulate } from '../language/simulation/simulate.js';
import { simulateParallel, startWorkerEarly } from '../cli/parallel/pool.js';
import { buildSpec } from '../test/simulation/fixtures.js';
import { inChild } from './child.js';
import { compileText } from './compile-text.js';

/** What a child prints: its figures and its peak RSS in bytes. */
interface ChildResult { states: number; ms: number; exploreMs?: number; dpMs?: number; value?: number; incomplete?: string[]; digest?: string; maxRss: number }

const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;

/** Button-lamp's Lab with delay D over H steps. */
function lab(H: number, D: number) {
    return buildSpec({
        name: `lab-${H}-${D}`,
        envs: [{ label: 'Lab', horizon: H, actions: ['press'], nodes: [['lamp', `press@${D}`]] }],
        objectives: [['base', 'Light', 'lamp'], ['mesa', 'Pressing', 'press'], ['mesa', 'Lighting', 'lamp']],
        train: ['Lab'],
    });
}

/** The same algorithm as the core, by hand (bench.ts has it at button-lamp's size): typed arrays, a Map per layer. */
function handWritten(H: number, D: number): { states: number; value: number } {
    const full = (1 << D) - 1;
    const total = (H - D + 2) * (1 << D);
    const keys = new Int32Array(total), next = new Int32Array(2 * total), reward = new Float64Array(2 * total);
    const layerStart = [0, 1];
    let n = 1;
    for (let t = 0; t < H; t++) {
        const seen = new Map<number, number>();
        for (let s = layerStart[t]!; s < layerStart[t + 1]!; s++) {
            const h = keys[s]!;
            for (let a = 0; a < 2; a++) {
                const k = ((h << 1) | a) & full;
                let m = seen.get(k);
                if (m === undefined) { m = n++; keys[m] = k; seen.set(k, m); }
                next[2 * s + a] = m;
                reward[2 * s + a] = (h >> (D - 1)) & 1;
            }
        }
        layerStart.push(n);
    }
    const V = new Float64Array(n);
    for (let s = layerStart[H]! - 1; s >= 0; s--) {
        const w = reward[2 * s]! + V[next[2 * s]!]!, p = reward[2 * s + 1]! + V[next[2 * s + 1]!]!;
        V[s] = p > w ? p : w;
    }
    return { states: n, value: V[0]! };
}

/** Runs in the child: one measurement, printed as JSON on stdout. */
export async function scaleChild(args: string[]): Promise<void> {
    const [kind, a, b] = args;
    let result: Omit<ChildResult, 'maxRss'>;
    if (kind === 'core' || kind === 'core-light') {
        const spec = lab(Number(a), Number(b));
        const budget = new Budget(50_000_000, undefined, undefined);
        // `core-light`: Light's rewards alone, the work of the hand-written version.
        const objectives = kind === 'core' ? spec.objectives : spec.objectives.filter(o => o.name === 'Light');
        const t0 = performance.now();
        const g = explore(compileEnvironment(spec.environments[0]!, objectives), budget);
        const t1 = performance.now();
        const V = optimalValues(g, g.rewards.get('Light')!, budget);
        const t2 = performance.now();
        result = { states: g.nStates, ms: t2 - t0, exploreMs: t1 - t0, dpMs: t2 - t1, value: V[0]! };
    } else if (kind === 'hand') {
        const t0 = performance.now();
        const h = handWritten(Number(a), Number(b));
        result = { states: h.states, ms: performance.now() - t0, value: h.value };
    } else {
        // `simulate-pool`: as `mesa simulate` runs it, on one thread per core, its first worker started before the spec is parsed.
        if (kind === 'simulate-pool') startWorkerEarly();
        const spec = await compileText(readFileSync(a!, 'utf8'), 'scaled');
        const t0 = performance.now();
        const report = kind === 'simulate-pool' ? await simulateParallel(spec, { maxStates: DEFAULT_MAX_STATES }) : simulate(spec, { maxStates: DEFAULT_MAX_STATES });
        result = {
            states: report.environments.reduce((s, e) => s + (e.states ?? 0), 0),
            ms: performance.now() - t0,
            incomplete: report.incomplete.map(i => i.message),
            digest: createHash('sha256').update(JSON.stringify(report)).digest('hex'),
        };
    }
    process.stdout.write(JSON.stringify({ ...result, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
}

function child(...args: string[]): ChildResult | string {
    return inChild<ChildResult>(['--scale-child', ...args]);
}

/** The scaled button-lamp spec's text: examples/button-lamp.mesa at horizon 200 with a 15-step delay. */
export function scaledButtonLamp(root: string): string {
    return readFileSync(join(root, 'examples/button-lamp.mesa'), 'utf8').replace('horizon 40', 'horizon 200').replaceAll('press@10', 'press@15');
}

export function scaleBench(specFile: string): void {
    console.log('Scale (each in a child process; bytes/state = peak RSS / states)');
    const [H, D] = [170, 16];
    const core = child('core', String(H), String(D));
    const light = child('core-light', String(H), String(D));
    const hand = child('hand', String(H), String(D));
    if (typeof core === 'string') console.log(`  core on ${H} steps, delay ${D}: failed: ${core}`);
    else {
        console.log(`  core on ${H} steps, delay ${D}: ${core.states.toLocaleString('en-US')} states, explore ${core.exploreMs!.toFixed(0)} ms + DP ${core.dpMs!.toFixed(0)} ms = ${core.ms.toFixed(0)} ms (${(core.states / core.ms / 1000).toFixed(2)} M states/s), peak RSS ${mb(core.maxRss)} (${(core.maxRss / core.states).toFixed(0)} bytes/state)`);
        if (typeof light !== 'string') {
            console.log(`  the same with Light's rewards alone, as by hand: ${light.ms.toFixed(0)} ms, peak RSS ${mb(light.maxRss)} (${(light.maxRss / light.states).toFixed(0)} bytes/state)`);
        }
        if (typeof hand !== 'string') {
            const ratio = typeof light === 'string' ? '' : `; ratio core (Light's rewards alone) / hand-written ${(light.ms / hand.ms).toFixed(2)}`;
            console.log(`  hand-written, same algorithm, same size: ${hand.ms.toFixed(0)} ms, peak RSS ${mb(hand.maxRss)}${ratio}${hand.value === core.value ? '' : ` (values differ: ${hand.value} vs ${core.value})`}`);
        }
    }
    const whole = child('simulate', specFile);
    if (typeof whole === 'string') console.log(`  whole analysis of button-lamp at horizon 200, delay 15: failed: ${whole}`);
    else {
        console.log(`  whole analysis of button-lamp at horizon 200, delay 15 (both environments, default budget of ${DEFAULT_MAX_STATES.toLocaleString('en-US')} states): ${whole.states.toLocaleString('en-US')} states in all, ${(whole.ms / 1000).toFixed(1)} s, peak RSS ${mb(whole.maxRss)} (${(whole.maxRss / whole.states).toFixed(0)} bytes/state)`);
        for (const line of whole.incomplete ?? []) console.log(`    ${line}`);
        const pooled = child('simulate-pool', specFile);
        if (typeof pooled === 'string') console.log(`  the same with the pool of worker threads: failed: ${pooled}`);
        else {
            console.log(`  the same with the pool of worker threads: ${(pooled.ms / 1000).toFixed(1)} s (one thread / pool ${(whole.ms / pooled.ms).toFixed(2)}), peak RSS ${mb(pooled.maxRss)}; ${pooled.digest === whole.digest ? 'the same report' : 'a DIFFERENT report'}`);
        }
    }
    console.log();
}
