/**
 * The checks on an optimizer's `range` (docs/language.md, Optimizers): a whole number of
 * bits ≥ 1, given at most once; an optimizer needs an objective or a range. And what the
 * compiler makes of it.
 */
import { describe, expect, test } from 'vitest';
import { compiled, diagnostics, marked } from '../helpers/services.js';

const SPEC = `environment E { horizon 3 action a node x = a }\nobjective base B = x\nobjective mesa M = a\ntrain E\n`;

async function errors(source: string) {
    const { text, ranges } = marked(source);
    const found = (await diagnostics(text)).filter(d => d.severity === 1);
    return { found, ranges };
}

describe('range checks', () => {
    test.each([
        ['0', '0'], ['a fraction', '2.5'], ['a negative number', '-3'],
    ])('a range of %s is an invalid-optimizer error on the value', async (_, value) => {
        const { found, ranges } = await errors(`${SPEC}optimizer O { range <|${value}|> }`);
        expect(found.map(d => [d.code, d.message])).toEqual([
            ['invalid-optimizer', `Range ${value} of optimizer 'O' is not a whole number of bits ≥ 1: it is the length of the longest objective the optimizer can represent.`],
        ]);
        expect(found[0]!.range).toEqual(ranges[0]);
    });

    test('a range given twice', async () => {
        const { found, ranges } = await errors(`${SPEC}optimizer O { range 4 <|range|> 5 }`);
        expect(found.map(d => [d.code, d.message])).toEqual([['invalid-optimizer', "Optimizer 'O' sets 'range' more than once."]]);
        expect(found[0]!.range).toEqual(ranges[0]);
    });

    test('an optimizer with neither an objective nor a range', async () => {
        const { found, ranges } = await errors(`${SPEC}optimizer <|O|> { depth 2 }`);
        expect(found.map(d => [d.code, d.message])).toEqual([
            ['invalid-optimizer', "Optimizer 'O' has no objective: add `objective Name`, or `range BITS` for an optimizer that learns the best objective it can represent."],
        ]);
        expect(found[0]!.range).toEqual(ranges[0]);
    });

    test.each([
        ['a range alone', 'range 4'],
        ['an objective and a range', 'objective M  range 20'],
        ['a range with a depth and a model', 'range 8  depth 2  model E'],
    ])('%s is well formed', async (_, settings) => {
        expect((await errors(`${SPEC}optimizer O { ${settings} }`)).found).toEqual([]);
    });
});

describe('compiled', () => {
    test('range and objective as declared; no objective is the empty name the core fills in', async () => {
        const spec = await compiled(`${SPEC}optimizer Learner { range 8 }\noptimizer Bounded { objective M  range 20 }\noptimizer Plain { objective M }`);
        expect(spec.optimizers.map(o => [o.name, o.objective, o.range])).toEqual([
            ['Learner', '', 8], ['Bounded', 'M', 20], ['Plain', 'M', undefined],
        ]);
    });
});
