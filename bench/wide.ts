/**
 * `npm run bench`, wide-spec section: the 2,000-line generated spec (one environment
 * of about 2,000 nodes, states about 1,650 values wide) under the editor's budgets
 * (200,000 states, 2 s): wall time until `simulate` returns and the budget it names,
 * how promptly a cancellation stops it, and exploration throughput (states and steps
 * per second, cold and warm) with the state cap alone.
 */
import { EmptyFileSystem } from 'langium';
import { loadSpecText } from '../language/compile/load.js';
import { createMesaServices } from '../language/mesa-module.js';
import type { CompiledSpec } from '../language/model/spec.js';
import { compileEnvironment } from '../language/simulation/codegen.js';
import { Budget, BudgetExceeded } from '../language/simulation/errors.js';
import { explore } from '../language/simulation/explore.js';
import { simulate } from '../language/simulation/index.js';
import { largeSpec } from './generated-spec.js';

const EDITOR = { maxStates: 200_000, timeBudgetMs: 2_000 };

async function compiledLargeSpec(): Promise<CompiledSpec> {
    const loaded = await loadSpecText(createMesaServices(EmptyFileSystem).Mesa, largeSpec(2_000));
    if (!loaded.spec) throw new Error('the generated spec does not compile');
    return loaded.spec;
}

/** Explores until `cap` states are found; returns states found, steps taken and ms. */
function throughput(spec: CompiledSpec, cap: number): { states: number; steps: number; ms: number } {
    const t0 = performance.now();
    const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
    let steps = 0;
    const step = ce.step;
    const budget = new Budget(cap, undefined, undefined);
    let states = 0;
    try {
        states = explore({ ...ce, step: (...a) => { steps++; step(...a); } }, budget).nStates;
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        states = cap;
    }
    return { states, steps, ms: performance.now() - t0 };
}

export async function wideBench(): Promise<void> {
    const spec = await compiledLargeSpec();
    const env = spec.environments[0]!;
    const ce = compileEnvironment(env, spec.objectives);
    console.log(`wide spec (2,000 lines): ${env.nodes.length} nodes, states ${ce.width} values wide`);
    for (const [label, options] of [['editor budgets, 1st run', EDITOR], ['editor budgets, 2nd run', EDITOR], ['500 ms budget', { ...EDITOR, timeBudgetMs: 500 }]] as const) {
        const t0 = performance.now();
        const report = simulate(spec, options);
        const ms = performance.now() - t0;
        const budgets = report.incomplete.map(i => `${i.budget}${i.budget === 'time' ? ` ${i.limit} ms` : ''}`).join(', ') || 'complete';
        console.log(`  ${label.padEnd(24)} returned after ${ms.toFixed(0).padStart(5)} ms (budget ${options.timeBudgetMs} ms; ${budgets})`);
    }
    const cancelAfter = 300;
    const t0 = performance.now();
    let flipped = 0;
    const signal = { get cancelled(): boolean { const late = performance.now() - t0 > cancelAfter; if (late && !flipped) flipped = performance.now(); return late; } };
    simulate(spec, { ...EDITOR, signal });
    console.log(`  cancelled at ${cancelAfter} ms: returned ${(performance.now() - t0 - cancelAfter).toFixed(0)} ms after the cancellation`);
    for (const run of ['cold', 'warm']) {
        const r = throughput(spec, 20_000);
        console.log(`  explore to ${r.states} states (${run}, incl. compile): ${r.ms.toFixed(0)} ms, ${(r.states / (r.ms / 1000)).toFixed(0)} states/s, ${(r.steps / (r.ms / 1000)).toFixed(0)} steps/s`);
    }
}
