/**
 * Property test of exploration over the state store (docs/simulation.md, Exploration): on
 * many small random specs (1–2 actions, 1–3 nodes, delays 1–3, horizon 2–5, constants
 * that are small integers, fractions, negatives and large values; a third of them drawing
 * in their rules and inits), `explore` gives the same graph as the straightforward
 * reference explorer (reference-explorer.ts): states, layers, transitions, rewards,
 * outcomes and initial probabilities, and every state's values.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { stateValues } from '../../language/simulation/state-store.js';
import { buildSpec } from './fixtures.js';
import { referenceGraph } from './reference-explorer.js';
import { expression as anyExpression, generator, type ExpressionShape, type Gen } from './random-expressions.js';

const CONSTANTS = ['0', '1', '2', '3', '0.5', '(-1.5)', '0.1', '(-4)', '1500', '(-3000.25)', '1e6'];

/** Integers, fractions, negatives and large values; reads back 1–3 steps. */
const SHAPE: ExpressionShape = { constant: g => g.pick(CONSTANTS), maxDelay: 3, uniformHigh: 2, clamp: true };

const expression = (g: Gen, now: string[], past: string[], depth: number, chance: boolean): string =>
    anyExpression(g, SHAPE, now, past, depth, chance);


function randomSpec(seed: number) {
    const g = generator(seed);
    const chance = seed % 3 === 0;
    const actions = ['a', 'b'].slice(0, g.int(1, 2));
    const nodes = ['x', 'y', 'z'].slice(0, g.int(1, 3));
    const horizon = chance ? g.int(2, 3) : g.int(2, 5);
    const all = [...actions, ...nodes];
    const inits = nodes.map(() => (chance && g.int(0, 2) === 0 ? g.pick(['bernoulli(0.5)', 'uniform(-1, 1)']) : g.pick([0, 1, -2, 0.5])));
    return buildSpec({
        name: `store-${seed}`,
        envs: [{
            label: 'E', horizon, discount: g.pick([1, 0.5]), actions,
            nodes: nodes.map((n, i) => [n, expression(g, [...actions, ...nodes.slice(0, i)], all, 2, chance), inits[i]!]),
        }],
        objectives: [['base', 'B', expression(g, all, all, 2, false)], ['mesa', 'M', expression(g, all, all, 2, false)]],
        train: ['E'],
    });
}

describe('exploration over the state store', () => {
    test('gives the graph of the reference explorer on 300 random specs', () => {
        let compared = 0, drawing = 0;
        for (let seed = 1; seed <= 300; seed++) {
            const spec = randomSpec(seed);
            const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
            let g: ReturnType<typeof explore>;
            try {
                g = explore(ce, new Budget(1e6, undefined, undefined));
            } catch (e) {
                // A value that overflows stops both explorers alike.
                expect(() => referenceGraph(ce), `seed ${seed}`).toThrow((e as Error).message);
                continue;
            }
            const ref = referenceGraph(ce);
            const at = `seed ${seed}`;
            expect(g.nStates, at).toBe(ref.nStates);
            expect(Array.from(g.layerStart), at).toEqual(ref.layerStart);
            expect(Array.from(g.next), at).toEqual(ref.next);
            expect(Array.from(stateValues(g)), at).toEqual(ref.values);
            for (const [name, r] of g.rewards) expect(Array.from(r), `${at} ${name}`).toEqual(ref.rewards.get(name));
            expect(g.start && Array.from(g.start), at).toEqual(ref.start);
            expect(g.outcomes && {
                start: Array.from(g.outcomes.start), next: Array.from(g.outcomes.next), p: Array.from(g.outcomes.p),
            }, at).toEqual(ref.outcomes);
            compared++;
            if (g.outcomes || g.start) drawing++;
        }
        expect(compared).toBeGreaterThan(250);
        expect(drawing).toBeGreaterThan(40);
    });
});
