/**
 * Delays and the horizon (docs/simulation.md, States): a read H or more steps back lies
 * before the episode at every step, so it reads the init and takes no slot; the state
 * keeps at most H − 1 values of a name however long its delay, so a ten-million-step
 * delay costs nothing. Rewards still match the brute-force reference, which reads
 * delays literally. A delay just below a long horizon gives states 100,000 values wide:
 * their store is reserved for the states the caps allow, not for 1,024 of them.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { Budget, BudgetExceeded } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { simulate } from '../../language/simulation/index.js';
import { BruteEnv, interval } from './brute-force.js';
import { buildSpec } from './fixtures.js';
import { exploreRecording, wideEnvironment } from './wide-reservations.js';

const delayed = (horizon: number, rule: string, init = 0) => buildSpec({
    name: 'delayed',
    envs: [{ label: 'E', horizon, actions: ['a'], nodes: [['y', 'y@1 + a', init], ['x', rule]] }],
    objectives: [['base', 'B', 'x'], ['mesa', 'M', 'a']],
    train: ['E'],
});

describe('delays at or past the horizon', () => {
    test('a ten-million-step delay takes no slot: three states over two steps', () => {
        const spec = buildSpec({
            name: 'far', envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['x', 'a@10000000']] }],
            objectives: [['base', 'B', 'x']], train: ['E'],
        });
        const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
        expect(ce.width).toBe(0);
        expect(explore(ce, new Budget(200_000, undefined, undefined)).nStates).toBe(3);
        const report = simulate(spec, { maxStates: 200_000, timeBudgetMs: 2_000 });
        expect(report.environments[0]!.states).toBe(3);
        expect(report.incomplete).toEqual([]);
    });

    test('the slots of a name stop at H − 1, whatever the delay read', () => {
        const widths = [3, 4, 5, 100_000].map(k => compileEnvironment(delayed(4, `a@${k}`).environments[0]!, delayed(4, `a@${k}`).objectives));
        // y@1 takes one slot; a@3 three; a@4 (= H) and longer none.
        expect(widths.map(ce => ce.width)).toEqual([4, 1, 1, 1]);
        expect(widths.map(ce => ce.slotNames)).toEqual([['a@1', 'a@2', 'a@3', 'y@1'], ['y@1'], ['y@1'], ['y@1']]);
        // Two delays of one name: only the one below the horizon takes slots.
        const both = delayed(4, 'a@2 + a@9');
        expect(compileEnvironment(both.environments[0]!, both.objectives).slotNames).toEqual(['a@1', 'a@2', 'y@1']);
    });

    test('a long delay below the horizon keeps its every value (shifted by a loop)', () => {
        const spec = buildSpec({
            name: 'long', envs: [{ label: 'E', horizon: 40, actions: ['a'], nodes: [['y', 'min(y@1 + a, 1)'], ['x', 'y@39']] }],
            objectives: [['base', 'B', 'x'], ['mesa', 'M', 'a']], train: ['E'],
        });
        const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
        expect(ce.width).toBe(39);
        // x is 1 only at step 40, and only after a press at step 1.
        const report = simulate(spec, { adversarial: false, samples: 1 });
        expect(report.optimizers[0]!.train[0]!.optimum).toBe(1);
        expect(report.optimizers[0]!.train[0]!.hi).toBe(1);
        expect(report.environments[0]!.states).toBe(860);
    });

    test.each([
        ['y@3', 0], ['y@4', 0], ['y@7', 5], ['y@7 + y@2 + a@5', 5], ['y@3 * a@9 + y@1', 2],
    ])('%s with init %s: the core matches the brute force, step by step', (rule, init) => {
        const spec = delayed(4, rule, init);
        const env = spec.environments[0]!;
        const brute = new BruteEnv(spec, env);
        const report = simulate(spec, { adversarial: false, samples: 1 });
        expect(report.optimizers[0]!.train[0]!.optimum).toBe(brute.optimum('B'));
        expect(report.optimizers[0]!.train[0]!.worst).toBe(worstOf(brute));
    });
});

/** Worst value of B by brute force (the smallest over every action sequence). */
function worstOf(b: BruteEnv): number {
    return interval(b, 'B', () => Array.from({ length: b.C }, (_, c) => c)).lo;
}

describe('states 100,000 values wide', () => {
    test('the state store reserves room for the states the cap allows, not for 1,024 of them', () => {
        const ce = wideEnvironment();
        expect(ce.width).toBe(99_999);
        // Exploration makes its float arrays with `new Float64Array(length)` only.
        const { lengths: reserved, thrown } = exploreRecording(ce, 'Float64Array');
        expect(thrown).toBeInstanceOf(BudgetExceeded);
        expect((thrown as BudgetExceeded).budget).toBe('states');
        // 51 states of 99,999 values (40 MB), where 1,024 of them would be 819 MB.
        expect(Math.max(...reserved)).toBeLessThanOrEqual(51 * 99_999);
    });
});
