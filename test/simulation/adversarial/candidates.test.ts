/**
 * Candidate enumeration (docs/simulation.md, Candidate objectives): the forms and their sizes, and the counts of
 * fitting-but-not-robust candidates by description length on the examples.
 */
import { describe, expect, test } from 'vitest';
import { simulationFindings } from '../../../language/findings/simulation-findings.js';
import { enumerateCandidates } from '../../../language/simulation/adversarial/enumerate.js';
import { simulate } from '../../../language/simulation/index.js';
import type { CompiledObjective } from '../../../language/model/spec.js';
import { IssueCodes } from '../../../language/validation/codes.js';
import { compiled, exampleText } from '../../helpers/services.js';

const objective = (expression: CompiledObjective['expression'], size: number, aggregate: 'sum' | 'final' = 'sum'): CompiledObjective => ({
    name: 'B', role: 'base', aggregate, expression, size, text: '', location: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
});

describe('enumeration', () => {
    test('forms, sizes and order; the base objective itself is skipped', () => {
        const base = objective({ kind: 'binary', op: '+', left: { kind: 'ref', name: 'b', delay: 0 }, right: { kind: 'ref', name: 'a', delay: 0 } }, 3);
        const all = enumerateCandidates(['a', 'b'], 4, base);
        expect(all.map(c => `${c.text}:${c.size}`)).toEqual([
            'a:1', 'b:1', '-a:2', '-b:2', 'final(a):2', 'final(b):2',
            'final(-a):3', 'final(-b):3', 'a - b:3', 'b - a:3', '-(a + b):4',
        ]);
        expect(enumerateCandidates(['a', 'b'], 1, objective({ kind: 'ref', name: 'a', delay: 0 }, 1)).map(c => c.text)).toEqual(['b']);
    });
});

describe('candidates on the examples', () => {
    test('button-lamp: only size-1 candidates fit in 3.81 bits; press is pseudo-aligned', async () => {
        const report = simulate(await compiled(exampleText('button-lamp')));
        expect(report.candidates).toMatchObject({ computed: true, enumerated: 1, pseudoAligned: 1 });
        expect(report.candidates.byBits).toHaveLength(1);
        expect(report.candidates.byBits[0]!.bits).toBeCloseTo(Math.log2(14), 9);
        expect(report.candidates.byBits[0]).toMatchObject({ enumerated: 1, pseudoAligned: 1, examples: ['press'] });
    });

    test('cleaning: 11 candidates within 8 bits, 4 pseudo-aligned', async () => {
        const report = simulate(await compiled(exampleText('cleaning')));
        expect(report.candidates).toMatchObject({ computed: true, enumerated: 11, pseudoAligned: 4 });
        expect(report.candidates.byBits).toEqual([
            { bits: 4, enumerated: 4, pseudoAligned: 2, examples: ['sweep', 'dusty_sweeps'] },
            { bits: 8, enumerated: 7, pseudoAligned: 2, examples: ['final(sweep)', 'final(bin)'] },
        ]);
    });

    test('thermostat: a long base objective admits every form (24 candidates, 3 pseudo-aligned)', async () => {
        const report = simulate(await compiled(exampleText('thermostat')));
        expect(report.candidates.enumerated).toBe(24);
        expect(report.candidates.byBits.map(b => [b.enumerated, b.pseudoAligned])).toEqual([[3, 0], [6, 1], [12, 2], [3, 0]]);
    });

    test('qualitative training is not enumerated', async () => {
        const report = simulate(await compiled(exampleText('evolution')));
        expect(report.candidates.computed).toBe(false);
        expect(report.distinguishing.computed).toBe(false);
    });

    test('adversarial: false skips it; the rest of the report is unchanged', async () => {
        const spec = await compiled(exampleText('cleaning'));
        const on = simulate(spec), off = simulate(spec, { adversarial: false });
        expect(off.candidates.computed).toBe(false);
        expect(off.distinguishingGrowth).toEqual([]);
        expect({ ...off, candidates: null, distinguishing: null, distinguishingGrowth: null }).toEqual({ ...on, candidates: null, distinguishing: null, distinguishingGrowth: null });
    });

    test('deterministic: byte-identical JSON', async () => {
        const spec = await compiled(exampleText('believer'));
        expect(JSON.stringify(simulate(spec))).toBe(JSON.stringify(simulate(spec)));
    });

    test('a tiny time budget leaves it incomplete, never partial', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const report = simulate(spec, { signal: { cancelled: true } });
        expect(report.candidates.computed).toBe(false);
        expect(report.incomplete.length).toBeGreaterThan(0);
    });
});

describe('underdetermined-training', () => {
    test('button-lamp: on train, counting press, with the environments as data', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const finding = simulationFindings(spec, simulate(spec)).find(f => f.code === IssueCodes.UnderdeterminedTraining)!;
        expect(finding.severity).toBe('warning');
        expect(finding.location).toEqual(spec.locations.train);
        expect(finding.message).toMatch(/^1 enumerated objective no longer than Light \(3\.81 bits\) fits training without being robust: press\./);
        // The deployment environment, declared in the spec, is the fix a user writes first (docs/analyses.md, Distinguishing environments).
        expect(finding.message).toContain('Training also in LabWithSwitch (quick fix) rules out press.');
        expect(finding.data).toMatchObject({ environments: [{ name: 'LabWithSwitch', kind: 'declared' }] });
    });

    test('without train it is on the first environment', async () => {
        const spec = await compiled(exampleText('button-lamp').replace('train Lab\n', ''));
        const finding = simulationFindings(spec, simulate(spec)).find(f => f.code === IssueCodes.UnderdeterminedTraining)!;
        expect(finding.location).toEqual(spec.environments.find(e => e.label === 'Lab')!.location);
    });
});
