/**
 * The `diversity-threshold` finding and its wording (docs/analyses.md, Weights and the
 * diversity sweep), on hand-built reports whose sweep is computed by hand in
 * test/simulation/diversity.test.ts: A 0.98, B 0.02, Proxy 9.75 − 10s, Robust 8.75 + 22s,
 * s* = 1/32.
 */
import { describe, expect, test } from 'vitest';
import { diversitySentence, diversityThresholdFinding, environmentsText, percent } from '../../language/findings/diversity-threshold.js';
import { settledVerdicts, simulationFindings } from '../../language/findings/simulation-findings.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { diversitySweep } from '../../language/simulation/diversity.js';
import type { OptimizerReport, Report } from '../../language/simulation/report.js';
import { select } from '../../language/simulation/select.js';
import { optimizer, weightedSpec } from '../simulation/diversity-fixtures.js';

function reportOf(spec: CompiledSpec, optimizers: OptimizerReport[]): Report {
    return {
        spec: spec.uri, seed: 1, environments: [], objectives: [], optimizers,
        selection: select(spec, optimizers),
        candidates: { computed: false, enumerated: 0, pseudoAligned: 0, byBits: [] },
        distinguishing: { computed: false, environments: [], uncovered: [] },
        samples: [], diversity: diversitySweep(spec, optimizers), incomplete: [],
    };
}

const spec = weightedSpec([['A', 0.98], ['B', 0.02]], 0.25);
const proxy = optimizer('Proxy', 'misaligned', [['A', 10, 10], ['B', 0, 32]], 1);
const robust = optimizer('Robust', 'robust', [['A', 10, 10], ['B', 32, 32]], 5);

describe('diversity-threshold', () => {
    test('info on train: the robust winner, the swept environment, the threshold and the declared share', () => {
        const finding = diversityThresholdFinding(spec, reportOf(spec, [proxy, robust]))!;
        expect(finding.code).toBe('diversity-threshold');
        expect(finding.severity).toBe('info');
        expect(finding.message).toBe('Selection picks Robust only when at least 3.1% of training is in B; at the declared 2.0% it picks Proxy.');
        expect(finding.location).toEqual(spec.locations.train);
        expect(finding.related.map(r => r.message)).toEqual(['swept environment B', 'selected Proxy', 'robust Robust']);
    });

    test('among the other simulation findings; the misaligned winner is not said to be rejected', () => {
        const findings = simulationFindings(spec, reportOf(spec, [proxy, robust]));
        expect(findings.filter(f => f.code === 'diversity-threshold')).toHaveLength(1);
        expect(findings.find(f => f.code === 'misaligned')!.message).toBe(
            "Proxy does not fit training: in B its behaviour scores [0, 0] against Base's optimum 32, yet selection picks it: its score after penalties is the best.");
        // A misaligned objective that selection picks settles no proxy warning.
        expect(settledVerdicts(reportOf(spec, [proxy, robust])).has('Proxy')).toBe(false);
        expect(settledVerdicts({ optimizers: [proxy] }).get('Proxy')).toBe('misaligned');
    });

    test('no share makes a robust optimizer win: says so, with the winner at 100%', () => {
        const costly = optimizer('Costly', 'robust', [['A', 10, 10], ['B', 32, 32]], 200);
        expect(diversitySentence(spec, reportOf(spec, [proxy, costly]))).toBe(
            'No share of training in B makes selection pick a robust optimizer (Costly): even at 100% it picks Proxy.');
    });

    test('silent without a sweep, without a robust optimizer, and when a robust one already wins', () => {
        expect(diversityThresholdFinding(spec, reportOf(spec, [robust]))).toBeUndefined();
        expect(diversityThresholdFinding(spec, reportOf(spec, [proxy]))).toBeUndefined();
        // Tie at the declared weights: Twin (misfits B, depth 2.44) scores 9.8 − 0.61 = 9.19, as Robust does (10.44 − 1.25).
        const twin = optimizer('Twin', 'misaligned', [['A', 10, 10], ['B', 0, 32]], 2.44);
        const report = reportOf(spec, [twin, robust]);
        expect(report.selection.winners).toEqual(['Twin', 'Robust']);
        expect(report.diversity).not.toBeNull();
        expect(diversityThresholdFinding(spec, report)).toBeUndefined();
    });

    test('a range of one environment reads as it is written: Level(coin in 0..3)', () => {
        const level = weightedSpec([['Level(coin=4)', 0.98], ['Level(coin=0)', 0.005], ['Level(coin=1)', 0.005], ['Level(coin=2)', 0.005], ['Level(coin=3)', 0.005]], 0);
        expect(environmentsText(level, ['Level(coin=0)', 'Level(coin=1)', 'Level(coin=2)', 'Level(coin=3)'])).toBe('Level(coin in 0..3)');
        expect(environmentsText(level, ['Level(coin=0)', 'Level(coin=2)'])).toBe('Level(coin=0) and Level(coin=2)');
        expect(environmentsText(level, ['Level(coin=3)'])).toBe('Level(coin=3)');
        const two = weightedSpec([['A', 1], ['B', 1], ['C', 1]], 0);
        expect(environmentsText(two, ['A', 'B', 'C'])).toBe('A, B and C');
    });

    test('shares as percentages with one decimal, more only where one would say 0% or 100%', () => {
        expect(percent(1 / 32)).toBe('3.1%');
        expect(percent(0.02)).toBe('2.0%');
        expect(percent(0)).toBe('0.0%');
        expect(percent(1)).toBe('100.0%');
        expect(percent(0.0004)).toBe('0.04%');
        expect(percent(0.99996)).toBe('99.996%');
    });
});
