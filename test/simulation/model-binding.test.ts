/**
 * A parameterised `model` environment is bound, in each environment the optimizer acts
 * in, to that environment's values of the parameters of the same name (docs/language.md,
 * Training and deployment; docs/simulation.md, Optimizers): an optimizer whose model is
 * its own environment plans in the environment it acts in.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import { compiled } from '../helpers/services.js';

const own = `environment E(q: 0..1) {
  horizon 1
  action go
  node z = go * q
}
objective base B = z
objective mesa O = z
optimizer P { objective O  model E }
`;

describe('model binding', () => {
    test('model E in E(q=1) plans in E(q=1): robust, [1, 1] of 1', async () => {
        const spec = await compiled(`${own}train E(q = 1)\n`);
        expect(spec.optimizers[0]).toMatchObject({ name: 'P', model: 'E(q=1)' });
        expect(spec.environments.map(e => e.label)).toEqual(['E(q=1)']);
        const report = simulate(spec);
        const p = report.optimizers.find(o => o.name === 'P')!;
        expect(p.train[0]).toEqual({ env: 'E(q=1)', lo: 1, hi: 1, optimum: 1, worst: 0 });
        expect(p.verdict).toBe('robust');
        expect(p.kind).toBeNull();
        expect(p.model).toBe('E(q=1)');
        expect(report.environments.map(e => [e.label, e.roles])).toEqual([['E(q=1)', ['train', 'model']]]);
    });

    test('over several bindings the model follows each one; the report names the declared environment', async () => {
        const spec = await compiled(`${own}train E(q in 0..1)\n`);
        expect(spec.optimizers[0]).toMatchObject({ model: 'E', models: { 'E(q=0)': 'E(q=0)', 'E(q=1)': 'E(q=1)' } });
        const p = simulate(spec).optimizers.find(o => o.name === 'P')!;
        expect(p.model).toBe('E');
        expect(p.train.map(t => [t.env, t.lo, t.hi, t.optimum])).toEqual([['E(q=0)', 0, 0, 0], ['E(q=1)', 1, 1, 1]]);
        // In E(q=0) every choice is base-optimal, and so P's: the same behaviour as O's.
        expect(p.verdict).toBe(simulate(spec).optimizers.find(o => o.name === 'O')!.verdict);
    });

    test('another environment is bound by parameter name; a parameter the acting one lacks takes its low end', async () => {
        const spec = await compiled(`environment T(q: 0..2) {
  horizon 2
  action go
  node z = go * q
}
environment M(q: 0..2, r: 1..3) {
  horizon 2
  action go
  node z = go * (q - r)
}
objective base B = z
objective mesa O = z
optimizer P { objective O  model M }
train T(q = 2)
deploy T(q = 0)
`);
        expect(spec.optimizers[0]).toMatchObject({ model: 'M', models: { 'T(q=2)': 'M(q=2,r=1)', 'T(q=0)': 'M(q=0,r=1)' } });
        expect(spec.environments.map(e => e.label)).toEqual(['T(q=2)', 'T(q=0)', 'M(q=2,r=1)', 'M(q=0,r=1)']);
        const report = simulate(spec);
        const p = report.optimizers.find(o => o.name === 'P')!;
        // In T(q=2) the model M(q=2,r=1) also rewards go (2 - 1 > 0): it goes at both steps.
        expect(p.train[0]).toMatchObject({ env: 'T(q=2)', lo: 4, hi: 4, optimum: 4 });
        // In T(q=0) its model M(q=0,r=1) penalises go: it waits, which is also base-optimal (z = 0 either way).
        expect(p.deploy[0]).toMatchObject({ env: 'T(q=0)', lo: 0, hi: 0, optimum: 0, normalizedRegret: 0 });
        expect(report.environments.filter(e => e.roles.includes('model')).map(e => e.label)).toEqual(['M(q=2,r=1)', 'M(q=0,r=1)']);
    });
});
