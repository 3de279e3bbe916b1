/**
 * Budgets (docs/simulation.md, Budgets) on wide and deep specs: the time budget and cancellation are
 * checked after a bounded amount of work however wide a state is, every phase after
 * a trip is skipped, and the report names the budget. No wall time is asserted: a fake
 * clock advances per read, and the work between checks is counted in step calls.
 * Also: cutting the generated step into many small functions changes nothing.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledSpec } from '../../language/model/spec.js';
import { compileEnvironment, type CompiledEnv } from '../../language/simulation/codegen.js';
import { Budget, BudgetExceeded, CHECK_UNITS } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { stateValues } from '../../language/simulation/state-store.js';
import { simulate } from '../../language/simulation/index.js';
import { buildSpec, buttonLamp, cleaning, shop, thermostat } from './fixtures.js';

/** The editor benchmark's generated spec (bench/generated-spec.ts), as a compiled spec: one wide environment. */
function wideSpec(nodes: number, horizon = 30): CompiledSpec {
    const rules: [string, string, number?][] = [['n0', 'n0@1 + push - pull', 1]];
    for (let i = 1; i < nodes; i++) {
        const a = `n${i - 1}`, b = `n${Math.floor(i / 2)}`;
        rules.push([`n${i}`, i % 3 === 0 ? `${a} + ${b}@1 * hold` : i % 3 === 1 ? `max(${a}, ${b}@2) - pull` : `${a} - ${b} + push`]);
    }
    return buildSpec({
        name: 'wide',
        envs: [{ label: 'Plant', horizon, actions: ['push', 'pull', 'hold'], nodes: rules }],
        objectives: [['base', 'Output', `n${nodes - 1}`], ['mesa', 'Effort', 'push'], ['mesa', 'Level', `final(n${Math.floor(nodes / 2)})`]],
        train: ['Plant'],
        select: { depth: 0.01 },
    });
}

/** A deep spec: two counters over 180 steps (about 10^6 states). */
const deep = buildSpec({
    name: 'deep',
    envs: [{ label: 'Counters', horizon: 180, actions: ['a', 'b'], nodes: [['x', 'x@1 + a'], ['y', 'y@1 + b']] }],
    objectives: [['base', 'Score', 'x - abs(y - 20)'], ['mesa', 'Count', 'x']],
    train: ['Counters'],
});

const wide = wideSpec(1_990);

/** A clock that advances `stepMs` per read, counting reads. */
function fakeClock(stepMs: number): { now: () => number; reads: number } {
    const c = { reads: 0, now: () => c.reads++ * stepMs };
    return c;
}

/** A signal that turns cancelled at its `after`-th read, counting reads. */
function flippingSignal(after: number): { readonly cancelled: boolean; reads: number } {
    const s = {
        reads: 0,
        get cancelled(): boolean { return ++s.reads >= after; },
    };
    return s;
}

/** Counts the step calls of a compiled environment. */
function counted(ce: CompiledEnv): { ce: CompiledEnv; calls: () => number } {
    let calls = 0;
    const step = ce.step;
    return { ce: { ...ce, step: (...a) => { calls++; step(...a); } }, calls: () => calls };
}

describe('time budget', () => {
    test.each([['wide', wide], ['deep', deep]] as const)('%s exploration checks the clock after bounded work', (_, spec) => {
        const env = spec.environments[0]!;
        const { ce, calls } = counted(compileEnvironment(env, spec.objectives));
        const clock = fakeClock(50);
        const budget = new Budget(1e9, 500, undefined, clock.now);
        let thrown: unknown;
        try { explore(ce, budget); } catch (e) { thrown = e; }
        expect(thrown).toBeInstanceOf(BudgetExceeded);
        expect((thrown as BudgetExceeded).budget).toBe('time');
        // 1 read for the deadline, then one per check until 50 ms × reads passes 500 ms.
        expect(clock.reads).toBe(12);
        // Between two checks, at most CHECK_UNITS units plus one expanded state (its C steps).
        const stepsPerCheck = Math.ceil(CHECK_UNITS / ce.cost) + ce.nChoices;
        expect(calls()).toBeLessThanOrEqual(budget.checks * stepsPerCheck);
        expect(budget.spent).toBeGreaterThan(0);
    });

    test('a wide spec under the editor budgets says the time budget was hit, and later phases are skipped', () => {
        const clock = fakeClock(50);
        const report = simulate(wide, { maxStates: 200_000, timeBudgetMs: 500, clock: clock.now });
        expect(report.incomplete).toHaveLength(1);
        expect(report.incomplete[0]).toMatchObject({ budget: 'time', limit: 500, env: 'Plant' });
        expect(report.incomplete[0]!.message).toContain('time budget of 500 ms');
        // Once tripped, nothing reads the clock again: every later phase stops at once.
        expect(clock.reads).toBe(12);
        expect(report.optimizers.every(o => o.verdict === 'unknown' && o.incomplete)).toBe(true);
        expect(report.samples).toEqual([]);
        expect(report.selection.winners).toEqual([]);
        expect(report.objectives.every(o => o.values.every(v => v.optimum === null))).toBe(true);
        expect(report.environments[0]).toMatchObject({ simulated: false, states: null });
    });

    test('a budget that does not trip changes nothing', () => {
        const clock = fakeClock(1e-6);
        for (const spec of [buttonLamp, cleaning, shop]) {
            const budgeted = simulate(spec, { timeBudgetMs: 60_000, clock: clock.now, signal: { cancelled: false } });
            expect(JSON.stringify(budgeted)).toBe(JSON.stringify(simulate(spec)));
        }
    });
});

describe('cancellation', () => {
    test.each([['wide', 5, wide], ['deep', 5, deep], ['wide', 1, wide]] as const)(
        '%s: a signal turning cancelled at read %i stops at that check',
        (_, after, spec) => {
            const signal = flippingSignal(after);
            const report = simulate(spec, { maxStates: 200_000, timeBudgetMs: 60_000, signal });
            // The read that saw it cancelled was the last: no further check ran.
            expect(signal.reads).toBe(after);
            expect(report.incomplete.map(i => i.budget)).toEqual(['cancelled']);
            expect(report.incomplete[0]!.message).toContain('cancelled');
            expect(report.optimizers.every(o => o.verdict === 'unknown' && o.incomplete)).toBe(true);
            expect(report.samples).toEqual([]);
        });

    test('no step runs after the check that sees the cancellation', () => {
        const env = wide.environments[0]!;
        const { ce, calls } = counted(compileEnvironment(env, wide.objectives));
        let flippedAt = -1;
        const signal = { get cancelled(): boolean { if (calls() >= 40 && flippedAt < 0) flippedAt = calls(); return flippedAt >= 0; } };
        expect(() => explore(ce, new Budget(1e9, undefined, signal))).toThrow(BudgetExceeded);
        expect(flippedAt).toBeGreaterThanOrEqual(40);
        expect(calls()).toBe(flippedAt);
        expect(flippedAt).toBeLessThan(40 + Math.ceil(CHECK_UNITS / ce.cost) + ce.nChoices);
    });
});

describe('chunked step functions', () => {
    test.each([['button-lamp', 200, buttonLamp], ['cleaning', 1, cleaning], ['thermostat', 1, thermostat], ['wide', 1, wideSpec(60, 4)]] as const)(
        '%s: functions of at most %i characters explore the same graph',
        (_, chars, spec) => {
            for (const env of spec.environments.filter(e => !e.qualitative)) {
                const whole = explore(compileEnvironment(env, spec.objectives), new Budget(100_000, undefined, undefined));
                const cut = compileEnvironment(env, spec.objectives, { chunkChars: chars });
                const parts = explore(cut, new Budget(100_000, undefined, undefined));
                expect(parts.nStates).toBe(whole.nStates);
                expect(parts.next).toEqual(whole.next);
                expect(stateValues(parts)).toEqual(stateValues(whole));
                for (const [name, r] of whole.rewards) expect(parts.rewards.get(name)).toEqual(r);
            }
        });
});
