/**
 * The state store of exploration (docs/simulation.md, Exploration): values encoded
 * through one dictionary and decoded back exactly, −0 stored as 0, NaN refused; codes
 * widened from 1 bit through 2, 4, 8 and 16 bits to raw values, in the middle of an
 * exploration too, with the states found again after each widening; rows reserved only
 * for the states the caps allow, and the memory bound following the width; graphs that
 * survive a structured clone, and graphs explored in shared memory.
 */
import { describe, expect, test } from 'vitest';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import type { BudgetExceeded } from '../../language/simulation/errors.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { readState, StateStore, stateValue, stateValues } from '../../language/simulation/state-store.js';
import { buildSpec } from './fixtures.js';
import { referenceGraph } from './reference-explorer.js';
import { exploreRecording, wideEnvironment } from './wide-reservations.js';

/** A store of rows of `width` values that every slot computes (nothing carried). */
const storeOf = (width: number): StateStore => new StateStore(width, new Int32Array(width).fill(-1), 1e9, 0, 2 ** 31);

describe('encoding', () => {
    test('values round-trip exactly: integers, fractions, negatives, large values', () => {
        const rows = [
            [0, 1, -1, 1023, -1024, 1024, -1025, 2 ** 31, -(2 ** 31)],
            [0.5, -0.25, 1 / 3, 0.1 + 0.2, 1e-300, -1e300, 2 ** 53, Number.MAX_VALUE, -Number.MIN_VALUE],
            [7, 7, 7, 7, 7, 7, 7, 7, 7],
        ];
        const store = storeOf(9);
        const index = rows.map(r => store.intern(Float64Array.from(r), 0, 0, -1));
        expect(index).toEqual([0, 1, 2]);
        // The same values again are the same states.
        expect(rows.map(r => store.intern(Float64Array.from(r), 0, 0, -1))).toEqual([0, 1, 2]);
        const out = new Float64Array(9);
        rows.forEach((r, s) => {
            store.read(s, out);
            expect(Array.from(out)).toEqual(r);
        });
        const g = { ...store.packed(), width: 9, nStates: 3 };
        expect(g.bits).toBe(8);
        expect(Array.from(stateValues(g))).toEqual(rows.flat());
        expect(stateValue(g, 1, 2)).toBe(1 / 3);
    });

    test('−0 is the state of 0, and is read back as 0', () => {
        const store = storeOf(2);
        expect(store.intern(Float64Array.from([-0, 5]), 0, 0, -1)).toBe(0);
        expect(store.intern(Float64Array.from([0, 5]), 0, 0, -1)).toBe(0);
        const out = new Float64Array(2);
        store.read(0, out);
        expect(Object.is(out[0], 0)).toBe(true);
    });

    test('a value that is NaN is refused', () => {
        expect(() => storeOf(1).intern(Float64Array.from([NaN]), 0, 0, -1)).toThrow(/NaN/);
    });

    test('the 3rd, 5th and 17th distinct values widen 1-bit codes to 2, 4 and 8 bits; every row is found again', () => {
        // 40 values a row: one word at 1 bit, three at 2, five at 4, ten at 8.
        const store = storeOf(40);
        const row = (i: number): Float64Array => Float64Array.from({ length: 40 }, (_, k) => (k === i ? i + 1 : k % 2));
        const seen: [number, number, number][] = [];
        for (let i = 0; i < 20; i++) {
            expect(store.intern(row(i), 0, 0, -1)).toBe(i);
            if (seen.at(-1)?.[1] !== store.bits) seen.push([i, store.bits, store.rowWords]);
        }
        // Rows 0..i hold the values 0 to i + 1.
        expect(seen).toEqual([[0, 1, 2], [1, 2, 3], [3, 4, 5], [15, 8, 10]]);
        const out = new Float64Array(40);
        for (let i = 0; i < 20; i++) {
            expect(store.intern(row(i), 0, 0, -1)).toBe(i);
            store.read(i, out);
            expect(Array.from(out)).toEqual(Array.from(row(i)));
        }
        expect(stateValue(store.packed(), 19, 19)).toBe(20);
    });

    test('values past 256 and past 65,536 distinct ones widen the codes, then store the values', () => {
        const store = storeOf(2);
        // Fractions, and integers in and out of the small range, all distinct.
        const row = (i: number): Float64Array => Float64Array.from([i % 2 === 0 ? i * 0.5 + 0.25 : -i, 0.75]);
        const bitsAt: number[] = [];
        for (let i = 0; i < 70_000; i++) {
            expect(store.intern(row(i), 0, 0, -1)).toBe(i);
            if (i === 254 || i === 255 || i === 65_534 || i === 65_535) bitsAt.push(store.bits);
        }
        // Rows 0..i hold i + 2 distinct values: 256 up to row 254, 65,536 up to row 65,534.
        expect(bitsAt).toEqual([8, 16, 16, 64]);
        // Every row is found again, and read back, after both widenings.
        const out = new Float64Array(2);
        for (let i = 0; i < 70_000; i += 997) {
            expect(store.intern(row(i), 0, 0, -1)).toBe(i);
            store.read(i, out);
            expect(Array.from(out)).toEqual(Array.from(row(i)));
        }
        const g = { ...store.packed(), width: 2, nStates: store.count };
        expect(g.bits).toBe(64);
        expect(g.dictionary).toHaveLength(0);
        const back = new Float64Array(2);
        readState(g, 69_999, back);
        expect(Array.from(back)).toEqual([-69_999, 0.75]);
    });
});

describe('values a step carries over', () => {
    test('keep their codes through both widenings: the states are those of a Map over the values', () => {
        // Slot 0 is computed, slots 1..5 are slots 0..4 of the source (a history across words), slot 6 its own slot 6 (an init).
        const carried = Int32Array.from([-1, 0, 1, 2, 3, 4, 6]);
        const store = new StateStore(7, carried, 1e9, 0, 2 ** 31);
        const rows: number[][] = [];
        const seen = new Map<string, number>();
        const intern = (row: number[], source: number): number => {
            const got = store.intern(Float64Array.from(row), 0, 0, source);
            const key = row.join(',');
            if (!seen.has(key)) { seen.set(key, rows.length); rows.push(row); }
            return got - seen.get(key)!;
        };
        expect(intern([0, 0, 0, 0, 0, 0, 0.5], -1)).toBe(0);
        expect(intern([1, 0, 0, 0, 0, 0, -7], -1)).toBe(0);
        let x = 12345;
        const random = (n: number): number => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x % n; };
        const bits = new Set<number>();
        let wrong = 0;
        for (let i = 0; i < 150_000; i++) {
            const s = random(rows.length);
            const r = rows[s]!;
            // New values come slowly at first, then fast: small integers, fractions, large values, repeats.
            const k = random(i < 20_000 ? 300 : 200_000);
            const v = k % 3 === 0 ? k - 100 : k % 3 === 1 ? k / 8 : k * 1e6;
            if (intern([v, ...r.slice(0, 5), r[6]!], s) !== 0) wrong++;
            bits.add(store.bits);
        }
        expect(wrong).toBe(0);
        // Four values before the first carried step, a fifth at it: 4 bits, then every width after.
        expect([...bits]).toEqual([4, 8, 16, 64]);
        expect(store.count).toBe(rows.length);
        const g = { ...store.packed(), width: 7, nStates: store.count };
        expect(Array.from(stateValues(g))).toEqual(rows.flat());
    });
});

/**
 * x doubles and moves by a − b each step (c does nothing), and y = 3x + 1/3 is remembered
 * too: 2^(t+1) − 1 states after t steps, each reached twice or more, holding 2^(t+2) − 2
 * distinct values (the x and the y values never meet).
 */
const doubling = (horizon: number, step = '1') => buildSpec({
    name: 'doubling',
    envs: [{ label: 'E', horizon, actions: ['a', 'b', 'c'], nodes: [['x', `2 * x@1 + (a - b) * ${step} + 0 * y@1`], ['y', 'x * 3 + 1 / 3']] }],
    objectives: [['base', 'B', 'x'], ['mesa', 'M', 'a']], train: ['E'],
});

describe('widening in the middle of an exploration', () => {
    test.each([[5, '1', 8], [10, '1', 16], [15, '1', 64], [10, '0.5', 16], [15, '0.25', 64]] as const)(
        'horizon %i, steps of %s: %i-bit codes, the same graph as the reference explorer', (horizon, step, bits) => {
            const spec = doubling(horizon, step);
            const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
            const g = explore(ce, new Budget(1e7, undefined, undefined));
            expect(g.bits).toBe(bits);
            expect(g.nStates).toBe(2 ** (horizon + 2) - horizon - 3);
            const ref = referenceGraph(ce);
            expect(Array.from(g.layerStart)).toEqual(ref.layerStart);
            expect(Array.from(g.next)).toEqual(ref.next);
            expect(Array.from(stateValues(g))).toEqual(ref.values);
            for (const [name, r] of g.rewards) expect(Array.from(r)).toEqual(ref.rewards.get(name));
        });
});

describe('graphs', () => {
    test('are plain data: a structured clone reads the same states', () => {
        const spec = doubling(8);
        const g = explore(compileEnvironment(spec.environments[0]!, spec.objectives), new Budget(1e6, undefined, undefined));
        const copy = structuredClone(g);
        expect(copy.bits).toBe(16);
        expect(stateValues(copy)).toEqual(stateValues(g));
    });

    test('explored in shared memory: the same graph, every array there, rewards widened to double included', () => {
        // Steps of 1/3 make x's rewards need double precision; y = 3x + 1/3 widens the codes to raw values at horizon 15.
        const spec = doubling(15, '1 / 3');
        const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
        const plain = explore(ce, new Budget(1e7, undefined, undefined));
        const shared = explore(ce, new Budget(1e7, undefined, undefined), true);
        expect(shared.rewards.get('B')).toBeInstanceOf(Float64Array);
        for (const a of [shared.next, shared.codes, ...shared.rewards.values()]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(plain.next.buffer).toBeInstanceOf(ArrayBuffer);
        expect(shared.bits).toBe(plain.bits);
        expect(Array.from(shared.next)).toEqual(Array.from(plain.next));
        expect(Array.from(stateValues(shared))).toEqual(Array.from(stateValues(plain)));
        for (const [name, r] of plain.rewards) expect(Array.from(shared.rewards.get(name)!)).toEqual(Array.from(r));
    });

    test('the rows of states 100,000 values wide are reserved for the states the cap allows, not for 1,024', () => {
        const { lengths: reserved, thrown } = exploreRecording(wideEnvironment(), 'Uint32Array');
        expect((thrown as BudgetExceeded).budget).toBe('states');
        // Rows of 3,125 words (1-bit codes: every value is 0 or 1): 51 of them, where 1,024 would be 12.8 MB.
        expect(Math.max(...reserved)).toBe(51 * 3_125);
    });

    test('a widening past the memory bound ends the exploration there, with the bound the new width allows', () => {
        // 20 values a row: one word at 1 bit (10 states in 40 bytes), two at 2 bits (5).
        const store = new StateStore(20, new Int32Array(20).fill(-1), 1e12, 0, 40);
        expect(store.maxStates).toBe(10);
        for (let i = 0; i < 6; i++) store.intern(Float64Array.from({ length: 20 }, (_, k) => (k === i ? 1 : 0)), 0, 0, -1);
        let thrown: unknown;
        try {
            store.intern(Float64Array.from({ length: 20 }, (_, k) => (k === 0 ? 2 : 0)), 0, 0, -1);
        } catch (e) {
            thrown = e;
        }
        expect(thrown).toMatchObject({ budget: 'states', limit: 5, memoryBound: true });
    });

    test('the memory bound counts the packed rows at their width: 15 values are 4 bytes a state at 1 bit, 16 at 8 bits', () => {
        const spec = buildSpec({
            name: 'lamp', envs: [{ label: 'Lab', horizon: 40, actions: ['press'], nodes: [['lamp', 'press@15']] }],
            objectives: [['base', 'Light', 'lamp']], train: ['Lab'],
        });
        const ce = compileEnvironment(spec.environments[0]!, spec.objectives);
        // 4 bytes of codes, 2 × (4 + 8) of transitions and rewards, 16 of table: 44 bytes a state.
        const store = new StateStore(ce.width, ce.carried, 1e12, 2 * (4 + 8) + 16, 44 * 1000);
        expect(store.bytesPerState).toBe(44);
        expect(store.maxStates).toBe(1000);
        expect(store.memoryBound).toBe(true);
        // 30 distinct values widen the codes to 8 bits: 16 bytes of codes, 56 a state, 785 states in the same memory.
        for (const first of [2, 20]) store.intern(Float64Array.from({ length: ce.width }, (_, k) => k + first), 0, 0, -1);
        expect(store.bits).toBe(8);
        expect(store.bytesPerState).toBe(56);
        expect(store.maxStates).toBe(785);
    });
});
