/**
 * Rewards are stored in single precision while every reward of an objective is exact
 * there, and widened to double at the first one that is not (docs/simulation.md,
 * Exploration): either way the graph holds the exact rewards, checked here against the
 * step computed by hand, with and without chance.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { optimalValues } from '../../language/simulation/dp.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { stateValue } from '../../language/simulation/state-store.js';
import type { EnvGraph } from '../../language/simulation/state-graph.js';
import { buildSpec } from './fixtures.js';

/** x@1 of state s. */
function stateX(g: EnvGraph, s: number): number {
    return stateValue(g, s, g.slotNames.indexOf('x@1'));
}

function graphOf(spec: CompiledSpec) {
    return explore(compileEnvironment(spec.environments[0]!, spec.objectives), new Budget(1_000_000, undefined, undefined));
}

describe('reward precision', () => {
    // x counts presses; at step 6 and later a press also earns a tenth (not exact in single precision).
    const spec = buildSpec({
        name: 'tenths',
        envs: [{ label: 'E', horizon: 8, actions: ['a'], nodes: [['x', 'x@1 + a', 0]] }],
        objectives: [
            ['base', 'Count', 'a'],
            ['mesa', 'Tenth', 'if x >= 6 then a * 0.1 else a'],
            ['mesa', 'Big', 'a * 16777217'],
            ['mesa', 'Half', 'a / 2'],
        ],
        train: ['E'],
    });

    test('integers and halves stay single; a tenth and 2^24 + 1 widen, every reward exact', () => {
        const g = graphOf(spec);
        expect(g.rewards.get('Count')).toBeInstanceOf(Float32Array);
        expect(g.rewards.get('Half')).toBeInstanceOf(Float32Array);
        expect(g.rewards.get('Tenth')).toBeInstanceOf(Float64Array);
        expect(g.rewards.get('Big')).toBeInstanceOf(Float64Array);
        const C = g.nChoices, inner = g.layerStart[g.horizon]!;
        const tenth = g.rewards.get('Tenth')!, big = g.rewards.get('Big')!, half = g.rewards.get('Half')!;
        let tenths = 0;
        for (let s = 0; s < inner; s++) {
            // The state remembers x@1: the press count before this step.
            const before = stateX(g, s);
            expect(tenth[s * C]).toBe(0);
            const x = before + 1;
            expect(tenth[s * C + 1]).toBe(x >= 6 ? 0.1 : 1);
            if (x >= 6) tenths++;
            expect(big[s * C + 1]).toBe(16777217);
            expect(half[s * C + 1]).toBe(0.5);
        }
        expect(tenths).toBeGreaterThan(0);
        // Eight presses: five ones, then three tenths (the values widened mid-exploration kept),
        // summed from the last step back as the dynamic programming does.
        const steps = [1, 1, 1, 1, 1, 0.1, 0.1, 0.1];
        expect(optimalValues(g, tenth, new Budget(1e6, undefined, undefined))[0]).toBe(steps.reduceRight((v, r) => r + v, 0));
        expect(optimalValues(g, big, new Budget(1e6, undefined, undefined))[0]).toBe(8 * 16777217);
    });

    test('expected rewards over chance outcomes widen too', () => {
        const chance = buildSpec({
            name: 'thirds',
            envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['z', 'uniform(0, 2)']] }],
            objectives: [['base', 'Z', 'z'], ['mesa', 'Double', 'z * 2']],
            train: ['E'],
        });
        const g = graphOf(chance);
        // The mean of 0, 1 and 2 is 1 (exact); the rewards stay single.
        expect(g.rewards.get('Z')).toBeInstanceOf(Float32Array);
        expect(g.rewards.get('Z')![0]).toBe(1);
        const thirds = buildSpec({
            name: 'thirds2',
            envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['z', 'uniform(0, 2)']] }],
            objectives: [['base', 'Z', 'if z == 1 then 1 else 0']],
            train: ['E'],
        });
        const h = graphOf(thirds);
        expect(h.rewards.get('Z')).toBeInstanceOf(Float64Array);
        expect(h.rewards.get('Z')![0]).toBe(1 / 3);
    });
});
