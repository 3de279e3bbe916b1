/**
 * The static analyses of docs/analyses.md on the bundled examples (its expected verdicts).
 */
import { describe, expect, test } from 'vitest';
import { staticFindings } from '../../language/findings/static-analysis.js';
import { compiled, exampleText } from '../helpers/services.js';

async function findings(example: string) {
    return staticFindings(await compiled(exampleText(example)));
}

function on(list: Awaited<ReturnType<typeof findings>>, code: string) {
    return list.filter(f => f.code === code);
}

describe('static analyses on the examples', () => {
    test('button-lamp: Pressing is a side-effect proxy and pre-computes Light; Lighting gets nothing', async () => {
        const list = await findings('button-lamp');
        const sideEffect = on(list, 'proxy-side-effect');
        expect(sideEffect).toHaveLength(1);
        expect(sideEffect[0]!.message).toBe('Pressing is a side-effect proxy of Light in Lab: raising Pressing through press raises Light (press → (@10) lamp → Light).');
        expect(sideEffect[0]!.location.range).toEqual({ start: { line: 15, character: 15 }, end: { line: 15, character: 23 } });
        expect(sideEffect[0]!.related.map(r => r.message)).toEqual(['press: start of the path', 'press → lamp (+, delay 10)', 'base objective Light']);
        const pre = on(list, 'precomputation');
        expect(pre).toHaveLength(1);
        expect(pre[0]!.message).toContain("its targets are 0 steps and 0 links from an action, Light's are 10 steps and 1 link");
        expect(list.filter(f => f.message.startsWith('Lighting'))).toEqual([]);
    });

    test('cleaning: Sweeping side-effect, Vacuuming general via dusty_sweeps', async () => {
        const list = await findings('cleaning');
        expect(on(list, 'proxy-side-effect').map(f => f.message)).toEqual([
            'Sweeping is a side-effect proxy of Clean in Room: raising Sweeping through dusty_sweeps raises Clean (dusty_sweeps → floor → Clean).',
        ]);
        const general = on(list, 'proxy-general');
        expect(general).toHaveLength(1);
        expect(general[0]!.message).toMatch(/^Vacuuming is a general proxy of Clean in Room: dusty_sweeps raises both/);
    });

    test('garden: Hoarding is an instrumental proxy', async () => {
        const list = await findings('garden');
        expect(on(list, 'proxy-instrumental').map(f => f.message)).toEqual([
            'Hoarding is an instrumental proxy of Cleaning in Room: raising Cleaning through cleaned raises Hoarding (cleaned → bin → Hoarding).',
        ]);
    });

    test('thermostat: RoughComfort is an approximate target and nothing else', async () => {
        const list = await findings('thermostat');
        expect(list.map(f => f.code)).toEqual(['approximate-target']);
        expect(list[0]!.message).toContain('RoughComfort reads exactly what Comfort reads (temp)');
    });

    test('evolution: Pleasure side-effect via food, pre-computation 1 link against 2, qualitative-only', async () => {
        const list = await findings('evolution');
        expect(on(list, 'proxy-side-effect')[0]!.message).toMatch(/raising Pleasure through food raises Fitness/);
        expect(on(list, 'precomputation')[0]!.message).toContain("its targets are 0 steps and 1 link from an action, Fitness's are 0 steps and 2 links");
        expect(on(list, 'qualitative-only').map(f => f.message)).toEqual([
            'Ancestral has qualitative nodes (food, community, pain, mating, survival, offspring): its causal graph is analysed, but it is not simulated.',
        ]);
    });

    test('no-causal-link when nothing relates the objectives', async () => {
        const list = staticFindings(await compiled(`environment E { horizon 3 action a, b node x = a node y = b }
objective base B = x
objective mesa M = y
train E`));
        expect(list.map(f => f.code)).toEqual(['no-causal-link']);
    });

    test('a pair related only through ± paths gets proxy-general with sign unknown', async () => {
        const list = staticFindings(await compiled(`environment E { horizon 3 action a node t init 20 = t@1 + a node x = abs(t - 21) node y = abs(t - 19) }
objective base B = x
objective mesa M = y
train E`));
        const general = on(list, 'proxy-general');
        expect(general).toHaveLength(1);
        expect(general[0]!.message).toContain('sign unknown');
    });
});
