/**
 * One graph, many passes (docs/simulation.md, Exploration): a whole run explores each
 * declared environment once, however many analyses make passes over it (optimum and
 * worst of every objective, the capability sweep's depth passes, intervals, the sample,
 * identifiability, EPIC, the candidate and objective searches, the learning path). The
 * distinguishing search explores environments of its own, under other labels.
 */
import { describe, expect, test, vi } from 'vitest';
import type * as ExploreModule from '../../language/simulation/explore.js';
import { simulate } from '../../language/simulation/index.js';
import { believer, buttonLamp, cleaning, evolution, garden, shop, thermostat } from './fixtures.js';

const seen = vi.hoisted(() => ({ labels: [] as string[] }));

vi.mock('../../language/simulation/explore.js', async importOriginal => {
    const original = await importOriginal<typeof ExploreModule>();
    return {
        ...original,
        explore: (...args: Parameters<typeof original.explore>) => {
            seen.labels.push(args[0].env.label);
            return original.explore(...args);
        },
    };
});

describe('each declared environment is explored once per run', () => {
    test.each([
        ['button-lamp', buttonLamp], ['believer', believer], ['cleaning', cleaning], ['evolution', evolution],
        ['garden', garden], ['shop', shop], ['thermostat', thermostat],
    ])('%s', (_, spec) => {
        seen.labels.length = 0;
        const report = simulate(spec);
        const declared = spec.environments.filter(e => !e.qualitative).map(e => e.label);
        const counts = declared.map(label => seen.labels.filter(l => l === label).length);
        expect(counts).toEqual(declared.map(() => 1));
        // The report's analyses did run over them (every simulated environment has its states).
        expect(report.environments.filter(e => e.simulated).map(e => e.label).sort()).toEqual([...declared].sort());
    });

    test('button-lamp: its two environments once each, with every analysis on', () => {
        seen.labels.length = 0;
        const report = simulate(buttonLamp);
        expect(seen.labels.filter(l => l === 'Lab')).toHaveLength(1);
        expect(seen.labels.filter(l => l === 'LabWithSwitch')).toHaveLength(1);
        expect(report.optimizers.map(o => o.sweep[0]!.points.length)).toEqual([40, 40]);
        expect(report.learningPath).not.toBeNull();
        expect(report.candidates.computed).toBe(true);
    });
});
