/**
 * The expected figures (docs/analyses.md) on the hand-built compiled specs of the examples, plus
 * witnesses and the per-state comparison behind the thermostat's "approximate".
 */
import { describe, expect, test } from 'vitest';
import { Context } from '../../language/simulation/context.js';
import { Budget } from '../../language/simulation/errors.js';
import { evaluateIn } from '../../language/simulation/optimizer.js';
import { simulate } from '../../language/simulation/index.js';
import { FIGURES, optimizer } from './figures.js';
import * as fixtures from './fixtures.js';

const specs = {
    'button-lamp': fixtures.buttonLamp,
    cleaning: fixtures.cleaning,
    garden: fixtures.garden,
    believer: fixtures.believer,
    shop: fixtures.shop,
    thermostat: fixtures.thermostat,
    evolution: fixtures.evolution,
};

describe('expected figures (hand-built specs)', () => {
    for (const [name, spec] of Object.entries(specs)) {
        test(name, () => FIGURES[name]!(simulate(spec)));
    }
});

describe('witnesses', () => {
    test('button-lamp: Pressing keeps pressing after step 30, where the lamp no longer counts', () => {
        const w = optimizer(simulate(fixtures.buttonLamp), 'Pressing').witness!;
        expect(w).toMatchObject({ env: 'Lab', step: 31, optimizerActions: ['press'], baseActions: ['wait', 'press'], of: 'optimizer', onPolicy: true });
        expect(w.path).toEqual(Array(30).fill('press'));
        expect(w.values['press@1']).toBe(1);
        expect(w.values['press@10']).toBe(1);
    });
    test('cleaning: Sweeping may wait on a dusty floor', () => {
        const w = optimizer(simulate(fixtures.cleaning), 'Sweeping').witness!;
        expect(w).toMatchObject({ env: 'Room', step: 1, optimizerActions: ['wait', 'sweep'], baseActions: ['sweep'], path: [] });
        expect(w.values['floor@1']).toBe(6);
    });
    test('believer: the witness is the unlimited optimizer\'s, since the believer itself matches the base everywhere', () => {
        const w = optimizer(simulate(fixtures.believer), 'Believer').witness!;
        expect(w).toMatchObject({ env: 'Room', of: 'unlimited', optimizerActions: ['wait', 'sweep'], baseActions: ['sweep'] });
    });
    test('thermostat: RoughComfort has the base optimum\'s actions at every state of Radiator', () => {
        const ctx = new Context(fixtures.thermostat, new Budget(1e6, undefined, undefined));
        const planner = { name: 'RoughComfort', objective: 'RoughComfort', model: null, depth: null };
        const radiator = evaluateIn(ctx, planner, 'Radiator')!;
        expect(radiator.diffAnywhere).toBe(-1);
        const thermostat = evaluateIn(ctx, planner, 'Thermostat')!;
        expect(thermostat.diffAnywhere).toBeGreaterThanOrEqual(0);
    });
    test('robust and misaligned optimizers have no witness', () => {
        expect(optimizer(simulate(fixtures.buttonLamp), 'Lighting').witness).toBeNull();
        expect(optimizer(simulate(fixtures.shop), 'Commission').witness).toBeNull();
    });
});

describe('report content', () => {
    test('environments carry roles, state counts and deployment changes', () => {
        const r = simulate(fixtures.buttonLamp);
        const lab = r.environments.find(e => e.label === 'Lab')!;
        const sw = r.environments.find(e => e.label === 'LabWithSwitch')!;
        expect(lab).toMatchObject({ roles: ['train'], simulated: true, skipped: null, changes: { addedActions: [], addedNodes: [], changedNodes: [] } });
        expect(lab.states).toBe(32767);
        expect(sw).toMatchObject({ roles: ['deploy'], changes: { addedActions: ['flip'], addedNodes: [], changedNodes: ['lamp'] } });
    });
    test('capability sweep of Lighting: nothing below depth 11 is guaranteed', () => {
        const lighting = optimizer(simulate(fixtures.buttonLamp), 'Lighting');
        const points = lighting.sweep[0]!.points;
        expect(points).toHaveLength(40);
        expect(points[9]).toEqual({ depth: 10, lo: 0, hi: 30 });
        expect(points[10]).toEqual({ depth: 11, lo: 30, hi: 30 });
    });
    test('bits: size × log2(names + 12)', () => {
        const r = simulate(fixtures.cleaning);
        const vac = r.objectives.find(o => o.name === 'Vacuuming')!;
        expect(vac.size).toBe(2);
        expect(vac.bits).toBeCloseTo(2 * Math.log2(4 + 12), 9);
        expect(optimizer(r, 'Vacuuming').bits).toBe(vac.bits);
    });
    test('samples: one entry per simulated environment with a pair per mesa objective', () => {
        const r = simulate(fixtures.cleaning, { samples: 40 });
        expect(r.samples.map(s => s.env)).toEqual(['Room', 'Home']);
        const room = r.samples[0]!;
        expect(room.episodes).toBe(40 + 4 * 3);
        expect(room.pairs.map(p => p.mesa)).toEqual(['Sweeping', 'Vacuuming']);
        expect(room.pairs[0]!.baseReturns).toHaveLength(room.episodes);
        expect(room.pairs[0]!.spearman).not.toBeNull();
    });
});
