/**
 * The learning path (docs/analyses.md, Learning path): the local search over objectives,
 * its scores, verdicts and `proxyFirst`, the `learning-path-proxy-first` finding, and its
 * budget. Figures are computed by hand in the comments, and on small specs by a
 * brute-force local search over every history (brute-force.ts), independent of the core.
 */
import { describe, expect, test } from 'vitest';
import { learningPathFinding } from '../../language/findings/learning-path.js';
import type { CompiledObjective, CompiledSpec, Expr } from '../../language/model/spec.js';
import { Context } from '../../language/simulation/context.js';
import { Budget } from '../../language/simulation/errors.js';
import { simulate } from '../../language/simulation/index.js';
import { learningPath, neighbours } from '../../language/simulation/learning-path.js';
import { groundOf } from '../../language/simulation/objective-search.js';
import { commonTrainingNames } from '../../language/simulation/adversarial/judge.js';
import type { LearningStep } from '../../language/simulation/report.js';
import { compiled, exampleText } from '../helpers/services.js';
import { BruteEnv, interval, type History } from './brute-force.js';

/**
 * Two steps; x pays for a at step 1, y for b at step 2 (s counts the steps), Goal = x + y.
 * Names a, b, s, x, y: log2(5 + 12) bits each.
 */
const TWO_STEPS = `
environment E {
  horizon 2
  action a, b
  node s init 0 = s@1 + 1
  node x = a * (s == 1)
  node y = b * (s == 2)
}
objective base Goal = x + y
train E
`;

const summary = (steps: LearningStep[]) => steps.map(s => `${s.move}: ${s.objective} ${s.verdict}`);

describe('paths computed by hand', () => {
    test('two steps: 0 → x (pseudo-aligned) → x + y (robust)', async () => {
        const spec = await compiled(TWO_STEPS);
        const report = simulate(spec);
        const path = report.learningPath!;
        // 0: every choice allowed, 1/3 of a at step 1 and of b at step 2: 2/3.
        // + x: a at step 1, any choice at step 2: 1 + 1/3; + y likewise, later in the order;
        // + a or + b alone: 1; - a, - b: 1/2; ± s: 2/3; - x, - y: 1/3.
        // From x: + y gives a then b, 2, the optimum: x + y allows exactly Goal's choices.
        expect(summary(path.steps)).toEqual(['start: 0 pseudo-aligned', '+ x: x pseudo-aligned', '+ y: x + y robust']);
        expect(path.steps.map(s => s.score)).toEqual([2 / 3, 4 / 3, 2].map(v => expect.closeTo(v, 12)));
        expect(path.steps.map(s => s.bits)).toEqual([0, 1, 3].map(size => expect.closeTo(size * Math.log2(17), 12)));
        expect(path.steps.every(s => s.depth === null)).toBe(true);
        expect(path).toMatchObject({ proxyFirst: true, complete: true });
        expect(learningPathFinding(spec, report)!.message).toBe(
            'Learning by local search from the empty objective reaches pseudo-aligned x before any robust objective: 0 (0.667) → x (1.333) → x + y (2); it ends at robust x + y.');
    });

    test('one action: 0 → a, robust at once: not proxy-first, no finding', async () => {
        // 0: a at each of 3 steps with probability 1/2: 1.5; + a: 3, and a allows exactly Goal's choice.
        const spec = await compiled('environment E { horizon 3  action a  node n = a }\nobjective base Goal = n\ntrain E');
        const report = simulate(spec);
        expect(summary(report.learningPath!.steps)).toEqual(['start: 0 pseudo-aligned', '+ a: a robust']);
        expect(report.learningPath!.steps.map(s => s.score)).toEqual([1.5, 3]);
        expect(report.learningPath!.proxyFirst).toBe(false);
        expect(learningPathFinding(spec, report)).toBeUndefined();
    });

    test('button-lamp: 0 (15 − 0.1) → press (30 − 0.1), where it stops; Lighting is never reached', async () => {
        // 0: a press at each of steps 1..30 with probability 1/2 lights the lamp 10 steps later: 15; depth 1.
        // + press: 30, depth 1: 29.9. + lamp: 30, depth 11: 28.9. − press, − lamp: 0.
        // From press: + lamp keeps pressing (29.9, no gain); − lamp and final(press) leave steps 1..30 to chance (15).
        const spec = await compiled(exampleText('button-lamp'));
        const report = simulate(spec);
        const path = report.learningPath!;
        expect(summary(path.steps)).toEqual(['start: 0 pseudo-aligned', '+ press: press pseudo-aligned']);
        expect(path.steps.map(s => [s.trainValue, s.depth])).toEqual([[15, 1], [30, 1]]);
        expect(path.steps.map(s => s.score)).toEqual([14.9, 29.9].map(v => expect.closeTo(v, 12)));
        expect(path).toMatchObject({ proxyFirst: true, complete: true });
        const finding = learningPathFinding(spec, report)!;
        expect(finding).toMatchObject({ code: 'learning-path-proxy-first', severity: 'info', location: spec.locations.train });
        expect(finding.message).toBe(
            'Learning by local search from the empty objective reaches pseudo-aligned press before any robust objective: 0 (14.9) → press (29.9); it stops there, at a local optimum of the score.');
    });

    test('the neighbours, in the order that breaks ties', () => {
        const names = ['a', 'b', 'c'];
        expect(neighbours({ aggregate: 'sum', terms: [] }, names).map(m => m.move)).toEqual(['+ a', '- a', '+ b', '- b', '+ c', '- c']);
        const from = neighbours({ aggregate: 'sum', terms: [{ name: 'b', sign: -1 }] }, names);
        expect(from.map(m => m.move)).toEqual(['+ a', '- a', 'remove b', '+ c', '- c', 'final']);
        // Terms stay in name order: adding a to -b gives a - b.
        expect(from[0]!.objective.terms).toEqual([{ name: 'a', sign: 1 }, { name: 'b', sign: -1 }]);
    });

    test('a qualitative training environment has no path', async () => {
        expect(simulate(await compiled(exampleText('evolution'))).learningPath).toBeNull();
    });
});

describe('budgets', () => {
    test('a cancellation during the search stops it: incomplete, undecided, recorded', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const signal = { cancelled: false };
        const ctx = new Context(spec, new Budget(5_000_000, undefined, signal));
        const ground = groundOf(ctx, commonTrainingNames(ctx));
        signal.cancelled = true;
        const path = learningPath(ctx, () => ground)!;
        expect(path).toEqual({ steps: [], proxyFirst: null, complete: false });
        expect(ctx.incomplete.map(i => i.budget)).toEqual(['cancelled']);
    });

    test('a run stopped before the search computes no path', async () => {
        const report = simulate(await compiled(exampleText('button-lamp')), { signal: { cancelled: true } });
        expect(report.learningPath).toBeNull();
    });

    test('learningPath: false skips it', async () => {
        expect(simulate(await compiled(TWO_STEPS), { learningPath: false }).learningPath).toBeNull();
    });
});

// ---- The brute-force local search ----

interface Obj { aggregate: 'sum' | 'final'; terms: { name: string; sign: 1 | -1 }[] }

function text(o: Obj): string {
    if (o.terms.length === 0) return '0';
    const plus = o.terms.filter(t => t.sign > 0).map(t => t.name), minus = o.terms.filter(t => t.sign < 0).map(t => t.name);
    const body = plus.length > 0 ? [plus.join(' + '), ...minus.map(m => `- ${m}`)].join(' ') : minus.length === 1 ? `-${minus[0]}` : `-(${minus.join(' + ')})`;
    return o.aggregate === 'final' ? `final(${body})` : body;
}

function size(o: Obj): number {
    const k = o.terms.length;
    if (k === 0) return 0;
    return (o.terms.some(t => t.sign > 0) ? 2 * k - 1 : 2 * k) + (o.aggregate === 'final' ? 1 : 0);
}

function expression(o: Obj): Expr {
    const ref = (name: string): Expr => ({ kind: 'ref', name, delay: 0 });
    return o.terms.reduce<Expr | null>((e, t) => e === null
        ? (t.sign > 0 ? ref(t.name) : { kind: 'unary', op: '-', operand: ref(t.name) })
        : { kind: 'binary', op: t.sign > 0 ? '+' : '-', left: e, right: ref(t.name) }, null) ?? { kind: 'const', value: 0 };
}

const TOL = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));

/** The base objective's expected value when the allowed choices are taken with equal probability. */
function uniform(b: BruteEnv, base: string, allowed: (h: History) => number[]): number {
    const U = (h: History): number => {
        if (h.steps.length >= b.H) return 0;
        const choices = allowed(h), last = h.steps.length + 1 >= b.H;
        return choices.reduce((sum, c) => sum + b.outcomes(h, c).reduce((s, x) => s + x.p * (x.rewards[0]! + (last ? 0 : U(x.h))), 0), 0) / choices.length;
    };
    return b.atStart(U);
}

function bruteStep(spec: CompiledSpec, o: Obj) {
    const base = spec.objectives.find(x => x.name === spec.base)!;
    const M: CompiledObjective = { ...base, name: 'M', role: 'mesa', aggregate: o.terms.length === 0 ? 'sum' : o.aggregate, expression: expression(o) };
    const withM = { ...spec, objectives: [base, M] };
    const envOf = (l: string) => new BruteEnv(withM, spec.environments.find(e => e.label === l)!);
    const train = spec.train.map(envOf);
    const mine = (b: BruteEnv, d = Infinity) => (h: History) => b.allowed('M', h, d);
    const same = (b: BruteEnv) => b.histories().every(h => b.allowed('M', h, Infinity).join() === b.allowed(base.name, h, Infinity).join());
    const value = train.reduce((sum, b, i) => sum + spec.weights.train[i]! * uniform(b, base.name, mine(b)), 0);
    let depth: number | null = null;
    if (spec.select.depth !== 0) {
        const maxH = Math.max(...train.map(b => b.H));
        for (let d = 1; d <= maxH && depth === null; d++) {
            if (train.every(b => b.optimum('M') - interval(b, 'M', mine(b, Math.min(d, b.H))).lo <= TOL(b.optimum('M')))) depth = d;
        }
        depth ??= maxH;
    }
    const names = new Set(spec.train.flatMap(l => { const e = spec.environments.find(x => x.label === l)!; return [...e.actions, ...e.nodes.map(n => n.name)]; }));
    const bits = size(o) * Math.log2(names.size + 12);
    const fits = train.every(b => b.optimum(base.name) - interval(b, base.name, mine(b)).hi <= TOL(b.optimum(base.name)));
    const deploy = spec.deploy.filter(l => !spec.train.includes(l)).map(envOf);
    const verdict = !fits ? 'misaligned' : [...train, ...deploy].every(same) ? 'robust' : 'pseudo-aligned';
    return { objective: text(o), score: value - spec.select.depth * (depth ?? 0) - spec.select.length * bits, trainValue: value, depth, verdict };
}

function brutePath(spec: CompiledSpec) {
    const env = spec.environments.find(e => e.label === spec.train[0])!;
    const names = [...env.actions, ...env.nodes.map(n => n.name)];
    let current: Obj = { aggregate: 'sum', terms: [] };
    let here = bruteStep(spec, current);
    const steps = [{ move: 'start', ...here }];
    for (;;) {
        const moves: { move: string; o: Obj }[] = [];
        for (const [i, name] of names.entries()) {
            if (current.terms.some(t => t.name === name)) {
                moves.push({ move: `remove ${name}`, o: { ...current, terms: current.terms.filter(t => t.name !== name) } });
                continue;
            }
            for (const sign of [1, -1] as const) {
                const terms = [...current.terms, { name, sign }].sort((p, q) => names.indexOf(p.name) - names.indexOf(q.name));
                moves.push({ move: `${sign > 0 ? '+' : '-'} ${names[i]}`, o: { ...current, terms } });
            }
        }
        if (current.aggregate === 'sum' && current.terms.length > 0) moves.push({ move: 'final', o: { ...current, aggregate: 'final' } });
        let best: { move: string; o: Obj; s: ReturnType<typeof bruteStep> } | undefined;
        for (const m of moves) {
            const s = bruteStep(spec, m.o);
            if (!best || s.score - best.s.score > TOL(best.s.score)) best = { ...m, s };
        }
        if (!best || best.s.score - here.score <= TOL(here.score)) break;
        current = best.o;
        here = best.s;
        steps.push({ move: best.move, ...here });
    }
    return steps;
}

describe('against a brute-force local search over every history', () => {
    const specs: Record<string, string> = {
        'two steps': TWO_STEPS,
        // 0 (3/4) → x (1.5) → x + y (2.25) → x + y + z (3): one term per step.
        'three steps, three terms': `
environment E {
  horizon 3
  action a, b, c
  node s init 0 = s@1 + 1
  node x = a * (s == 1)
  node y = b * (s == 2)
  node z = c * (s == 3)
}
objective base Goal = x + y + z
train E`,
        'a short lamp, with a depth penalty and a deployment': `
environment Lab { horizon 5  action press  node lamp = press@2 }
environment LabWithSwitch extends Lab { action flip  node lamp = press@2 + flip > 0 }
objective base Light = lamp
train Lab
deploy LabWithSwitch
select { penalty depth 0.1 }`,
        'a small cleaning robot, with a length penalty': `
environment Room { horizon 4  action sweep
  node dusty_sweeps = sweep * (floor@1 > 0)
  node floor init 2 = floor@1 - dusty_sweeps
  node bin = bin@1 + dusty_sweeps }
objective base Clean = -floor
train Room
select { penalty length 0.05 }`,
        'a coin drawn at the start, two weighted training environments': `
environment Coin { horizon 3  action a, b
  node c init bernoulli(0.5) = c@1
  node g = a * c + b * (1 - c) }
environment Coin2 extends Coin { node g = a * c }
objective base G = g
train Coin weight 3, Coin2 weight 1`,
        'a final base objective with a discount': `
environment Stack { horizon 3  discount 0.5  action put, take
  node height = max(height@1 + put - take, 0)
  node spill = take * (height@1 == 0) }
objective base Tall = final(height)
train Stack`,
    };

    for (const [name, source] of Object.entries(specs)) {
        test(name, async () => {
            const spec = await compiled(source);
            const path = simulate(spec).learningPath!;
            const brute = brutePath(spec);
            if (name === 'three steps, three terms') expect(brute.map(s => s.objective)).toEqual(['0', 'x', 'x + y', 'x + y + z']);
            expect(path.steps.map(s => `${s.move}: ${s.objective} ${s.verdict} depth ${s.depth}`))
                .toEqual(brute.map(s => `${s.move}: ${s.objective} ${s.verdict} depth ${s.depth}`));
            path.steps.forEach((s, i) => {
                expect(s.score).toBeCloseTo(brute[i]!.score, 9);
                expect(s.trainValue).toBeCloseTo(brute[i]!.trainValue, 9);
            });
        });
    }
});
