/**
 * Random small specs for the tests of identifiability by data source and EPIC distance:
 * one or two actions, one or two nodes, horizon 2–4 (2–3 with chance), small integer rules
 * with delays 1–2, two training environments E and F that differ in one rule (F weighing 0
 * one time in four), and a base objective with three mesa objectives: a random one, a
 * positive affine image of the base objective (so that "not told apart" occurs), and the
 * base objective's body at the last step only. A depth-1 optimizer of the random one too.
 */
import type { CompiledSpec } from '../../language/model/spec.js';
import type { StateGraph } from '../../language/simulation/state-graph.js';
import { buildSpec, type EnvDef } from './fixtures.js';
import { expression as anyExpression, generator, type ExpressionShape, type Gen } from './random-expressions.js';

/** Small integer constants, reads back 1–2 steps. */
const SHAPE: ExpressionShape = { constant: g => String(g.int(0, 2)), maxDelay: 2, uniformHigh: 1, clamp: false };

const expression = (g: Gen, now: string[], past: string[], depth: number, chance: boolean): string =>
    anyExpression(g, SHAPE, now, past, depth, chance);


export function randomDataSpec(seed: number, chance: boolean): CompiledSpec {
    const g = generator(seed);
    const actions = ['a', 'b'].slice(0, g.int(1, 2));
    const nodes = ['x', 'y'].slice(0, g.int(1, 2));
    const horizon = chance ? g.int(2, 3) : g.int(2, 4);
    const discount = g.pick([1, 1, 0.5]);
    const all = [...actions, ...nodes];
    const rule = (i: number): string => expression(g, [...actions, ...nodes.slice(0, i)], all, 2, chance);
    const rules = nodes.map((_, i) => rule(i));
    const inits = nodes.map(() => (chance && g.int(0, 2) === 0 ? g.pick(['bernoulli(0.5)', 'uniform(-1, 1)']) : g.int(0, 2)));
    const changed = g.int(0, nodes.length - 1);
    const env = (label: string, rs: string[]): EnvDef => ({
        label, horizon, discount, actions, nodes: nodes.map((n, i) => [n, rs[i]!, inits[i]!]),
    });
    const body = (): string => expression(g, all, all, 2, false);
    const baseBody = body();
    const baseFinal = g.int(0, 4) === 0;
    const wrap = (b: string, final: boolean): string => (final ? `final(${b})` : b);
    return buildSpec({
        name: `data-${chance ? 'chance-' : ''}${seed}`,
        envs: [env('E', rules), env('F', rules.map((r, i) => (i === changed ? rule(i) : r)))],
        objectives: [
            ['base', 'Base', wrap(baseBody, baseFinal)],
            ['mesa', 'Random', wrap(body(), g.int(0, 3) === 0)],
            ['mesa', 'Image', wrap(`${g.pick([1, 2, 3])} * (${baseBody}) + ${g.int(-2, 2)}`, baseFinal)],
            ['mesa', 'Last', `final(${baseBody})`],
        ],
        optimizers: [{ name: 'Shallow', objective: 'Random', depth: 1 }],
        train: ['E', 'F'],
        weights: g.int(0, 3) === 0 ? { train: [1, 0] } : undefined,
        deploy: ['F'],
    });
}

/** Random rewards: small integers, near ties inside and just outside the tolerance, and (with `huge`) sums that overflow. */
export function randomRewards(g: StateGraph, seed: number, huge: boolean): Float64Array {
    const r = generator(seed).next, R = new Float64Array(g.layerStart[g.horizon]! * g.nChoices);
    for (let i = 0; i < R.length; i++) {
        const k = r();
        R[i] = huge && k < 0.15 ? 1e308 : k < 0.4 ? Math.floor(r() * 3) : k < 0.6 ? 1 + 1e-10 : k < 0.8 ? 1 + 3e-9 : -r();
    }
    return R;
}
