/**
 * Interventions never write a value that is not a finite number (docs/simulation.md,
 * Distinguishing environments): an init of 1e308 is not doubled into Infinity, and a
 * node whose rule holds an overflowing literal is not redeclared, since Mesa cannot
 * write either back as source.
 */
import { describe, expect, test } from 'vitest';
import { interventions } from '../../../language/simulation/adversarial/interventions.js';
import { compiled } from '../../helpers/services.js';

const text = `environment E {
  horizon 3
  action a
  node x init 1e308 = x@1 * 0 + a
  node y init 2 = y@1 * 0 + a
  node z = if a > 2 then 1e400 else a
}
objective base B = x
objective mesa O = y
train E
`;

describe('interventions stay finite', () => {
    test('an init of 1e308 is zeroed but never doubled; 2 is doubled', async () => {
        const spec = await compiled(text);
        const all = interventions(spec.environments[0]!);
        const descriptions = all.map(iv => iv.description);
        expect(descriptions).toContain("zeroes x's init (1e+308 → 0)");
        expect(descriptions.filter(d => d.startsWith("doubles x's init"))).toEqual([]);
        expect(descriptions).toContain("doubles y's init (2 → 4)");
    });

    test('no member is written with Infinity or NaN', async () => {
        const spec = await compiled(text);
        const all = interventions(spec.environments[0]!);
        expect(all.length).toBeGreaterThan(3);
        for (const iv of all) expect(iv.members.join('\n')).not.toMatch(/Infinity|NaN/);
        // z's rule holds 1e400, which is Infinity once read: it is never redeclared.
        expect(all.filter(iv => iv.changes.some(c => 'node' in c && c.node === 'z'))).toEqual([]);
    });
});
