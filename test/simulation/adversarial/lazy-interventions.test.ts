/**
 * Interventions on a large environment under budgets (docs/simulation.md, Distinguishing
 * environments; Budgets): listing them copies nothing; each derived environment is built
 * when it is explored, after a look at the clock, so time running out stops the search
 * before the next one is built. Counted by reads of the training environment's nodes:
 * building a derived environment reads them, listing does not.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledEnvironment } from '../../../language/model/spec.js';
import { distinguish } from '../../../language/simulation/adversarial/distinguish.js';
import { interventions } from '../../../language/simulation/adversarial/interventions.js';
import { Context } from '../../../language/simulation/context.js';
import { Budget, BudgetExceeded } from '../../../language/simulation/errors.js';
import { simulate } from '../../../language/simulation/index.js';
import { buildSpec } from '../fixtures.js';

const N = 300;

/** A chain n0 = a, n_i = n_(i−1), over three steps (four states); M is pseudo-aligned. */
const chain = buildSpec({
    name: 'chain',
    envs: [{ label: 'E', horizon: 3, actions: ['a'], nodes: Array.from({ length: N }, (_, i): [string, string] => [`n${i}`, i === 0 ? 'a' : `n${i - 1}`]) }],
    objectives: [['base', 'B', `final(n${N - 1})`], ['mesa', 'M', `n${N - 1}`]],
    train: ['E'],
});

/** The environment with every read of its node list counted. */
function counted(env: CompiledEnvironment): { env: CompiledEnvironment; reads: () => number } {
    let reads = 0;
    const nodes = env.nodes;
    const copy = { ...env };
    Object.defineProperty(copy, 'nodes', { get: () => { reads++; return nodes; }, enumerable: true });
    return { env: copy, reads: () => reads };
}

describe(`a chain of ${N} nodes`, () => {
    test('listing its interventions builds none of them', () => {
        const { env, reads } = counted(chain.environments[0]!);
        const all = interventions(env);
        expect(all).toHaveLength(2 * N + 1);
        expect(all[0]!.description).toBe('adds action raise_n0, which raises n0 by 1 for a step');
        expect(all[N]!.description).toBe('cuts a in n0');
        expect(all[2 * N]!.description).toBe('doubles the horizon (3 → 6)');
        expect(reads()).toBeLessThanOrEqual(3);
        // Reading one derived environment builds that one only.
        const before = reads();
        const derived = all[N + 1]!.env;
        expect(derived.nodes[1]!.rule).toEqual({ kind: 'const', value: 0 });
        expect(reads() - before).toBeLessThanOrEqual(4);
    });

    test('with the time up, the search stops before building a derived environment', () => {
        let now = 0;
        const { env, reads } = counted(chain.environments[0]!);
        const spec = { ...chain, environments: [env] };
        const ctx = new Context(spec, new Budget(200_000, 2_000, undefined, () => now));
        ctx.graph('E');
        now = 5_000;
        const before = reads();
        let thrown: unknown;
        try { distinguish(ctx, [{ declared: 'M' }], ['a', ...env.nodes.map(n => n.name)]); } catch (e) { thrown = e; }
        expect(thrown).toBeInstanceOf(BudgetExceeded);
        expect((thrown as BudgetExceeded).budget).toBe('time');
        expect(reads() - before).toBeLessThanOrEqual(3);
    });

    test('under a time budget that runs out while distinguishing, the report names it', () => {
        let t = 0;
        const report = simulate(chain, { maxStates: 200_000, timeBudgetMs: 2_000, clock: () => (t += 50) });
        expect(report.optimizers.map(o => [o.name, o.verdict])).toEqual([['M', 'pseudo-aligned']]);
        expect(report.incomplete.map(i => [i.budget, i.limit])).toEqual([['time', 2_000]]);
        // The sample was taken: the budget ran out later, in the adversarial analysis.
        expect(report.samples).toHaveLength(1);
        expect(report.distinguishing.computed).toBe(false);
    });
});
