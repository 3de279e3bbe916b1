/**
 * The work of the distinguishing search, counted rather than timed (docs/simulation.md,
 * Distinguishing environments): each derived environment's step source is generated once
 * and explored once, the names' values read off that exploration; and the values read so
 * are the values a replay of an explored graph gives, bit for bit, chance included.
 */
import { describe, expect, test, vi } from 'vitest';
import { adversarialAnalysis } from '../../../language/simulation/adversarial/index.js';
import { exploredValues, nameObjectives, nameValues } from '../../../language/simulation/adversarial/values.js';
import { compileEnvironment } from '../../../language/simulation/codegen.js';
import { Context } from '../../../language/simulation/context.js';
import { Budget } from '../../../language/simulation/errors.js';
import { explore } from '../../../language/simulation/explore.js';
import { stepsGenerated } from '../../../language/simulation/step-source.js';
import { compiled } from '../../helpers/services.js';

vi.mock('../../../language/simulation/explore.js', async importOriginal => {
    const real = await importOriginal<{ explore: typeof explore }>();
    return { ...real, explore: vi.fn(real.explore) };
});

/** A three-node chain; in deployment b also lights n1, so a and n0 fit training without being robust. */
const CHAIN = `environment E {
  horizon 2
  action a
  node n0 = a
  node n1 = n0
  node n2 = n1
}
environment F extends E {
  action b
  node n1 = a + b
}
objective base B = n2
train E
deploy F
`;

describe('a derived environment', () => {
    test('is generated once and explored once', async () => {
        const spec = await compiled(CHAIN);
        const ctx = new Context(spec, new Budget(1_000_000, undefined, undefined));
        ctx.graph('E');
        ctx.graph('F');
        const explored = vi.mocked(explore).mock.calls.length, generated = stepsGenerated();
        const result = adversarialAnalysis(ctx, []);
        // By hand: F makes nothing misfit (a still reaches the optimum there). The 7 single
        // interventions on E (raise n0, n1, n2; cut a, n0, n1 in the next node; the horizon
        // doubled) make nothing misfit either; the pairs, in order, until the first that
        // rules out both: (raise n0, raise n1), (raise n0, raise n2), (raise n0, cut a in n0)
        // (rules out a only), (raise n0, cut n0 in n1), (raise n0, cut n1 in n2), (raise n0,
        // horizon), (raise n1, raise n2), (raise n1, cut a in n0) (a only), (raise n1, cut n0
        // in n1): 9 pairs, 16 derived environments in all.
        expect(result.distinguishing.environments.map(e => [e.intervention, e.rulesOut])).toEqual([
            ['adds action raise_n1, which raises n1 by 1 for a step, and cuts n0 in n1', ['a', 'n0']],
        ]);
        expect(vi.mocked(explore).mock.calls.length - explored).toBe(16);
        // One generation each, and one for each of E and F replayed for the names' values.
        expect(stepsGenerated() - generated).toBe(16 + 2);
    });
});

describe("names' values", () => {
    test('read off an exploration equal a replay, with three outcomes to a draw', async () => {
        const spec = await compiled(`environment E {
  horizon 3
  discount 0.9
  action a
  node w = uniform(0, 2)
  node x = x@1 + a * w
  node y = 0.3 * x - 0.7 * w
}
objective base B = y
train E
`);
        const env = spec.environments[0]!;
        const names = ['a', 'w', 'x', 'y'];
        const carried = explore(compileEnvironment(env, [...spec.objectives, ...nameObjectives(env, names)]), new Budget(1e6, undefined, undefined));
        const plain = explore(compileEnvironment(env, spec.objectives), new Budget(1e6, undefined, undefined));
        const fromExploring = exploredValues(carried, names);
        const fromReplaying = nameValues(env, plain, spec.objectives, names, new Budget(1e6, undefined, undefined));
        expect(carried.nStates).toBe(plain.nStates);
        for (const n of names) expect([...fromExploring.get(n)!].map(v => Object.is(v, -0) ? 'neg0' : v), n).toEqual([...fromReplaying.get(n)!].map(v => Object.is(v, -0) ? 'neg0' : v));
        // w's expectation is 1 on every transition; undiscounted although the environment discounts.
        expect(new Set(fromExploring.get('w'))).toEqual(new Set([1]));
    });
});
