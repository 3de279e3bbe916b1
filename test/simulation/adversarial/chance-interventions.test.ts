/**
 * Interventions on an environment that draws and reads tables and a grid
 * (docs/simulation.md, Distinguishing environments): every derived environment, written
 * as Mesa (`bernoulli`, `uniform`, `choose`, `name[i][j]`, an init that draws), compiles
 * to exactly the environment that was judged; an init that draws is doubled outcome by
 * outcome or zeroed; and the printer gives each chance call back in the form it was written.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledEnvironment, Expr } from '../../../language/model/spec.js';
import { combine, environmentSource, interventions } from '../../../language/simulation/adversarial/interventions.js';
import { initText, printExpr } from '../../../language/simulation/adversarial/print.js';
import { compiled } from '../../helpers/services.js';
import { parseExpr } from '../expr-parser.js';
import { simulateText, withDistinguishing } from './pipeline.js';

const SPEC = `grid maze { "#####" "#A G#" "#####" }
const bonus = [0, 1, 5]
environment Lab {
  horizon 3
  action right
  node x init 1 = min(x@1 + right, 3)
  node coin init uniform(0, 2) = coin@1
  node slip = bernoulli(0.25)
  node gain = bonus[min(x, 2)] * (1 - slip) + choose(0.5: x, 0.5: coin@1)
  node atGoal = maze[1][x] == 'G'
}
objective base B = atGoal + gain
objective mesa M = right
train Lab
`;

function shape(env: CompiledEnvironment) {
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x ?? null, (k, v: unknown) => (k === 'location' ? undefined : v))) as unknown;
    return {
        horizon: env.horizon, actions: env.actions, chance: env.chance,
        nodes: Object.fromEntries(env.nodes.map(n => [n.name, { init: n.init, initOutcomes: n.initOutcomes ?? null, rule: strip(n.rule) }])),
    };
}

describe('interventions on an environment that draws', () => {
    test('each derived environment, written as Mesa, compiles to what was judged', async () => {
        const spec = await compiled(SPEC);
        const train = spec.environments.find(e => e.label === 'Lab')!;
        const singles = interventions(train);
        const descriptions = singles.map(iv => iv.description);
        expect(descriptions).toContain("doubles coin's init (uniform(0, 2) → choose(0.3333333333333333: 0, 0.3333333333333333: 2, 0.3333333333333333: 4))");
        expect(descriptions).toContain("zeroes coin's init (uniform(0, 2) → 0)");
        const pairs = singles.slice(1).map(b => combine(train, singles[0]!, b, 0)).filter(p => p !== null);
        const all = [...singles, ...pairs];
        const envs = all.map((iv, k) => ({
            name: `Probe${k}`, extends: train.name, intervention: iv.description,
            source: environmentSource(`Probe${k}`, train.name, iv.members),
        }));
        const before = await simulateText(SPEC);
        expect(before.report.environments[0]!.chance).toBe(true);
        const edited = await withDistinguishing(SPEC, { ...before.report, distinguishing: { computed: true, environments: envs.map(e => ({ ...e, rulesOut: [] })), uncovered: [] } });
        const after = await compiled(edited);
        all.forEach((iv, k) => {
            const env = after.environments.find(e => e.label === `Probe${k}`)!;
            expect(shape(env), iv.description).toEqual(shape({ ...iv.env }));
        });
        // A redeclared node keeps its init that draws.
        const raise = singles.find(iv => iv.description.startsWith('adds action raise_coin'))!;
        expect(raise.members).toContain('node coin init uniform(0, 2) = coin@1 + raise_coin');
        // Zeroed, coin no longer draws; slip still does.
        const zeroed = singles.find(iv => iv.description.startsWith("zeroes coin's init"))!.env;
        expect(zeroed.nodes.find(n => n.name === 'coin')).not.toHaveProperty('initOutcomes');
        expect(zeroed.chance).toBe(true);
    });
});

describe('printing chance and tables', () => {
    const tables = { maze: [[1, 2], [3, 4]], t: [5, 6, 7] };
    const print = (text: string): string => printExpr(parseExpr(text, tables).expr);

    test.each([
        ['bernoulli(0.3)', 'bernoulli(0.3)'],
        ['uniform(2, 5)', 'uniform(2, 5)'],
        ['choose(0.25: x + 1, 0.75: 2 * y)', 'choose(0.25: x + 1, 0.75: 2 * y)'],
        ['choose(0.5: 3, 0.5: 1)', 'choose(0.5: 3, 0.5: 1)'],
        ['2 * bernoulli(0.5) + t[x - 1]', '2 * bernoulli(0.5) + t[x - 1]'],
        ['maze[y][x + 1] == 4', 'maze[y][x + 1] == 4'],
        // An option of probability 0 is dropped: one option left, printed as itself.
        ['2 * choose(1: x + 1, 0: 3)', '2 * (x + 1)'],
        ['bernoulli(1)', '1'],
    ])('%s prints as %s', (text, printed) => {
        expect(print(text)).toBe(printed);
    });

    test('a printed draw compiles back to the same options', () => {
        for (const text of ['bernoulli(0.3)', 'uniform(-2, 1)', 'choose(0.2: x, 0.3: 0, 0.5: y@1)']) {
            const e = parseExpr(text).expr as Extract<Expr, { kind: 'draw' }>;
            const again = parseExpr(printExpr(e)).expr as Extract<Expr, { kind: 'draw' }>;
            expect(again.options.map(o => o.value)).toEqual(e.options.map(o => o.value));
            again.options.forEach((o, i) => expect(o.p).toBeCloseTo(e.options[i]!.p, 15));
        }
    });

    test('an init that draws', () => {
        expect(initText([{ value: 0, p: 0.5 }, { value: 1, p: 0.5 }])).toBe('bernoulli(0.5)');
        expect(initText([{ value: 3, p: 0.25 }, { value: 4, p: 0.25 }, { value: 5, p: 0.25 }, { value: 6, p: 0.25 }])).toBe('uniform(3, 6)');
        expect(initText([{ value: -1, p: 0.25 }, { value: 2, p: 0.75 }])).toBe('choose(0.25: -1, 0.75: 2)');
    });
});
