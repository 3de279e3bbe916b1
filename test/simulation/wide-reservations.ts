/**
 * What exploring states 99,999 values wide reserves (`x = a@99999` over 100,000 steps),
 * under a cap of 50 states: the lengths one typed-array constructor is called with while
 * it explores, and what the exploration threw. delays.test.ts reads the float arrays,
 * state-store.test.ts the packed rows.
 */
import { vi } from 'vitest';
import { compileEnvironment, type CompiledEnv } from '../../language/simulation/codegen.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { buildSpec } from './fixtures.js';

export function wideEnvironment(): CompiledEnv {
    const spec = buildSpec({
        name: 'wide', envs: [{ label: 'E', horizon: 100_000, actions: ['a'], nodes: [['x', 'a@99999']] }],
        objectives: [['base', 'B', 'x']], train: ['E'],
    });
    return compileEnvironment(spec.environments[0]!, spec.objectives);
}

/** Explores `ce` under a cap of 50 states, recording the lengths `new <name>(length)` is called with. */
export function exploreRecording(ce: CompiledEnv, name: 'Float64Array' | 'Uint32Array'): { lengths: number[]; thrown: unknown } {
    const lengths: number[] = [];
    const Base = name === 'Float64Array' ? Float64Array : Uint32Array;
    class Recording extends Base {
        constructor(...args: unknown[]) {
            super(...(args as [number]));
            if (typeof args[0] === 'number') lengths.push(args[0]);
        }
    }
    vi.stubGlobal(name, Recording);
    let thrown: unknown;
    try {
        explore(ce, new Budget(50, undefined, undefined));
    } catch (e) {
        thrown = e;
    } finally {
        vi.unstubAllGlobals();
    }
    return { lengths, thrown };
}
