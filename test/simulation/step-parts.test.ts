/**
 * The parts of a generated step are compiled once per distinct source
 * (language/simulation/step-source.ts): an environment derived from another by one added
 * action and one changed rule, as a distinguishing intervention derives it, compiles
 * only the parts that changed, and explores exactly what a step compiled afresh explores.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { stateValues } from '../../language/simulation/state-store.js';
import { PART_STATEMENTS, partsCompiled, SEARCH_PART_STATEMENTS } from '../../language/simulation/step-source.js';
import { buildSpec } from './fixtures.js';

/** A chain of `n` nodes reading each other without delay, in one environment; `raise` adds an action read by node `raise`. */
function chain(n: number, label: string, raise?: number) {
    const nodes: [string, string][] = [['n0', 'a']];
    for (let i = 1; i < n; i++) nodes.push([`n${i}`, i === raise ? `n${i - 1} + raise_n${i}` : `n${i - 1}`]);
    const actions = raise === undefined ? ['a'] : ['a', `raise_n${raise}`];
    return buildSpec({
        name: label, envs: [{ label, horizon: 3, actions, nodes }],
        objectives: [['base', 'B', `n${n - 1}`], ['mesa', 'M', `n${Math.floor(n / 2)}`]], train: [label],
    });
}

describe('compiled parts', () => {
    test('a derived environment compiles only the parts its change touches', () => {
        const trained = chain(1_000, 'E');
        const derived = chain(1_000, 'EDistinguish1', 700);
        const before = partsCompiled();
        compileEnvironment(trained.environments[0]!, trained.objectives);
        const whole = partsCompiled() - before;
        const afterTrained = partsCompiled();
        const ce = compileEnvironment(derived.environments[0]!, derived.objectives);
        const again = partsCompiled() - afterTrained;
        // A thousand statements make about eleven parts; the raised node's part changes, and
        // the last (the objectives' rewards and the state's key) may: no more.
        expect(whole).toBeGreaterThanOrEqual(10);
        expect(again).toBeGreaterThanOrEqual(1);
        expect(again).toBeLessThanOrEqual(2);
        // Compiling the same environment again compiles nothing.
        const now = partsCompiled();
        compileEnvironment(derived.environments[0]!, derived.objectives);
        expect(partsCompiled()).toBe(now);
        // The reused parts explore what parts cut elsewhere (other sources, compiled afresh) explore.
        const graph = explore(ce, new Budget(100_000, undefined, undefined));
        const fresh = explore(compileEnvironment(derived.environments[0]!, derived.objectives, { chunkChars: 3_000 }), new Budget(100_000, undefined, undefined));
        expect(graph.nStates).toBe(fresh.nStates);
        expect(graph.next).toEqual(fresh.next);
        expect(stateValues(graph)).toEqual(stateValues(fresh));
        for (const [name, r] of fresh.rewards) expect(graph.rewards.get(name), name).toEqual(r);
        expect(Math.max(...graph.rewards.get('B')!)).toBe(1);
    });

    test('the search cuts a short step into short parts, which its derived environments share', () => {
        // Thirty statements: a chain of 24 nodes, the objectives' rewards, the state's key.
        const trained = chain(24, 'Short');
        const derived = chain(24, 'ShortDistinguish1', 13);
        const before = partsCompiled();
        const ce = compileEnvironment(trained.environments[0]!, trained.objectives, { search: true });
        const parts = partsCompiled() - before;
        expect(parts).toBeGreaterThanOrEqual(Math.ceil(24 / SEARCH_PART_STATEMENTS));
        const afterTrained = partsCompiled();
        const dce = compileEnvironment(derived.environments[0]!, derived.objectives, { search: true });
        // The raised node's part, and perhaps the last one (rewards and key): the rest are shared.
        expect(partsCompiled() - afterTrained).toBeLessThanOrEqual(2);
        // The same graphs as steps cut the usual way.
        for (const [cut, spec] of [[ce, trained], [dce, derived]] as const) {
            const graph = explore(cut, new Budget(100_000, undefined, undefined));
            const usual = explore(compileEnvironment(spec.environments[0]!, spec.objectives), new Budget(100_000, undefined, undefined));
            expect(graph.next).toEqual(usual.next);
            expect(stateValues(graph)).toEqual(stateValues(usual));
            for (const [name, r] of usual.rewards) expect(graph.rewards.get(name), name).toEqual(r);
        }
    });

    test('a long step keeps long parts in the search too', () => {
        const trained = chain(PART_STATEMENTS + 40, 'Long');
        const before = partsCompiled();
        compileEnvironment(trained.environments[0]!, trained.objectives, { search: true });
        // 136 statements and more in parts of 96: two or three parts, not twenty-odd.
        expect(partsCompiled() - before).toBeLessThanOrEqual(3);
    });
});
