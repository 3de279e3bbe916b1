/**
 * Identifiability by data source (docs/analyses.md): `distinguishedBy` against figures
 * worked out by hand and against the brute force of data-source-brute.ts, which writes out
 * every trajectory and every transition (no state graph, no dynamic programming); on small
 * specs, on every example, and on random small specs with and without chance.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledSpec } from '../../language/model/spec.js';
import type { OptimizerReport, Report } from '../../language/simulation/report.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText, EXAMPLES } from '../helpers/services.js';
import { BruteEnv, type History } from './brute-force.js';
import { affineBrute, behaviourFallsShort, trajectoryReturns, transitionRewards } from './data-source-brute.js';
import { buildSpec, type EnvDef } from './fixtures.js';
import { randomDataSpec } from './random-data-spec.js';

function optimizerOf(report: Report, name: string): OptimizerReport {
    const o = report.optimizers.find(x => x.name === name);
    if (!o) throw new Error(`no optimizer ${name}`);
    return o;
}

/** The brute-force `distinguishedBy` of one optimizer over the training environments of positive weight. */
function bruteDistinguished(spec: CompiledSpec, o: OptimizerReport): { behaviour: boolean; returns: boolean; rewards: boolean } {
    const labels = [...new Set(spec.train.filter((_, i) => spec.weights.train[i]! > 0))];
    const envs = new Map(spec.environments.map(e => [e.label, new BruteEnv(spec, e)]));
    const declared = o.implicit ? undefined : spec.optimizers.find(x => x.name === o.name);
    const planner = (label: string): ((h: History) => number[]) => {
        const model = declared?.models?.[label] ?? declared?.model;
        const b = envs.get(model ?? label)!;
        return h => b.allowed(o.objective, model ? b.follow(h.choices) : h, declared?.depth ?? b.H);
    };
    return {
        behaviour: labels.some(l => behaviourFallsShort(envs.get(l)!, planner(l))),
        returns: !affineBrute(labels.flatMap(l => trajectoryReturns(envs.get(l)!, spec.base, o.objective))),
        rewards: !affineBrute(labels.flatMap(l => transitionRewards(envs.get(l)!, spec.base, o.objective))),
    };
}

function expectAgainstBrute(spec: CompiledSpec, report: Report): void {
    for (const o of report.optimizers) {
        if (o.verdict !== 'robust' && o.verdict !== 'pseudo-aligned') {
            expect(o.distinguishedBy, `${o.name} (${o.verdict})`).toBeNull();
            continue;
        }
        expect(o.distinguishedBy, `${o.name} in ${spec.uri}`).toEqual(bruteDistinguished(spec, o));
    }
}

const env = (def: Partial<EnvDef> & Pick<EnvDef, 'actions' | 'nodes'>): EnvDef => ({ label: 'E', horizon: 3, ...def });

describe('small specs, figures by hand and by every trajectory', () => {
    test('a total that only counts at the end: returns agree, per-step rewards do not', () => {
        // cleaned is 1 on each sweep while the floor (2 at first) is dusty; bin sums cleaned.
        // final(bin) = Σ cleaned on every trajectory (map a = 1, b = 0), but at a sweep before
        // the last step Cleaning's reward is 1 and Hoarding's 0, at the last step both can be
        // 1: per-step pairs (1, 0) and (1, 1) share a base reward, so no map. Both optimizers
        // sweep while dust is left, so behaviour cannot tell them apart.
        const spec = buildSpec({
            name: 'hoard',
            envs: [env({ actions: ['sweep'], nodes: [['cleaned', 'sweep * (floor@1 > 0)'], ['floor', 'floor@1 - cleaned', 2], ['bin', 'bin@1 + cleaned']] })],
            objectives: [['base', 'Cleaning', 'cleaned'], ['mesa', 'Hoarding', 'final(bin)']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(optimizerOf(report, 'Hoarding').distinguishedBy).toEqual({ behaviour: false, returns: false, rewards: true });
        expectAgainstBrute(spec, report);
    });

    test('a positive affine image of the base objective is told apart by nothing, and is robust', () => {
        // Per step 2x + 1 against x; over three steps 2·B + 3. Same optimal choices everywhere.
        const spec = buildSpec({
            name: 'affine',
            envs: [env({ actions: ['a'], nodes: [['x', 'x@1 + a - (x@1 > 1)']] })],
            objectives: [['base', 'B', 'x'], ['mesa', 'M', '2 * x + 1']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(optimizerOf(report, 'M').verdict).toBe('robust');
        expect(optimizerOf(report, 'M').distinguishedBy).toEqual({ behaviour: false, returns: false, rewards: false });
        expectAgainstBrute(spec, report);
    });

    test('per-step rewards are compared undiscounted', () => {
        // With discount 0.5, x + 1 against x: per step e_M = e_B + 1 (a map), returns
        // M = B + 1 + 0.5 + 0.25 (a map). Discounted per-step rewards, 1 + 1·γ^(t−1) apart,
        // would not be related by one map.
        const spec = buildSpec({
            name: 'discounted',
            envs: [env({ discount: 0.5, actions: ['a'], nodes: [['x', 'x@1 + a']] })],
            objectives: [['base', 'B', 'x'], ['mesa', 'M', 'x + 1']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(optimizerOf(report, 'M').distinguishedBy).toEqual({ behaviour: false, returns: false, rewards: false });
        expectAgainstBrute(spec, report);
    });

    test('button and lamp in three steps: a press at the last step counts for Pressing only', () => {
        // lamp = press@1. Trajectories "wait, wait, wait" (0, 0) and "wait, wait, press"
        // (0, 1) share Light's return 0: no map for returns; transitions (0, 0) and (0, 1)
        // likewise for rewards. Pressing always presses, which Light always allows.
        const spec = buildSpec({
            name: 'lamp',
            envs: [env({ actions: ['press'], nodes: [['lamp', 'press@1']] })],
            objectives: [['base', 'Light', 'lamp'], ['mesa', 'Pressing', 'press']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(optimizerOf(report, 'Pressing').verdict).toBe('pseudo-aligned');
        expect(optimizerOf(report, 'Pressing').distinguishedBy).toEqual({ behaviour: false, returns: true, rewards: true });
        expectAgainstBrute(spec, report);
    });

    test('with chance: a coin drawn at the start, pressing counts only on heads for the base objective', () => {
        // On tails the base objective is indifferent, so pressing is still base-optimal:
        // behaviour cannot tell them apart. On tails a press gives (0, 1), a wait (0, 0).
        const spec = buildSpec({
            name: 'coin',
            envs: [env({ horizon: 2, actions: ['a'], nodes: [['c', 'c@1', 'bernoulli(0.5)']] })],
            objectives: [['base', 'B', 'a * c'], ['mesa', 'M', 'a']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        expect(optimizerOf(report, 'M').distinguishedBy).toEqual({ behaviour: false, returns: true, rewards: true });
        expectAgainstBrute(spec, report);
    });

    test('behaviour tells them apart where the optimizer allows a choice the base optimum does not', () => {
        // M is indifferent (reads nothing an action changes) while B wants a: M allows wait.
        const spec = buildSpec({
            name: 'indifferent',
            envs: [env({ horizon: 2, actions: ['a'], nodes: [['x', 'a']] })],
            objectives: [['base', 'B', 'x'], ['mesa', 'M', 'x * 0'], ['mesa', 'Never', '-x']],
            train: ['E'],
        });
        const report = simulate(spec, { samples: 5 });
        // M is constant while B varies: no map with a > 0, for returns or rewards.
        expect(optimizerOf(report, 'M').distinguishedBy).toEqual({ behaviour: true, returns: true, rewards: true });
        // Never does not fit training: no figures.
        expect(optimizerOf(report, 'Never').verdict).toBe('misaligned');
        expect(optimizerOf(report, 'Never').distinguishedBy).toBeNull();
        expectAgainstBrute(spec, report);
    });

    test('one map must hold over every training environment of positive weight together', () => {
        // N = x + k, with k = 0 in E and 3 in F: N = B in E but B + 3 per step in F, so no one
        // map holds over both, for returns or per-step rewards. F at weight 0 gives no data.
        const def = (label: string, k: number): EnvDef => env({ label, actions: ['a'], nodes: [['x', 'x@1 + a'], ['k', String(k)]] });
        const objectives: ['base' | 'mesa', string, string][] = [['base', 'B', 'x'], ['mesa', 'M', 'x'], ['mesa', 'N', 'x + k']];
        const both = buildSpec({ name: 'joint', envs: [def('E', 0), def('F', 3)], objectives, train: ['E', 'F'] });
        const report = simulate(both, { samples: 5 });
        expect(optimizerOf(report, 'N').distinguishedBy).toEqual({ behaviour: false, returns: true, rewards: true });
        expect(optimizerOf(report, 'M').distinguishedBy).toEqual({ behaviour: false, returns: false, rewards: false });
        expectAgainstBrute(both, report);
        const onlyE = buildSpec({ name: 'joint-weighted', envs: [def('E', 0), def('F', 3)], objectives, train: ['E', 'F'], weights: { train: [1, 0] } });
        expect(optimizerOf(simulate(onlyE, { samples: 5 }), 'N').distinguishedBy).toEqual({ behaviour: false, returns: false, rewards: false });
    });
});

describe('the examples', () => {
    const reports = new Map<string, Promise<{ spec: CompiledSpec; report: Report }>>();
    const run = (name: string) => {
        if (!reports.has(name)) reports.set(name, compiled(exampleText(name)).then(spec => ({ spec, report: simulate(spec) })));
        return reports.get(name)!;
    };
    const figures = async (name: string) => Object.fromEntries((await run(name)).report.optimizers.map(o => [o.name, o.distinguishedBy]));

    test('button-lamp: Pressing is not told apart by behaviour, but by returns and per-step rewards', async () => {
        // By hand: Light counts presses at steps 1..30 (the lamp is on ten steps later), so
        // press is strictly better up to step 30 and indifferent after; Pressing always
        // presses, never outside Light's optimum. Trajectories "never press" (0, 0) and "press
        // only at step 40" (0, 1) share Light's return: no map. At step 1 a press gives
        // per-step rewards (0, 1) and a wait (0, 0): no map. Lighting is Light itself.
        expect(await figures('button-lamp')).toEqual({
            Pressing: { behaviour: false, returns: true, rewards: true },
            Lighting: { behaviour: false, returns: false, rewards: false },
        });
    });

    test('cleaning, garden, believer, thermostat agree with every trajectory written out', async () => {
        // garden's Hoarding = final(bin) is the sum of cleaned on every trajectory of Room:
        // only per-step rewards tell it apart. believer's Minimalism = −(floor + bin) is −6
        // whatever happens, while Clean varies. thermostat's 21 against 21.4: the same optimal
        // choices in Radiator, different returns.
        expect(await figures('cleaning')).toEqual({
            Sweeping: { behaviour: true, returns: true, rewards: true },
            Vacuuming: { behaviour: true, returns: true, rewards: true },
        });
        expect(await figures('garden')).toEqual({ Hoarding: { behaviour: false, returns: false, rewards: true } });
        expect(await figures('believer')).toEqual({
            Minimalism: { behaviour: true, returns: true, rewards: true },
            Believer: { behaviour: false, returns: true, rewards: true },
        });
        expect(await figures('thermostat')).toEqual({ RoughComfort: { behaviour: false, returns: true, rewards: true } });
        for (const name of ['cleaning', 'garden', 'believer', 'thermostat']) {
            const { spec, report } = await run(name);
            expectAgainstBrute(spec, report);
        }
    }, 60_000);

    test('shop: the misaligned Commission has none; Novice is told apart by all three', async () => {
        // By hand: after four grooms, Novice (depth 3) sells, a scam worth 10 commission now,
        // where Satisfaction's optimum waits or grooms (a scam costs 5): behaviour. Trajectory
        // "sell ×12" gives (12, 12), "wait ×12" (0, 0), "groom ×4, sell ×8" (−40, 80): no map.
        // Per step an honest sale gives (1, 1), a wait (0, 0), a scam (−5, 10): no map.
        expect(await figures('shop')).toEqual({ Commission: null, Novice: { behaviour: true, returns: true, rewards: true } });
    });

    test('evolution is not simulated: no figures', async () => {
        expect(await figures('evolution')).toEqual({ Pleasure: null });
    });

    test('every example is covered', () => {
        expect([...EXAMPLES].sort()).toEqual(['believer', 'button-lamp', 'cleaning', 'evolution', 'garden', 'shop', 'thermostat']);
    });
});

describe('random small specs against the brute force', () => {
    test('without chance', () => {
        const seen = { behaviour: [0, 0], returns: [0, 0], rewards: [0, 0] };
        for (let seed = 1; seed <= 150; seed++) {
            const spec = randomDataSpec(seed, false);
            const report = simulate(spec, { samples: 5 });
            expect(report.incomplete).toEqual([]);
            expectAgainstBrute(spec, report);
            for (const o of report.optimizers) {
                const d = o.distinguishedBy;
                if (!d) continue;
                for (const k of ['behaviour', 'returns', 'rewards'] as const) seen[k][d[k] ? 1 : 0]!++;
            }
        }
        // Both answers of each kind occur often enough to mean something.
        for (const k of ['behaviour', 'returns', 'rewards'] as const) {
            expect(seen[k][0], `${k} false`).toBeGreaterThan(10);
            expect(seen[k][1], `${k} true`).toBeGreaterThan(10);
        }
    }, 120_000);

    test('with chance', () => {
        let drew = 0;
        for (let seed = 1; seed <= 100; seed++) {
            const spec = randomDataSpec(seed, true);
            const report = simulate(spec, { samples: 5 });
            expect(report.incomplete).toEqual([]);
            if (report.environments.some(e => e.chance)) drew++;
            expectAgainstBrute(spec, report);
        }
        expect(drew).toBeGreaterThan(60);
    }, 120_000);
});
