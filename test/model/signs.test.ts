/**
 * The sign and delay analysis of docs/language.md (Edge signs) as a pure function, on the examples' edges.
 */
import { describe, expect, test } from 'vitest';
import type { ValueSign } from '../../language/model/signs.js';
import { movedSigns, valueSign, valueSignTable } from '../../language/model/signs.js';
import type { CausalEdge, Expr } from '../../language/model/spec.js';
import { compiled, exampleText } from '../helpers/services.js';

async function edges(example: string, env: string): Promise<CausalEdge[]> {
    const spec = await compiled(exampleText(example));
    return spec.environments.find(e => e.label === env)!.graph.edges;
}

function edge(list: CausalEdge[], from: string, to: string, delay: number): CausalEdge | undefined {
    return list.find(e => e.from === from && e.to === to && e.delay === delay);
}

describe('sign and delay of causal edges', () => {
    test('cleaning: sweep * (floor@1 > 0) is + in both, with floor delayed by 1', async () => {
        for (const env of ['Room', 'Home']) {
            const list = await edges('cleaning', env);
            expect(edge(list, 'sweep', 'dusty_sweeps', 0)?.sign).toBe('+');
            expect(edge(list, 'floor', 'dusty_sweeps', 1)?.sign).toBe('+');
        }
    });

    test('cleaning: -floor is − in floor; floor@1 - dusty_sweeps is + and −', async () => {
        const list = await edges('cleaning', 'Room');
        expect(edge(list, 'floor', 'Clean', 0)).toMatchObject({ sign: '-', toObjective: true });
        expect(edge(list, 'floor', 'floor', 1)?.sign).toBe('+');
        expect(edge(list, 'dusty_sweeps', 'floor', 0)?.sign).toBe('-');
    });

    test('cleaning Home: a product with a value of unknown sign is ±', async () => {
        // bin = bin@1 + dusty_sweeps - scatter * bin@1 can fall, so the analysis cannot show bin ≥ 0.
        const list = await edges('cleaning', 'Home');
        expect(edge(list, 'scatter', 'floor', 0)?.sign).toBe('±');
        expect(edge(list, 'scatter', 'bin', 0)?.sign).toBe('±');
        expect(edge(list, 'bin', 'bin', 1)?.sign).toBe('±');
        expect(edge(list, 'dusty_sweeps', 'bin', 0)?.sign).toBe('+');
    });

    test('thermostat: abs(temp - 21) is ± in temp', async () => {
        const list = await edges('thermostat', 'Radiator');
        expect(edge(list, 'temp', 'Comfort', 0)?.sign).toBe('±');
        expect(edge(list, 'temp', 'RoughComfort', 0)?.sign).toBe('±');
        expect(edge(list, 'cool', 'temp', 0)?.sign).toBe('-');
    });

    test('button-lamp: press@10 is + with delay 10; press@10 + flip > 0 is + in both', async () => {
        expect(edge(await edges('button-lamp', 'Lab'), 'press', 'lamp', 10)?.sign).toBe('+');
        const withSwitch = await edges('button-lamp', 'LabWithSwitch');
        expect(edge(withSwitch, 'press', 'lamp', 10)?.sign).toBe('+');
        expect(edge(withSwitch, 'flip', 'lamp', 0)?.sign).toBe('+');
    });

    test('shop: min(groomed@1 + groom, 4) is +; honest = sell - scam is −  in scam', async () => {
        const list = await edges('shop', 'Shop');
        expect(edge(list, 'groomed', 'groomed', 1)?.sign).toBe('+');
        expect(edge(list, 'groom', 'groomed', 0)?.sign).toBe('+');
        expect(edge(list, 'scam', 'honest', 0)?.sign).toBe('-');
        expect(edge(list, 'scam', 'satisfaction', 0)?.sign).toBe('-');
    });

    test('evolution: qualitative parents keep their declared signs', async () => {
        const list = await edges('evolution', 'Ancestral');
        expect(edge(list, 'forage', 'pain', 0)?.sign).toBe('-');
        expect(edge(list, 'pain', 'survival', 0)?.sign).toBe('-');
        expect(edge(list, 'pain', 'Pleasure', 0)?.sign).toBe('-');
    });
});

describe('value signs of min, max and clamp', () => {
    // Each sign by the values it allows (a small sample is enough for these operators).
    const values: Record<ValueSign, number[]> = { zero: [0], nonneg: [0, 1, 2], nonpos: [-2, -1, 0], any: [-2, -1, 0, 1, 2] };
    const SIGNS = Object.keys(values) as ValueSign[];
    /** The tightest sign of every value `f` takes over the argument signs `signs`, by enumeration. */
    function tightest(signs: ValueSign[], f: (xs: number[]) => number): ValueSign {
        let combos: number[][] = [[]];
        for (const s of signs) combos = combos.flatMap(prefix => values[s].map(v => [...prefix, v]));
        const results = combos.map(f);
        if (results.every(r => r === 0)) return 'zero';
        if (results.every(r => r >= 0)) return 'nonneg';
        if (results.every(r => r <= 0)) return 'nonpos';
        return 'any';
    }
    const call = (fn: 'min' | 'max' | 'clamp', signs: ValueSign[]): Expr => ({ kind: 'call', fn, args: signs.map((_, i) => ({ kind: 'ref', name: `x${i}`, delay: 0 })) });
    const lookupOf = (signs: ValueSign[]) => ({ signOf: (name: string) => signs[Number(name.slice(1))]! });
    const tuples = (k: number): ValueSign[][] => k === 0 ? [[]] : tuples(k - 1).flatMap(t => SIGNS.map(s => [...t, s]));

    test('every tuple of argument signs gives the tightest sign enumeration finds', () => {
        let checked = 0;
        for (const k of [1, 2, 3]) {
            for (const signs of tuples(k)) {
                expect(valueSign(call('min', signs), lookupOf(signs)), `min ${signs.join(',')}`).toBe(tightest(signs, xs => Math.min(...xs)));
                expect(valueSign(call('max', signs), lookupOf(signs)), `max ${signs.join(',')}`).toBe(tightest(signs, xs => Math.max(...xs)));
                if (k === 3) {
                    expect(valueSign(call('clamp', signs), lookupOf(signs)), `clamp ${signs.join(',')}`).toBe(tightest(signs, ([x, lo, hi]) => Math.min(Math.max(x!, lo!), hi!)));
                }
                checked++;
            }
        }
        expect(checked).toBe(4 + 16 + 64);
    });
});

describe('signs that moved between two tables', () => {
    const ref = (name: string): Expr => ({ kind: 'ref', name, delay: 0 });
    test('a node added, a sign changed, a start sign changed, a node removed', () => {
        const before = valueSignTable(['go'], [
            { name: 'a', init: 0, rule: ref('go') },
            { name: 'b', init: 1, rule: ref('a') },
            { name: 'gone', init: 0, rule: ref('go') },
        ]);
        const after = valueSignTable(['go'], [
            { name: 'a', init: 0, rule: ref('go') },
            { name: 'b', init: -1, rule: ref('a') },
            { name: 'c', init: 0, rule: { kind: 'unary', op: '-', operand: ref('a') } },
        ]);
        // b's start went from ≥ 0 to ≤ 0, its value from ≥ 0 to any.
        expect(after.signOf('b', 0)).toBe('any');
        expect([...movedSigns(before, after)].sort()).toEqual(['b', 'c', 'gone']);
        expect(movedSigns(before, before).size).toBe(0);
    });
});
