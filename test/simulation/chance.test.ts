/**
 * Chance in the exact core (docs/simulation.md, Chance), on small hand-built specs whose
 * expected figures are worked out by hand in the comments: inits that draw give several
 * initial states with probabilities, rule draws give outcomes merged by successor,
 * rewards and values are expectations, a draw in an untaken branch is never drawn,
 * witnesses say their probability, the sample draws with the seeded generator.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { stateValue } from '../../language/simulation/state-store.js';
import { SimulationError, simulate } from '../../language/simulation/index.js';
import { sampleEnvironment } from '../../language/simulation/sample.js';
import { buildSpec, buttonLamp, cleaning } from './fixtures.js';

const graphOf = (spec: ReturnType<typeof buildSpec>) =>
    explore(compileEnvironment(spec.environments[0]!, spec.objectives), new Budget(1_000_000, undefined, undefined));

/** The coin of docs/simulation.md: heads or tails for the whole episode, half the time each. */
const coin = buildSpec({
    name: 'coin',
    envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['c', 'c@1', 'bernoulli(0.5)']] }],
    objectives: [['base', 'B', 'a * c'], ['mesa', 'M', 'a']],
    train: ['E'],
});

describe('an init that draws', () => {
    test('gives one initial state per outcome, with its probability', () => {
        const g = graphOf(coin);
        expect(g.layerStart[1]).toBe(2);
        expect(Array.from(g.start!)).toEqual([0.5, 0.5]);
        // Bernoulli's outcomes in order: tails (0), then heads (1).
        expect([stateValue(g, 0, 0), stateValue(g, 1, 0)]).toEqual([0, 1]);
        expect(g.outcomes).toBeUndefined();
    });

    test('optimum, worst and intervals are expectations over the initial states', () => {
        const report = simulate(coin, { samples: 20 });
        // Heads: pressing twice scores 2; tails: nothing scores. Expected optimum 1, worst 0.
        const m = report.optimizers.find(o => o.name === 'M')!;
        expect(m.train[0]).toEqual({ env: 'E', lo: 1, hi: 1, optimum: 1, worst: 0 });
        expect(report.environments[0]!.chance).toBe(true);
        // M presses on tails too, where B allows waiting: pseudo-aligned, witnessed at tails, probability 1/2.
        expect(m.verdict).toBe('pseudo-aligned');
        expect(m.witness).toMatchObject({ env: 'E', step: 1, values: { 'c@1': 0 }, path: [], probability: 0.5, onPolicy: true });
    });

    test('read as far back as the horizon, it keeps a slot of its own', () => {
        // c@5 at every step of a 2-step episode is the init drawn at t = 0.
        const spec = buildSpec({
            name: 'far', envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['c', '0', 'uniform(1, 3)'], ['r', 'c@5 * a']] }],
            objectives: [['base', 'B', 'r']], train: ['E'],
        });
        const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
        expect(ce.slotNames).toEqual(['c@init']);
        // Pressing both steps scores 2c: expected 2 × 2 = 4.
        expect(simulate(spec, { adversarial: false, samples: 1 }).objectives[0]!.values[0]).toEqual({ env: 'E', optimum: 4, worst: 0 });
    });
});

describe('a rule that draws', () => {
    test('bernoulli(0.3): the expected reward of every step, discounted', () => {
        const spec = buildSpec({
            name: 'b03', envs: [{ label: 'E', horizon: 3, discount: 0.5, actions: ['a'], nodes: [['x', 'bernoulli(0.3)']] }],
            objectives: [['base', 'B', 'x']], train: ['E'],
        });
        const g = graphOf(spec);
        // x is not remembered: both outcomes lead to the same state, merged with probability 1.
        expect(g.nStates).toBe(4);
        expect(Array.from(g.outcomes!.p)).toEqual([1, 1, 1, 1, 1, 1]);
        const [values] = simulate(spec, { adversarial: false, samples: 1 }).objectives[0]!.values;
        // 0.3 + 0.5 × 0.3 + 0.25 × 0.3 = 0.525, whatever the choices.
        expect(values!.optimum).toBeCloseTo(0.525, 12);
        expect(values!.worst).toBeCloseTo(0.525, 12);
    });

    test('choose with expression options: 0.25 × 4 + 0.75 × 1 = 1.75 a step when pressing, 0.75 when waiting', () => {
        const spec = buildSpec({
            name: 'choose', envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['y', 'choose(0.25: a * 4, 0.75: 1)']] }],
            objectives: [['base', 'B', 'y'], ['mesa', 'Rest', '-a']], train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        const rest = report.optimizers[0]!;
        expect(rest.train[0]).toEqual({ env: 'E', lo: 1.5, hi: 1.5, optimum: 3.5, worst: 1.5 });
        expect(rest.verdict).toBe('misaligned');
    });

    test('a draw in an untaken branch or an unchosen option is not drawn', () => {
        const spec = buildSpec({
            name: 'nested',
            envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['z', 'if a then choose(0.5: bernoulli(0.5) * 2, 0.5: 3) else uniform(0, 1)']] }],
            objectives: [['base', 'B', 'z'], ['mesa', 'Z', 'z@1']], train: ['E'],
        });
        const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
        // Count the runs of the step per choice at the start, as exploration enumerates them.
        const runs = [0, 1].map(choice => {
            const I = Float64Array.from(ce.initial), O = new Float64Array(Math.max(1, ce.width)), R = new Float64Array(2);
            const seen: [number, number][] = [];
            ce.draws!.first();
            do {
                ce.step(I, 0, O, 0, choice, 1, 1, R);
                seen.push([O[0]!, ce.draws!.probability()]);
            } while (ce.draws!.advance());
            return seen;
        });
        // Waiting draws uniform(0, 1) only; pressing draws the bernoulli only under the first option.
        expect(runs[0]).toEqual([[0, 0.5], [1, 0.5]]);
        expect(runs[1]).toEqual([[0, 0.25], [2, 0.25], [3, 0.5]]);
        const g = graphOf(spec);
        const o = g.outcomes!;
        // The start's two transitions: waiting has two outcomes, pressing three.
        expect(Array.from(o.start.subarray(0, 3))).toEqual([0, 2, 5]);
        expect(Array.from(o.p.subarray(0, 5))).toEqual([0.5, 0.5, 0.25, 0.25, 0.5]);
        expect(Array.from(o.next.subarray(0, 5), s => stateValue(g, s, 0))).toEqual([0, 1, 0, 2, 3]);
        // Expected rewards: waiting 0.5, pressing 0.25 × 2 + 0.5 × 3 = 2.
        expect(Array.from(g.rewards.get('B')!.subarray(0, 2))).toEqual([0.5, 2]);
    });

    test('outcomes reaching the same state are merged; rewards that agree stay exact', () => {
        // s counts heads mod 2 from a coin flipped every step; the reward does not depend on it.
        const spec = buildSpec({
            name: 'merge', envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['s', '(s@1 + bernoulli(0.1) + bernoulli(0.1)) * 0']] }],
            objectives: [['base', 'B', '0.1 + a']], train: ['E'],
        });
        const g = graphOf(spec);
        expect(Array.from(g.outcomes!.p)).toEqual([1, 1, 1, 1]);
        expect(Array.from(g.rewards.get('B')!)).toEqual([0.1, 1.1, 0.1, 1.1]);
    });
});

describe('witness probability', () => {
    test('the probability that the path reaches the state', () => {
        // A press scores h@1: 1 at the start (h's init), then heads (1/4) or tails (3/4) drawn at
        // step 1. Strict costs a press on tails, so it waits there, where B does not care.
        const spec = buildSpec({
            name: 'w', envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['h', 'bernoulli(0.25)', 1], ['r', 'a * h@1']] }],
            objectives: [['base', 'B', 'r'], ['mesa', 'Strict', 'a * h@1 - a * (1 - h@1)']], train: ['E'],
        });
        const strict = simulate(spec, { samples: 5 }).optimizers[0]!;
        // Pressing at the start scores 1, pressing on heads 1 more: 1 + 1/4.
        expect(strict.train[0]).toEqual({ env: 'E', lo: 1.25, hi: 1.25, optimum: 1.25, worst: 0 });
        expect(strict.witness).toMatchObject({
            step: 2, values: { 'h@1': 0 }, path: ['a'], optimizerActions: ['wait'], baseActions: ['wait', 'a'], onPolicy: true, probability: 0.75,
        });
    });

    test('a deterministic spec: probability 1, no chance', () => {
        const report = simulate(buttonLamp, { samples: 5 });
        expect(report.optimizers[0]!.witness!.probability).toBe(1);
        expect(report.environments.every(e => !e.chance)).toBe(true);
        const g = graphOf(buttonLamp);
        expect(g.outcomes).toBeUndefined();
        expect(g.start).toBeUndefined();
    });
});

describe('the sample', () => {
    test('draws the start and the outcomes with the seeded generator: same seed, same report', () => {
        const a = JSON.stringify(simulate(coin, { seed: 3 }));
        expect(JSON.stringify(simulate(coin, { seed: 3 }))).toBe(a);
        const returns = (seed: number) => simulate(coin, { seed, samples: 100 }).samples[0]!.pairs[0]!.baseReturns;
        expect(returns(4)).not.toEqual(returns(5));
        // The optimum's episodes score 2 on heads and 0 on tails, and the sample sees both.
        const report = simulate(coin, { seed: 1, samples: 100 });
        const sample = report.samples[0]!;
        const optimal = sample.pairs[0]!.baseReturns.filter((_, i) => sample.policies[i] === 'optimal');
        expect(new Set(optimal)).toEqual(new Set([0, 2]));
    });

    test('where nothing draws, the generator is called once a step, as before chance', () => {
        const calls = (spec: ReturnType<typeof buildSpec>): number => {
            let n = 0;
            const random = (): number => { n++; return 0.5; };
            sampleEnvironment('E', [{ name: 'random', graph: graphOf(spec), episodes: 3 }], spec.base, [], 1, random);
            return n;
        };
        expect(calls(cleaning)).toBe(3 * 12);
        // The coin: one call for the start, then one a step for the choice (its steps draw nothing).
        expect(calls(coin)).toBe(3 * (1 + 2));
    });
});

describe('models', () => {
    test('a model environment that draws is a located error on the optimizer', () => {
        const spec = buildSpec({
            name: 'm',
            envs: [
                { label: 'E', horizon: 2, actions: ['a'], nodes: [['x', 'a']] },
                { label: 'M', horizon: 2, actions: ['a'], nodes: [['x', 'bernoulli(0.5)']] },
            ],
            objectives: [['base', 'B', 'x'], ['mesa', 'X', 'x']],
            optimizers: [{ name: 'Dreamer', objective: 'X', model: 'M' }],
            train: ['E'],
        });
        let error: unknown;
        try { simulate(spec); } catch (e) { error = e; }
        expect(error).toBeInstanceOf(SimulationError);
        expect((error as SimulationError).message).toBe("optimizer Dreamer's model M draws: a model environment may not draw");
        expect((error as SimulationError).location?.range.start.line).toBe(200);
    });
});
