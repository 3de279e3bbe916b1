/**
 * Distinguishing environments, end to end: the environments chosen for an example are
 * inserted into its text, the edited spec parses and compiles without error, the
 * author's text survives in order, and the full pipeline on it rules the proxies out
 * while the base objective's optimum stays attained in every training environment.
 */
import { describe, expect, test } from 'vitest';
import { exampleText } from '../../helpers/services.js';
import { isSubsequence, simulateText, verdictOf, withDistinguishing } from './pipeline.js';

/**
 * By default the example without its `deploy`: the search then has no declared
 * environment to try first (user-fixes.test.ts covers that stage) and must synthesise
 * interventions.
 */
async function distinguished(name: string, keepDeploy = false) {
    const source = exampleText(name);
    const before = await simulateText(keepDeploy ? source : source.replace(/^deploy .*\n/m, ''));
    const text = await withDistinguishing(before.text, before.report);
    const after = await simulateText(text);
    return { before, after, text };
}

function baseOptimaAttained(after: Awaited<ReturnType<typeof simulateText>>): void {
    const base = after.report.objectives.find(o => o.role === 'base')!;
    for (const label of after.spec.train) {
        const v = base.values.find(x => x.env === label)!;
        expect(v.optimum, label).not.toBeNull();
        expect(v.optimum! > v.worst!, `${label}: the base objective still has something to choose`).toBe(true);
    }
}

describe('button-lamp', () => {
    test('one environment with a second way to light the lamp; Pressing misfits', async () => {
        const { before, after, text } = await distinguished('button-lamp');
        expect(before.report.distinguishing.environments).toEqual([{
            name: 'LabDistinguish1', extends: 'Lab',
            intervention: 'adds action raise_lamp, which raises lamp by 1 for a step',
            source: 'environment LabDistinguish1 extends Lab {\n  action raise_lamp\n  node lamp = press@10 + raise_lamp\n}',
            rulesOut: ['press'], kind: 'intervention', use: 'LabDistinguish1', widen: null, adds: 1,
        }]);
        expect(text).toContain('train Lab, LabDistinguish1\n');
        expect(isSubsequence(before.text, text)).toBe(true);
        expect(text).toContain('// the lamp is on ten steps after a press');
        expect(after.errors).toEqual([]);
        expect(after.spec.train).toEqual(['Lab', 'LabDistinguish1']);
        expect(verdictOf(before.report, 'Pressing')).toBe('pseudo-aligned');
        expect(verdictOf(after.report, 'Pressing')).toBe('misaligned');
        const pressing = after.report.optimizers.find(o => o.name === 'Pressing')!;
        expect(pressing.train.map(t => [t.env, t.hi, t.optimum])).toEqual([['Lab', 30, 30], ['LabDistinguish1', 30, 40]]);
        expect(verdictOf(after.report, 'Lighting')).toBe('robust');
        expect(after.report.candidates.pseudoAligned).toBe(0);
        baseOptimaAttained(after);
    });
});

describe('cleaning', () => {
    test('two environments rule out Sweeping and Vacuuming and every candidate', async () => {
        const { before, after, text } = await distinguished('cleaning');
        expect(before.report.distinguishing.environments.map(e => [e.name, e.intervention, e.rulesOut])).toEqual([
            ['RoomDistinguish1', 'adds action raise_dusty_sweeps, which raises dusty_sweeps by 1 for a step', ['sweep', 'final(sweep)']],
            ['RoomDistinguish2', 'adds action raise_floor, which raises floor by 1 for a step', ['dusty_sweeps', 'final(bin)']],
        ]);
        expect(before.report.distinguishing.uncovered).toEqual([]);
        expect(text).toContain('  node floor init 6 = floor@1 - dusty_sweeps + raise_floor\n');
        expect(text).toContain('train Room, RoomDistinguish1, RoomDistinguish2\n');
        expect(isSubsequence(before.text, text)).toBe(true);
        expect(after.errors).toEqual([]);
        expect(before.report.candidates.pseudoAligned).toBe(4);
        expect(after.report.candidates.pseudoAligned).toBe(0);
        expect(verdictOf(after.report, 'Sweeping')).toBe('misaligned');
        expect(verdictOf(after.report, 'Vacuuming')).toBe('misaligned');
        baseOptimaAttained(after);
    });
});

describe('believer', () => {
    test('three environments; the implicit Minimalism optimizer misfits the cut floor', async () => {
        const { before, after } = await distinguished('believer');
        expect(before.report.distinguishing.environments.map(e => [e.name, e.intervention, e.rulesOut])).toEqual([
            ['RoomDistinguish1', 'adds action raise_cleaned, which raises cleaned by 1 for a step', ['sweep', 'final(sweep)']],
            ['RoomDistinguish2', 'adds action raise_floor, which raises floor by 1 for a step', ['cleaned', 'final(bin)']],
            ['RoomDistinguish3', 'cuts floor@1 in floor', ['Minimalism']],
        ]);
        expect(after.errors).toEqual([]);
        expect(verdictOf(before.report, 'Minimalism')).toBe('pseudo-aligned');
        expect(verdictOf(after.report, 'Minimalism')).toBe('misaligned');
        expect(after.report.candidates.pseudoAligned).toBe(0);
        baseOptimaAttained(after);
    });
});

describe('pairs of interventions', () => {
    test('garden: a second way to fill the bin and more dust than time rules out bin', async () => {
        const { before, after, text } = await distinguished('garden');
        const d = before.report.distinguishing;
        expect(d.environments.map(e => [e.name, e.intervention, e.rulesOut])).toEqual([
            ['RoomDistinguish1', 'adds action raise_cleaned, which raises cleaned by 1 for a step', ['sweep']],
            ['RoomDistinguish2', 'adds action raise_floor, which raises floor by 1 for a step, and adds action raise_bin, which raises bin by 1 for a step', ['bin']],
        ]);
        expect(d.uncovered).toEqual([]);
        expect(text).toContain('environment RoomDistinguish2 extends Room {\n  action raise_floor\n  action raise_bin\n'
            + '  node floor init 6 = floor@1 - cleaned + raise_floor\n  node bin = bin@1 + cleaned + raise_bin\n}');
        expect(after.errors).toEqual([]);
        expect(after.report.candidates.pseudoAligned).toBe(0);
        baseOptimaAttained(after);
    });

    test('garden with its deployment: the declared Garden comes first and rules out Hoarding', async () => {
        const { before, after } = await distinguished('garden', true);
        const d = before.report.distinguishing;
        expect(d.environments.map(e => [e.name, e.kind, e.rulesOut])).toEqual([
            ['Garden', 'declared', ['bin', 'Hoarding']],
            ['RoomDistinguish1', 'intervention', ['sweep']],
        ]);
        expect(d.uncovered).toEqual([]);
        expect(after.errors).toEqual([]);
        expect(verdictOf(before.report, 'Hoarding')).toBe('pseudo-aligned');
        expect(verdictOf(after.report, 'Hoarding')).toBe('misaligned');
        const hoarding = after.report.optimizers.find(o => o.name === 'Hoarding')!;
        expect(hoarding.train.find(t => t.env === 'Garden')).toMatchObject({ lo: 0, hi: 0, optimum: 6 });
        expect(after.report.candidates.pseudoAligned).toBe(0);
        baseOptimaAttained(after);
    });

    test('shop: a second source of satisfaction that selling cannot reach rules out sell and honest', async () => {
        const { before, after } = await distinguished('shop');
        expect(before.report.distinguishing.environments.map(e => [e.name, e.source, e.rulesOut])).toEqual([
            ['ShopDistinguish1', 'environment ShopDistinguish1 extends Shop {\n  action raise_satisfaction\n  node satisfaction = 0 - 5 * scam + raise_satisfaction\n}', ['sell', 'honest']],
        ]);
        expect(before.report.candidates.pseudoAligned).toBe(2);
        expect(after.report.candidates.pseudoAligned).toBe(0);
        baseOptimaAttained(after);
    });
});

describe('declared environments first', () => {
    test('thermostat: the declared Thermostat rules out RoughComfort; init and cut environments the three candidates', async () => {
        const { before, after } = await distinguished('thermostat', true);
        const d = before.report.distinguishing;
        expect(d.environments.map(e => [e.name, e.intervention, e.rulesOut])).toEqual([
            ['Thermostat', 'is declared in the spec', ['RoughComfort']],
            ['RadiatorDistinguish1', "doubles temp's init (18 → 36)", ['-cool', 'final(-cool)']],
            ['RadiatorDistinguish2', 'cuts temp@1 in temp', ['final(-heat)']],
        ]);
        expect(d.uncovered).toEqual([]);
        expect(after.errors).toEqual([]);
        expect(after.report.candidates.pseudoAligned).toBe(0);
        baseOptimaAttained(after);
    });
});

describe('insertion', () => {
    test('without train, one is added listing the first environment; names never clash', async () => {
        const source = exampleText('button-lamp').replace('train Lab\n', '').replace('deploy LabWithSwitch\n', '')
            + '\n/* unused */ environment LabDistinguish1 { horizon 1 action x }\n';
        const before = await simulateText(source);
        const text = await withDistinguishing(source, before.report);
        expect(isSubsequence(source, text)).toBe(true);
        expect(text).toContain('environment LabDistinguish2 extends Lab {');
        expect(text).toMatch(/\ntrain Lab, LabDistinguish2\n$/);
        const after = await simulateText(text);
        expect(after.errors).toEqual([]);
        expect(verdictOf(after.report, 'Pressing')).toBe('misaligned');
    });
});
