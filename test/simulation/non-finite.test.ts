/**
 * Non-finite values are run-time errors (docs/simulation.md, Run-time errors; docs/language.md,
 * Numbers and run-time errors): a node value, a reward, an objective's return, a planning
 * window or a selection score that overflows is a located `SimulationError` naming what
 * and when, never a silent Infinity, NaN or null figure.
 */
import { describe, expect, test } from 'vitest';
import { SimulationError, simulate } from '../../language/simulation/index.js';
import { compiled } from '../helpers/services.js';

/** The error a spec's simulation stops with: its message and the 0-based line it is located on. */
async function failure(text: string): Promise<{ message: string; line: number | undefined }> {
    const spec = await compiled(text);
    try {
        simulate(spec);
    } catch (e) {
        if (!(e instanceof SimulationError)) throw e;
        return { message: e.message, line: e.location?.range.start.line };
    }
    throw new Error('the simulation did not fail');
}

describe('non-finite values', () => {
    test('a node that overflows is an error at the node, with the step', async () => {
        const { message, line } = await failure(`environment E {
  horizon 3
  action go
  node big init 1e308 = big@1 * 10 + go
  node x = big - big
}
objective base B = x
objective mesa O = go
train E
`);
        expect(message).toBe('Node big of E is Infinity at step 1, in a reachable state: a value overflowed the range of double-precision numbers (about ±1.8e308).');
        expect(line).toBe(3);
    });

    test('NaN from infinity minus infinity inside one rule is an error at that node', async () => {
        const { message, line } = await failure(`environment E {
  horizon 2
  action go
  node x init 1e308 = x@1 * 10 - x@1 * 10 + go
}
objective base B = x
train E
`);
        expect(message).toBe('Node x of E is NaN at step 1, in a reachable state: a value overflowed the range of double-precision numbers (about ±1.8e308).');
        expect(line).toBe(3);
    });

    test('a node that overflows only after an action is an error too (x init 1e308 = x@1 + 1e308 * a)', async () => {
        const { message, line } = await failure(`environment E {
  horizon 3
  action a
  node x init 1e308 = x@1 + 1e308 * a
}
objective base B = x
objective mesa O = a
train E
`);
        expect(message).toBe('Node x of E is Infinity at step 1, in a reachable state: a value overflowed the range of double-precision numbers (about ±1.8e308).');
        expect(line).toBe(3);
    });

    test('a reward that overflows is an error at the objective', async () => {
        const { message, line } = await failure(`environment E {
  horizon 2
  action go
  node x = 1e10 + go
}
objective base B = x * 1e300
train E
`);
        expect(message).toBe('The reward of objective B in E is Infinity at step 1, in a reachable state: a value overflowed the range of double-precision numbers (about ±1.8e308).');
        expect(line).toBe(5);
    });

    test('a return that overflows when summed is an error at the objective, from the step where it does', async () => {
        const { message, line } = await failure(`environment E {
  horizon 3
  action go
  node x init 1e308 = x@1 + 0 * go
}
objective base B = x
train E
`);
        expect(message).toBe('The return of objective B in E is not a finite number: summed from step 2 to the horizon, its rewards overflow the range of double-precision numbers (about ±1.8e308).');
        expect(line).toBe(5);
    });

    test('a planning window that overflows is an error, though the whole return is finite', async () => {
        // Rewards 1e308, 1e308, −1e308: the return from each step is finite, the first two steps together are not.
        const { message, line } = await failure(`environment E {
  horizon 3
  action go
  node c = c@1 + 1
  node r = if c == 3 then -1e308 else 1e308 + 0 * go
}
objective base B = r
objective mesa O = r
train E
`);
        // O's capability sweep plans it 2 steps ahead.
        expect(message).toBe('Planning O 2 steps ahead in E: its return over steps 1 to 2 is not a finite number (it overflows the range of double-precision numbers, about ±1.8e308).');
        expect(line).toBe(7);
    });

    test('a selection score that overflows is an error at select', async () => {
        const { message, line } = await failure(`environment E {
  horizon 3
  action a
  node x = a@1
}
objective base B = x
objective mesa O = x
train E
select { penalty depth 1e308 }
`);
        expect(message).toBe('The selection score of O is -Infinity (training value 2 − 1e+308 × depth 2 − 0 × 3.81 bits): it overflows the range of double-precision numbers (about ±1.8e308); use smaller penalty weights.');
        expect(line).toBe(8);
    });

    test('sampled returns are summed as the core sums returns, so a finite return is never Infinity', async () => {
        // Rewards 1e308, 1e308, −1e308: summed from the first step on, the first two overflow.
        const spec = await compiled(`environment E {
  horizon 3
  action go
  node c = c@1 + 1
  node r = if c == 3 then -1e308 else 1e308 + 0 * go
}
objective base B = r
objective mesa O = go
train E
`);
        const pair = simulate(spec, { samples: 10 }).samples[0]!.pairs[0]!;
        expect(pair.baseReturns).toHaveLength(10 + 1 + 1); // random, the base optimum, O
        expect(new Set(pair.baseReturns)).toEqual(new Set([1e308]));
    });

    test('large finite values are fine', async () => {
        const spec = await compiled(`environment E {
  horizon 2
  action go
  node x init 1e307 = x@1 + 1e307 * go
}
objective base B = x
train E
`);
        const report = simulate(spec);
        expect(report.objectives[0]!.values[0]).toEqual({ env: 'E', optimum: 1e307 * 2 + 1e307 * 3, worst: 2e307 });
    });
});
