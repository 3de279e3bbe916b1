/**
 * EPIC distance (docs/analyses.md): the objectives' `epic` entries against figures worked
 * out by hand, against button-lamp's states written out here, and against the brute force
 * of data-source-brute.ts (histories grouped into states, every canonical reward summed
 * out); on small specs, on the examples, and on random small specs with and without chance.
 * Also: a budget hit leaves the distances null and says so.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledSpec } from '../../language/model/spec.js';
import type { Report } from '../../language/simulation/report.js';
import { simulate } from '../../language/simulation/index.js';
import { analyseOptimizer } from '../../language/simulation/analyse.js';
import { Context } from '../../language/simulation/context.js';
import { addEpic } from '../../language/simulation/epic.js';
import { Budget } from '../../language/simulation/errors.js';
import { addIdentifiability } from '../../language/simulation/identifiability.js';
import { objectiveReports } from '../../language/simulation/objectives.js';
import { proxyKind } from '../../language/model/relation.js';
import { bits } from '../../language/simulation/select.js';
import { compiled, exampleText } from '../helpers/services.js';
import { BruteEnv } from './brute-force.js';
import { epicBrute } from './data-source-brute.js';
import { buildSpec, buttonLamp, type EnvDef } from './fixtures.js';
import { randomDataSpec } from './random-data-spec.js';

function epicOf(report: Report, objective: string): Record<string, number | null> {
    const o = report.objectives.find(x => x.name === objective)!;
    return Object.fromEntries((o.epic ?? []).map(e => [e.env, e.distance]));
}

/**
 * Two distances agree: compared as ρ = 1 − 2d², since √ magnifies the rounding of a ρ near 1
 * (the brute force's 1 − ρ of 1e-16 is a distance of 1e-8).
 */
function expectDistance(got: number | null | undefined, want: number, what = ''): void {
    expect(got, what).not.toBeNull();
    expect(1 - 2 * got! ** 2, what).toBeCloseTo(1 - 2 * want ** 2, 9);
}

function expectAgainstBrute(spec: CompiledSpec, report: Report): void {
    const train = [...new Set(spec.train)];
    const envs = new Map(train.map(l => [l, new BruteEnv(spec, spec.environments.find(x => x.label === l)!)]));
    for (const o of report.objectives) {
        if (o.role === 'base') { expect(o.epic).toEqual([]); continue; }
        expect((o.epic ?? []).map(e => e.env)).toEqual(train);
        for (const e of o.epic ?? []) {
            const want = epicBrute(envs.get(e.env)!, spec.base, o.name);
            if (want === null) expect(e.distance, `${o.name} in ${e.env} (${spec.uri})`).toBeNull();
            else expectDistance(e.distance, want, `${o.name} in ${e.env} (${spec.uri})`);
        }
    }
}

/**
 * Button-lamp's Lab written out: a state at layer t is the presses at steps t, t−1, …, t−9
 * (bit j for step t − j, 0 before the episode); Light's reward at step t + 1 is the press
 * of step t − 9 (bit 9), Pressing's is the press itself.
 */
function buttonLampEpic(): number {
    const H = 40;
    const light = (mask: number): number => (mask >> 9) & 1;
    const layer = (t: number): number[] => Array.from({ length: 1 << Math.min(t, 10) }, (_, m) => m);
    const means = Array.from({ length: H + 1 }, (_, t) => (t >= H ? 0 : layer(t).reduce((s, m) => s + light(m), 0) / layer(t).length));
    const lightMean = (t: number): number => means[t]!;
    const samples: [number, number][] = [];
    for (let t = 0; t < H; t++) {
        for (const m of layer(t)) {
            for (const c of [0, 1]) {
                const next = ((m << 1) | c) & 0x3ff;
                const end = t + 1 === H;
                // avg over the two choices: Light's does not depend on the choice, Pressing's is 1/2.
                const cl = light(m) + (end ? 0 : light(next)) - light(m) - lightMean(t + 1);
                const cp = c + (end ? 0 : 0.5) - 0.5 - (end ? 0 : 0.5);
                samples.push([cl, cp]);
            }
        }
    }
    const n = samples.length;
    const ml = samples.reduce((s, x) => s + x[0], 0) / n, mp = samples.reduce((s, x) => s + x[1], 0) / n;
    const cov = samples.reduce((s, x) => s + (x[0] - ml) * (x[1] - mp), 0) / n;
    const vl = samples.reduce((s, x) => s + (x[0] - ml) ** 2, 0) / n, vp = samples.reduce((s, x) => s + (x[1] - mp) ** 2, 0) / n;
    return Math.sqrt((1 - cov / Math.sqrt(vl * vp)) / 2);
}

describe('button-lamp', () => {
    test('Pressing is at distance 1/√2 from Light in Lab, Lighting at 0', () => {
        // By hand: Pressing's canonical reward is c − 1/2 (the choice alone); Light's is the
        // press of step t − 8 less its layer's mean (the state alone): with every (state,
        // choice) pair weighing the same they are uncorrelated, ρ = 0, so √(1/2).
        const written = buttonLampEpic();
        expect(written).toBeCloseTo(Math.SQRT1_2, 12);
        const report = simulate(buttonLamp, { samples: 5 });
        expect(epicOf(report, 'Pressing').Lab).toBeCloseTo(Math.SQRT1_2, 9);
        expect(epicOf(report, 'Lighting')).toEqual({ Lab: 0 });
        expect(report.objectives.find(o => o.name === 'Light')!.epic).toEqual([]);
    });

    test('the example compiled from examples/button-lamp.mesa gives the same', async () => {
        const report = simulate(await compiled(exampleText('button-lamp')), { samples: 5 });
        expect(epicOf(report, 'Pressing').Lab).toBeCloseTo(0.7071067811865476, 9);
        expect(epicOf(report, 'Lighting').Lab).toBe(0);
    });
});

const env = (def: Partial<EnvDef> & Pick<EnvDef, 'actions' | 'nodes'>): EnvDef => ({ label: 'E', horizon: 3, ...def });

describe('small specs', () => {
    test('an opposite objective is at distance 1, a positive affine image at 0, a constant one has none', () => {
        // The canonical reward is linear in the reward and removes constants:
        // C(−R) = −C(R) gives ρ = −1; C(2R + 1) = 2·C(R) gives ρ = 1; C(5) = 0 does not vary.
        const spec = buildSpec({
            name: 'linear',
            envs: [env({ discount: 0.5, actions: ['a', 'b'], nodes: [['x', 'x@1 + a - b * (x@1 > 0)']] })],
            objectives: [['base', 'B', 'x'], ['mesa', 'Opposite', '-x'], ['mesa', 'Image', '2 * x + 1'], ['mesa', 'Constant', '5']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(epicOf(report, 'Opposite').E).toBeCloseTo(1, 12);
        expect(epicOf(report, 'Image').E).toBeCloseTo(0, 12);
        expect(epicOf(report, 'Constant')).toEqual({ E: null });
        expectAgainstBrute(spec, report);
    });

    test('a final objective rewards only the last step; chance in rules and inits', () => {
        const spec = buildSpec({
            name: 'final-chance',
            envs: [
                env({ actions: ['a'], nodes: [['x', 'x@1 + a * bernoulli(0.5)', 'uniform(0, 1)'], ['y', 'choose(0.25: x, 0.75: 2)']] }),
                env({ label: 'F', actions: ['a'], nodes: [['x', 'x@1 + a'], ['y', 'x@2']] }),
            ],
            objectives: [['base', 'B', 'x'], ['mesa', 'Last', 'final(x)'], ['mesa', 'Y', 'y - a']],
            train: ['E', 'F'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(report.environments.find(e => e.label === 'E')!.chance).toBe(true);
        expectAgainstBrute(spec, report);
    });
});

describe('the examples against the brute force', () => {
    // Figures of the brute force (data-source-brute.ts), printed once and kept here.
    const expected: Record<string, Record<string, Record<string, number | null>>> = {
        cleaning: { Sweeping: { Room: 0.5871426350 }, Vacuuming: { Room: 0.5591185731 } },
        garden: { Hoarding: { Room: 0.6848318510 } },
        believer: { Minimalism: { Room: null } },
        thermostat: { RoughComfort: { Radiator: 0.0553425911 } },
        shop: { Commission: { Shop: 0.9614990737 } },
    };
    for (const [name, objectives] of Object.entries(expected)) {
        test(name, async () => {
            const spec = await compiled(exampleText(name));
            const report = simulate(spec, { samples: 5 });
            for (const [objective, byEnv] of Object.entries(objectives)) {
                for (const [label, want] of Object.entries(byEnv)) {
                    const brute = epicBrute(new BruteEnv(spec, spec.environments.find(e => e.label === label)!), spec.base, objective);
                    if (want === null) {
                        expect(brute).toBeNull();
                        expect(epicOf(report, objective)[label]).toBeNull();
                    } else {
                        expectDistance(brute, want);
                        expectDistance(epicOf(report, objective)[label], want);
                        expect(brute).toBeCloseTo(want, 9);
                    }
                }
            }
        }, 60_000);
    }
});

describe('random small specs against the brute force', () => {
    test('without chance', () => {
        let measured = 0;
        for (let seed = 1; seed <= 100; seed++) {
            const spec = randomDataSpec(seed, false);
            const report = simulate(spec, { samples: 5 });
            expectAgainstBrute(spec, report);
            measured += report.objectives.flatMap(o => o.epic ?? []).filter(e => e.distance !== null && e.distance > 0.01).length;
        }
        expect(measured).toBeGreaterThan(100);
    }, 120_000);

    test('with chance', () => {
        for (let seed = 1; seed <= 60; seed++) {
            const spec = randomDataSpec(seed, true);
            expectAgainstBrute(spec, simulate(spec, { samples: 5 }));
        }
    }, 120_000);
});

describe('budgets', () => {
    test('a cancellation during the analyses leaves their figures null and is reported', () => {
        const signal = { cancelled: false };
        const ctx = new Context(buttonLamp, new Budget(5_000_000, undefined, signal));
        const analysed = buttonLamp.objectives.filter(o => o.role === 'mesa').map(o => analyseOptimizer(ctx,
            { name: o.name, objective: o.name, model: null, depth: null }, true, o, bits(buttonLamp, o), proxyKind(buttonLamp, o.name)));
        const objectives = objectiveReports(ctx, new Map());
        expect(ctx.incomplete).toEqual([]);
        signal.cancelled = true;
        addIdentifiability(ctx, analysed);
        addEpic(ctx, objectives);
        expect(analysed.map(a => a.report.distinguishedBy)).toEqual([null, null]);
        expect(objectives.map(o => o.epic)).toEqual([[], [{ env: 'Lab', distance: null }], [{ env: 'Lab', distance: null }]]);
        expect(ctx.incomplete.map(e => e.budget)).toEqual(['cancelled']);
    });

    test('a run stopped before them still has both fields, null', () => {
        let reads = 0;
        const report = simulate(buttonLamp, { samples: 5, signal: { get cancelled() { return ++reads > 3; } } });
        expect(report.incomplete.map(e => e.budget)).toContain('cancelled');
        for (const o of report.optimizers) expect(o.distinguishedBy).toBeNull();
        for (const o of report.objectives) for (const e of o.epic ?? []) expect(e.distance).toBeNull();
        expect(report.objectives.map(o => o.epic !== undefined)).toEqual([true, true, true]);
    });
});
