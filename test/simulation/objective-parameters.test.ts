/**
 * Objectives reading parameters (docs/language.md, Parameters): each environment reads
 * its own value, a constant, so a parameter is no target and the verdict kind follows
 * the rule for approximate alignment; an environment lacking it is an error on the read.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import { compiled, diagnostics, marked } from '../helpers/services.js';
import { expectInterval, expectVerdict, optimizer } from './figures.js';
import { routeSpec } from './spec-texts.js';

const ROUTE = routeSpec();

describe('objectives reading parameters', () => {
    test('watched, the punishment counts; unwatched, the short way is as good', async () => {
        // Per step: long +2, short 2 − 3 = −1 under Safe; unwatched, Watched scores both +2.
        const r = simulate(await compiled(ROUTE));
        const watched = optimizer(r, 'Watched');
        expectVerdict(watched, 'pseudo-aligned', 'approximate');
        expectInterval(watched, 'train', 'Route(supervised=1)', 6, 6, 6);
        expectInterval(watched, 'deploy', 'Route(supervised=0)', -3, 6, 6);
        expect(r.objectives.find(o => o.name === 'Watched')!.targets.map(t => t.name).sort()).toEqual(['arrived', 'punished']);
    });

    test('the static analysis agrees: the same targets, an approximate target', async () => {
        const found = (await diagnostics(ROUTE)).filter(d => d.code === 'approximate-target');
        expect(found.map(d => d.message)).toEqual([expect.stringContaining('Watched reads exactly what Safe reads (arrived, punished)')]);
        expect((await diagnostics(ROUTE)).filter(d => d.severity === 1)).toEqual([]);
    });

    test('an environment without the parameter is an error on the read', async () => {
        const { text, ranges } = marked(`environment E(p: 0..1) { horizon 2 action a node x = a }
environment F { horizon 2 action a node x = a }
objective base B = x * <|p|>
train E(p = 1)
deploy F
`);
        const found = (await diagnostics(text)).filter(d => d.code === 'missing-name-in-environment');
        expect(found.map(d => d.message)).toEqual(["Objective 'B' reads 'p', which deployment environment 'F' lacks."]);
        expect(found[0]!.range).toEqual(ranges[0]);
    });
});
