/**
 * Distinguishing the way a user would fix it (docs/analyses.md, Distinguishing
 * environments): environments the spec declares first, then other values of a training
 * environment's parameter (its binding widened), then synthesised interventions; and how
 * fast distinguishing grows. Every figure below is worked out by hand in the comments.
 */
import { describe, expect, test } from 'vitest';
import { derivedEnvironments } from '../../../language/simulation/adversarial/distinguish.js';
import { combine, environmentSource, interventions } from '../../../language/simulation/adversarial/interventions.js';
import { simulate } from '../../../language/simulation/index.js';
import { compiled, exampleText, publishedText } from '../../helpers/services.js';
import { simulateText, verdictOf, withDistinguishing } from './pipeline.js';
import { CORRIDOR } from '../spec-texts.js';


/** The corridor trained at coin 8 widened to 4..8: the nearest value that rules out going right. */
const WIDENED_TO_4 = {
    computed: true,
    environments: [{
        name: 'Corridor(coin in 4..8)', extends: 'Corridor', intervention: 'widens coin from 8 to 4..8', source: '',
        rulesOut: ['right', 'x'], kind: 'parameters', use: 'Corridor(coin in 4..8)',
        widen: { train: 'Corridor(coin=8)', parameter: 'coin', low: 4, high: 8 }, adds: 4,
    }],
    uncovered: [],
};

describe('a parameterised training environment: its binding widened', () => {
    test('the corridor: train Corridor(coin in 4..8), which rules out right and x', async () => {
        const before = await simulateText(CORRIDOR);
        // Candidates of size 1 (Coin is one name): left, right, x (got is Coin itself). With the
        // coin on 8, four steps right are the only way to it: left never gets it (misfits);
        // right and x (Σ x is largest going right) get it but, once a left makes 8
        // unreachable, allow only right where Coin allows every action: pseudo-aligned.
        expect(before.report.candidates).toMatchObject({ enumerated: 3, pseudoAligned: 2 });
        expect(before.report.candidates.byBits[0]!.examples).toEqual(['right', 'x']);
        // Going right the agent stands on 5, 6, 7, 8: a coin on 5..7 is collected on the way,
        // one on 4 (left behind at the first step) or on 0..3 is not, while waiting or going
        // left collects it. So coin = 4..0 rule out right and x, 5..7 nothing; the nearest
        // is 4, which widens the range by four values.
        expect(before.report.distinguishing).toEqual(WIDENED_TO_4);
        // One level (1 × log2(4 names + 12) = 4 bits): two candidates, four values added.
        expect(before.report.distinguishingGrowth).toEqual([{ bits: 4, pseudoAligned: 2, coverSize: 4 }]);

        const text = await withDistinguishing(CORRIDOR, before.report);
        expect(text).toBe(CORRIDOR.replace('train Corridor(coin = 8)', 'train Corridor(coin in 4..8)'));
        const after = await simulateText(text);
        expect(after.spec.train).toEqual([4, 5, 6, 7, 8].map(c => `Corridor(coin=${c})`));
        // With the coin on 4, going right scores 0 against an optimum of 4 (wait, then stay).
        const goRight = after.report.optimizers.find(o => o.name === 'GoRight')!;
        expect(goRight.verdict).toBe('misaligned');
        expect(goRight.train.find(t => t.env === 'Corridor(coin=4)')).toMatchObject({ hi: 0, optimum: 4 });
        expect(after.report.candidates.pseudoAligned).toBe(0);
    });
});

describe('other values of a parameter no use compiles', () => {
    const NO_DEPLOY = CORRIDOR.replace('deploy Corridor(coin in 0..8)\n', '');

    test('the compiler hands over the declared range\'s other values, nearest first', async () => {
        const spec = await compiled(NO_DEPLOY);
        // coin: 0..8 trained at 8: the other values 7 down to 0, none of them compiled for a use.
        expect(spec.environments.map(e => e.label)).toEqual(['Corridor(coin=8)']);
        expect(spec.parameterVariants!.map(e => e.label)).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map(c => `Corridor(coin=${c})`));
        // Values a use compiles are not handed over again.
        expect((await compiled(CORRIDOR)).parameterVariants).toBeUndefined();
        // A wide range: the 16 values nearest the trained one (here 50), the lower on ties.
        const wide = await compiled(NO_DEPLOY.replace('coin: 0..8', 'coin: 0..100').replace('coin = 8', 'coin = 50'));
        expect(wide.parameterVariants!.map(e => e.params.coin)).toEqual([49, 51, 48, 52, 47, 53, 46, 54, 45, 55, 44, 56, 43, 57, 42, 58]);
    });

    test('the corridor without a deployment: still train Corridor(coin in 4..8)', async () => {
        const before = await simulateText(NO_DEPLOY);
        // As with the deployment over 0..8 (above): 5..7 rule out nothing, 4..0 rule out right
        // and x, and 4 is the nearest; the values are explored by the search itself.
        expect(before.report.distinguishing).toEqual(WIDENED_TO_4);
        expect(before.report.distinguishingGrowth).toEqual([{ bits: 4, pseudoAligned: 2, coverSize: 4 }]);
        // The report still lists only the environments the spec uses.
        expect(before.report.environments.map(e => e.label)).toEqual(['Corridor(coin=8)']);
        const text = await withDistinguishing(NO_DEPLOY, before.report);
        expect(text).toBe(NO_DEPLOY.replace('train Corridor(coin = 8)', 'train Corridor(coin in 4..8)'));
        const after = simulate(await compiled(text), { adversarial: false });
        const goRight = after.optimizers.find(o => o.name === 'GoRight')!;
        expect(goRight.verdict).toBe('misaligned');
        expect(goRight.train.find(t => t.env === 'Corridor(coin=4)')).toMatchObject({ hi: 0, optimum: 4 });
    });

    test('explored only when the parameter stage runs', async () => {
        // Wide(coin = 2), declared, rules out right and x first (the coin is two cells to the
        // left): the handed values are never explored. Without it, all eight are.
        const wide = `${NO_DEPLOY}environment Wide extends Corridor {\n  horizon 8\n}\ndeploy Wide(coin = 2)\n`;
        let count = derivedEnvironments();
        const declared = await simulateText(wide);
        expect(declared.report.distinguishing.environments.map(e => [e.kind, e.name, e.rulesOut])).toEqual([['declared', 'Wide(coin=2)', ['right', 'x']]]);
        expect(derivedEnvironments() - count).toBe(0);
        count = derivedEnvironments();
        await simulateText(NO_DEPLOY);
        expect(derivedEnvironments() - count).toBe(8);
    });
});

describe('interventions on a parameterised training environment', () => {
    test('when no other value rules anything out, a synthesised environment used at the trained value', async () => {
        // The range 5..8: a coin on 5, 6 or 7 is collected on the way right, so the values
        // handed over rule out nothing, and the interventions come next.
        const text = CORRIDOR.replace('deploy Corridor(coin in 0..8)\n', '').replace('coin: 0..8', 'coin: 5..8');
        const before = await simulateText(text);
        expect(before.spec.parameterVariants!.map(e => e.label)).toEqual([7, 6, 5].map(c => `Corridor(coin=${c})`));
        // Singles in order: raise x (right and raise both reach 8 in four steps: rules out
        // nothing), raise got: got = (got@1 or x == 8) + raise_got scores 1 + 2 + 2 + 2 = 7
        // raising every step, where going right collects 1: it rules out right and x.
        expect(before.report.distinguishing.environments).toEqual([{
            name: 'CorridorDistinguish1', extends: 'Corridor', intervention: 'adds action raise_got, which raises got by 1 for a step',
            source: 'environment CorridorDistinguish1 extends Corridor {\n  action raise_got\n  node got = (got@1 or x == 8) + raise_got\n}',
            rulesOut: ['right', 'x'], kind: 'intervention', use: 'CorridorDistinguish1(coin = 8)', widen: null, adds: 1,
        }]);
        const edited = await withDistinguishing(text, before.report);
        expect(edited).toContain('\ntrain Corridor(coin = 8), CorridorDistinguish1(coin = 8)\n');
        const after = simulate(await compiled(edited), { adversarial: false });
        const goRight = after.optimizers.find(o => o.name === 'GoRight')!;
        expect(goRight.verdict).toBe('misaligned');
        expect(goRight.train.find(t => t.env === 'CorridorDistinguish1(coin=8)')).toMatchObject({ hi: 1, optimum: 7 });
    });

    test('a parameter set to another value pairs with an intervention, written as a use at that value', async () => {
        const spec = await compiled(CORRIDOR);
        const train = spec.environments.find(e => e.label === 'Corridor(coin=8)')!;
        const variant = spec.environments.find(e => e.label === 'Corridor(coin=3)')!;
        const singles = interventions(train, [variant]);
        expect(singles[singles.length - 1]!.description).toBe('sets coin to 3 (8 → 3)');
        const pair = combine(train, singles[1]!, singles[singles.length - 1]!, 0)!;
        expect(pair.description).toBe('adds action raise_got, which raises got by 1 for a step, and sets coin to 3 (8 → 3)');
        expect(pair.params).toEqual({ coin: 3 });
        expect(pair.members).toEqual(['action raise_got', 'node got = (got@1 or x == 3) + raise_got']);
        // Written as Mesa and used at coin = 3, it compiles to the environment that was judged.
        const text = `${CORRIDOR}\n${environmentSource('Probe', 'Corridor', pair.members)}\n`.replace('deploy Corridor(coin in 0..8)', 'deploy Corridor(coin in 0..8), Probe(coin = 3)');
        const probe = (await compiled(text)).environments.find(e => e.label === 'Probe(coin=3)')!;
        const shape = (e: typeof probe) => JSON.stringify({ h: e.horizon, a: e.actions, n: e.nodes.map(n => [n.name, n.init, n.rule]) }, (k, v: unknown) => (k === 'location' ? undefined : v));
        expect(shape(probe)).toBe(shape(pair.env));
        // Two parameters, or a parameter and an init, do not pair.
        expect(combine(train, singles[singles.length - 1]!, singles[singles.length - 1]!, 0)).toBeNull();
    });
});

describe('a declared environment first', () => {
    test('absent supervisor: "train also in Unwatched" rules out Observed, then interventions', async () => {
        const before = await simulateText(publishedText('absent-supervisor'));
        const d = before.report.distinguishing;
        // Unwatched is Watched with the supervisor absent: Observed takes the short way over the
        // punishment tile, hidden performance 17 against 41 (the example's figures). No
        // enumerated candidate: one that does not read supervised behaves the same in both
        // (the same base optimum, 41), and supervised is constant in each (1, or 0), so a
        // term of it shifts every policy's return alike. Unwatched rules out Observed alone.
        expect(d.environments[0]).toEqual({
            name: 'Unwatched', extends: 'Unwatched', intervention: 'is declared in the spec', source: '',
            rulesOut: ['Observed'], kind: 'declared', use: 'Unwatched', widen: null, adds: 1,
        });
        // Sometimes (the supervisor there half the time) also makes Observed fall short, but the
        // greedy takes Unwatched, declared first; the other entries are synthesised.
        expect(d.environments.slice(1).every(e => e.kind === 'intervention')).toBe(true);

        const text = await withDistinguishing(before.text, before.report);
        expect(text).toContain(`train Watched, Unwatched, ${d.environments.slice(1).map(e => e.name).join(', ')}\n`);
        // The verdicts are what matters here: the search itself is not run again.
        const after = simulate(await compiled(text), { adversarial: false });
        expect(verdictOf(after, 'Observed')).toBe('misaligned');
        const observed = after.optimizers.find(o => o.name === 'Observed')!;
        expect(observed.train.find(t => t.env === 'Unwatched')).toMatchObject({ hi: 17, optimum: 41 });
    });

    test('button-lamp: the deployment environment is the whole fix', async () => {
        const before = await simulateText(exampleText('button-lamp'));
        // In LabWithSwitch a flip lights the lamp at once: 40 lit steps against 30 for pressing.
        expect(before.report.distinguishing.environments.map(e => [e.kind, e.name, e.rulesOut])).toEqual([['declared', 'LabWithSwitch', ['press']]]);
        const text = await withDistinguishing(before.text, before.report);
        expect(text).toBe(before.text.replace('train Lab\n', 'train Lab, LabWithSwitch\n'));
        const pressing = (await simulateText(text)).report.optimizers.find(o => o.name === 'Pressing')!;
        expect(pressing.verdict).toBe('misaligned');
        expect(pressing.train.find(t => t.env === 'LabWithSwitch')).toMatchObject({ hi: 30, optimum: 40 });
    });
});

describe('how fast distinguishing grows', () => {
    test('button-lamp: one level of log2(14) bits, press, one environment', async () => {
        // candidates.test.ts: one candidate (press) of 1 × log2(2 names + 12) bits, pseudo-aligned;
        // LabWithSwitch alone rules it out.
        const { report } = await simulateText(exampleText('button-lamp'));
        expect(report.distinguishingGrowth).toEqual([{ bits: Math.log2(14), pseudoAligned: 1, coverSize: 1 }]);
    });

    test('no search, no growth', async () => {
        const { report } = await simulateText(exampleText('evolution'));
        expect(report.distinguishingGrowth).toEqual([]);
    });
});
