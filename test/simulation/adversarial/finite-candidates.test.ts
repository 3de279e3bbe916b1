/**
 * Candidate objectives whose return is not a finite number are not judged
 * (docs/simulation.md, Candidate objectives): the overflow is the candidate's, not the
 * spec's, so it is neither a run-time error nor counted as fitting training.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../../language/simulation/index.js';
import { compiled } from '../../helpers/services.js';

describe('candidates that overflow', () => {
    test('x, summed over the first two steps, overflows: it is not counted', async () => {
        // The base objective only cares about a at step 2; x pays 1e308 for a at steps 1 and 2.
        const spec = await compiled(`environment E {
  horizon 3
  action a
  action b
  node c = c@1 + 1
  node x = 1e308 * a * (c <= 2)
}
objective base B = a * (c == 2)
train E
`);
        const report = simulate(spec);
        expect(report.candidates.computed).toBe(true);
        // Size 1 (4 bits): a, b, c, x; a and c fit without being robust, x is not judged (it used to count).
        expect(report.candidates.byBits[0]).toEqual({ bits: 4, enumerated: 4, pseudoAligned: 2, examples: ['a', 'c'] });
        for (const group of report.candidates.byBits) expect(group.examples.filter(e => e.includes('x'))).toEqual([]);
    });
});
