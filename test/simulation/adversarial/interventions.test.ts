/**
 * Every intervention's Mesa source compiles to exactly the environment that was
 * judged: same horizon, actions, and per node the same init and rule (so the printer
 * and the `extends` semantics agree with the derived compiled environments).
 */
import { describe, expect, test } from 'vitest';
import type { CompiledEnvironment } from '../../../language/model/spec.js';
import { combine, environmentSource, interventions } from '../../../language/simulation/adversarial/interventions.js';
import { printExpr } from '../../../language/simulation/adversarial/print.js';
import { compiled, exampleText } from '../../helpers/services.js';
import { simulateText, withDistinguishing } from './pipeline.js';

function shape(env: CompiledEnvironment) {
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x ?? null, (k, v: unknown) => (k === 'location' ? undefined : v))) as unknown;
    return {
        horizon: env.horizon, discount: env.discount, actions: env.actions,
        nodes: Object.fromEntries(env.nodes.map(n => [n.name, { init: n.init, rule: strip(n.rule) }])),
    };
}

describe.each(['button-lamp', 'cleaning', 'garden', 'believer', 'shop', 'thermostat'])('%s', name => {
    test('each derived environment, written as Mesa, compiles to what was judged', async () => {
        const text = exampleText(name);
        const spec = await compiled(text);
        const train = spec.environments.find(e => e.label === spec.train[0])!;
        const singles = interventions(train);
        expect(singles.length).toBeGreaterThan(2);
        // Pairs that change the same node test how changes compose (cuts, then the added action).
        const node = (c: { kind: string; node?: string }) => c.node;
        const pairs = singles.flatMap((a, i) => singles.slice(i + 1)
            .filter(b => node(a.changes[0]!) !== undefined && node(a.changes[0]!) === node(b.changes[0]!))
            .map(b => combine(train, a, b, 0)).filter(p => p !== null));
        const all = [...singles, ...pairs];
        const envs = all.map((iv, k) => ({
            name: `Probe${k}`, extends: train.name, intervention: iv.description,
            source: environmentSource(`Probe${k}`, train.name, iv.members),
        }));
        const before = await simulateText(text);
        const edited = await withDistinguishing(text, { ...before.report, distinguishing: { computed: true, environments: envs.map(e => ({ ...e, rulesOut: [] })), uncovered: [] } });
        const after = await compiled(edited);
        all.forEach((iv, k) => {
            const env = after.environments.find(e => e.label === `Probe${k}`)!;
            expect(shape(env), iv.description).toEqual(shape({ ...iv.env }));
        });
    });
});

test('printing keeps precedence', () => {
    const ref = (n: string) => ({ kind: 'ref' as const, name: n, delay: 0 });
    expect(printExpr({ kind: 'binary', op: '-', left: ref('a'), right: { kind: 'binary', op: '-', left: ref('b'), right: ref('c') } })).toBe('a - (b - c)');
    expect(printExpr({ kind: 'binary', op: '+', left: { kind: 'binary', op: '>', left: ref('a'), right: { kind: 'const', value: 0 } }, right: ref('r') })).toBe('(a > 0) + r');
    expect(printExpr({ kind: 'unary', op: '-', operand: { kind: 'const', value: -3 } })).toBe('--3');
    expect(printExpr({ kind: 'binary', op: '*', left: { kind: 'if', condition: ref('a'), then: ref('b'), else: ref('c') }, right: ref('d') })).toBe('(if a then b else c) * d');
});
