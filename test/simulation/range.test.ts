/**
 * The algorithmic range (docs/analyses.md, Algorithmic range): which objective an optimizer
 * with `range BITS` pursues, its verdict and figures, and the `range-forces-approximation`
 * warning. Every figure is computed by hand in the comments.
 */
import { describe, expect, test } from 'vitest';
import { simulationFindings } from '../../language/findings/simulation-findings.js';
import { simulate } from '../../language/simulation/index.js';
import type { OptimizerReport, Report } from '../../language/simulation/report.js';
import { enumerateObjectives, objectiveCounts } from '../../language/simulation/adversarial/enumerate.js';
import { rangeMessage } from '../../language/findings/range-approximation.js';
import { searchableSize } from '../../language/simulation/range.js';
import { compiled, exampleText } from '../helpers/services.js';

/** One name of button-lamp (press, lamp: 2 names) takes log2(14) ≈ 3.807 bits. */
const NAME = Math.log2(14);

const optimizer = (r: Report, name: string): OptimizerReport => r.optimizers.find(o => o.name === name)!;

describe('button-lamp with a range', () => {
    const spec = compiled(`${exampleText('button-lamp')}
optimizer Small { range 3 }
optimizer Four { range 4 }
`);

    test('range 3 holds no objective (one name is 3.81 bits): it pursues nothing and allows every choice', async () => {
        const s = await spec;
        const report = simulate(s);
        const small = optimizer(report, 'Small');
        expect(small.range).toBe(3);
        expect(small.objective).toBe('0');
        expect(small.learned).toMatchObject({ text: '0', declared: null, how: 'none', bits: 0, approximate: true });
        // Every policy: Lab's base values run from 0 (never press) to 30 (press at steps 1..30).
        expect(small.train).toEqual([{ env: 'Lab', lo: 0, hi: 30, optimum: 30, worst: 0 }]);
        expect(small.deploy).toEqual([{ env: 'LabWithSwitch', lo: 0, hi: 40, optimum: 40, worst: 0, normalizedRegret: 1 }]);
        // It fits training (hi = 30) but waits where Light presses: pseudo-aligned, approximate by range.
        expect(small).toMatchObject({ verdict: 'pseudo-aligned', kind: 'approximate', depth: 1, bits: 0 });
        expect(small.witness).toMatchObject({ env: 'Lab', step: 1, optimizerActions: ['wait', 'press'], baseActions: ['press'] });
        expect(small.learned!.regret).toEqual({ env: 'Lab', normalizedRegret: 1 });
        // Selection: 30 − 0.1 × depth 1 − 0 × bits = 29.9, level with Pressing.
        expect(report.selection.ranking.find(r => r.name === 'Small')!.score).toBeCloseTo(29.9, 12);
        const warning = simulationFindings(s, report).filter(f => f.code === 'range-forces-approximation');
        expect(warning.map(f => f.message)).toEqual([
            'Range 3 bits cannot hold Light (3.81 bits): no objective fits in it (one name takes 3.81 bits), so Small pursues nothing (0) and allows every choice, pseudo-aligned (approximate by range); normalized regret 1 in Lab.',
        ]);
        expect(warning[0]!.severity).toBe('warning');
        expect(warning[0]!.location).toEqual(s.optimizers.find(o => o.name === 'Small')!.location);
    });

    test('range 4 holds one name: Pressing scores 29.9 against Light and Lighting 28.9 (depth 11); no warning', async () => {
        const s = await spec;
        const report = simulate(s);
        const four = optimizer(report, 'Four');
        expect(four.objective).toBe('Pressing');
        // Light, Pressing, Lighting; press and lamp are the declared ones again.
        expect(four.learned).toMatchObject({ text: 'press', declared: 'Pressing', how: 'best', candidates: 3, approximate: false, complete: true });
        expect(four.learned!.score).toBeCloseTo(29.9, 12);
        expect(four.learned!.bits).toBeCloseTo(NAME, 12);
        expect(four).toMatchObject({ verdict: 'pseudo-aligned', kind: 'side-effect', depth: 1 });
        expect(four.deploy[0]).toMatchObject({ lo: 30, hi: 30, optimum: 40, normalizedRegret: 0.25 });
        const on = (name: string) => simulationFindings(s, report).filter(f => f.code === 'range-forces-approximation'
            && f.location.range.start.line === s.optimizers.find(o => o.name === name)!.location.range.start.line);
        expect(on('Four')).toEqual([]);
        expect(on('Small')).toHaveLength(1);
    });

    test('optimizers without a range say so', async () => {
        const report = simulate(await spec);
        expect(optimizer(report, 'Pressing')).toMatchObject({ range: null, learned: null });
    });
});

/**
 * Lab: horizon 10, lamp on two steps after a press. Net = lamp − press (size 3, 11.42
 * bits): a press at steps 1..8 nets 0, at 9 or 10 it costs 1; optimum 0, worst −2.
 */
const NET = `
environment Lab {
  horizon 10
  action press
  node lamp = press@2
}
environment LabWithSwitch extends Lab {
  action flip
  node lamp = press@2 + flip > 0
}
objective base Net = lamp - press
train Lab
deploy LabWithSwitch
`;

describe('a base objective longer than the range', () => {
    test('range 8 (two nodes): no size-2 objective is robust; lamp ties first at 0 and is approximate by range', async () => {
        // press −2 (misfits); lamp, -press, -lamp, final(lamp) 0; final(press) −1: lamp is the first at 0.
        const s = await compiled(`${NET}optimizer Small { range 8 }`);
        const report = simulate(s);
        const small = optimizer(report, 'Small');
        expect(small.objective).toBe('lamp');
        expect(small.learned).toMatchObject({ text: 'lamp', declared: null, how: 'best', score: 0, candidates: 6, approximate: true, complete: true });
        expect(small.learned!.searchedBits).toBeCloseTo(2 * NAME, 12);
        // lamp presses at 1..8 and is free at 9, 10: Net in [−2, 0]. With the switch, lighting every
        // step takes a flip at every step (a press only lights a step if a press lit the one two before):
        // Net 10 = the optimum.
        expect(small.train).toEqual([{ env: 'Lab', lo: -2, hi: 0, optimum: 0, worst: -2 }]);
        expect(small.deploy[0]).toMatchObject({ lo: 10, hi: 10, optimum: 10, normalizedRegret: 0 });
        expect(small).toMatchObject({ verdict: 'pseudo-aligned', kind: 'approximate' });
        expect(small.learned!.regret).toEqual({ env: 'Lab', normalizedRegret: 1 });
        const warning = simulationFindings(s, report).filter(f => f.code === 'range-forces-approximation');
        expect(warning.map(f => f.message)).toEqual([
            'Range 8 bits cannot hold Net (11.42 bits): the best objective within range is lamp (3.81 bits, score 0), pseudo-aligned (approximate by range); normalized regret 1 in Lab.',
        ]);
    });

    test('range 12 holds Net itself: it is chosen first among the ties, robust, no warning', async () => {
        const s = await compiled(`${NET}optimizer Roomy { range 12 }`);
        const report = simulate(s);
        const roomy = optimizer(report, 'Roomy');
        expect(roomy.objective).toBe('Net');
        expect(roomy.learned).toMatchObject({ declared: 'Net', how: 'best', approximate: false });
        expect(roomy.verdict).toBe('robust');
        expect(simulationFindings(s, report).filter(f => f.code === 'range-forces-approximation')).toEqual([]);
    });

    test('a declared objective longer than the range is replaced by the best representable one, with a warning', async () => {
        // Twice = lamp + lamp (11.42 bits) does not fit in 8 bits; Net does not either.
        const s = await compiled(`${NET}objective mesa Twice = lamp + lamp\noptimizer Eager { objective Twice  range 8 }`);
        const report = simulate(s);
        const eager = optimizer(report, 'Eager');
        expect(eager.objective).toBe('lamp');
        expect(eager.learned).toMatchObject({ how: 'best', approximate: true });
        expect(simulationFindings(s, report).filter(f => f.code === 'range-forces-approximation').map(f => f.message)).toEqual([
            'Range 8 bits cannot hold Net (11.42 bits) nor its objective Twice (11.42 bits): the best objective within range is lamp (3.81 bits, score 0), pseudo-aligned (approximate by range); normalized regret 1 in Lab.',
        ]);
    });

    test('a declared objective that fits is pursued as declared, without a search', async () => {
        const s = await compiled(`${NET}objective mesa Lamp = lamp\noptimizer Plain { objective Lamp  range 4 }`);
        const eager = optimizer(simulate(s), 'Plain');
        expect(eager.objective).toBe('Lamp');
        expect(eager.learned).toMatchObject({ how: 'declared', declared: 'Lamp', score: null, candidates: 0, approximate: false });
    });

    test('with a depth penalty, depth(O) enters the score: final(lamp) plans 3 steps, lamp 3, -press 1', async () => {
        // Scores 0 − 0.5 × depth: -press (never press: depth 1) wins with −0.5.
        const s = await compiled(`${NET}select { penalty depth 0.5 }\noptimizer Small { range 8 }`);
        const small = optimizer(simulate(s), 'Small');
        expect(small.objective).toBe('-press');
        expect(small.learned!.score).toBeCloseTo(-0.5, 12);
    });
});

describe('budgets', () => {
    test('a cancelled run or a training environment past the state cap leaves the choice undecided: verdict unknown', async () => {
        const s = await compiled(`${exampleText('button-lamp')}\noptimizer Small { range 8 }`);
        for (const options of [{ signal: { cancelled: true } }, { maxStates: 100 }]) {
            const report = simulate(s, options);
            expect(optimizer(report, 'Small')).toMatchObject({ verdict: 'unknown', kind: null, incomplete: true, range: 8, learned: null, objective: '' });
            expect(report.incomplete.length).toBeGreaterThan(0);
        }
    });
});

describe('a range that holds too many objectives', () => {
    test('the search stops at the largest size whose objectives, with all smaller ones, stay within the cap', () => {
        // 12 names, cumulative counts by size: 12, 36, 246, 510, 2116, 3876, 11521, 19441, 44488.
        expect(objectiveCounts(12, 9).slice(1)).toEqual([12, 24, 210, 264, 1606, 1760, 7645, 7920, 25047]);
        expect(searchableSize(12, 10, 20_000)).toBe(8);
        expect(searchableSize(12, 10, 10_000)).toBe(6);
        expect(searchableSize(12, 5, 20_000)).toBe(5);
    });

    test('the warning says how far the search went', async () => {
        const s = await compiled(`${NET}optimizer Small { range 8 }`);
        const report = simulate(s);
        const small = optimizer(report, 'Small');
        const cut = { ...small, learned: { ...small.learned!, complete: false, searchedBits: NAME } };
        expect(rangeMessage(s, cut)).toBe(
            'Range 8 bits cannot hold Net (11.42 bits): the best objective within range is lamp (3.81 bits, score 0), pseudo-aligned (approximate by range); normalized regret 1 in Lab.'
            + ' The range holds too many objectives to judge them all: only those up to 3.81 bits were scored.');
    });
});

describe('objectives of every size', () => {
    test('enumeration order and sizes', () => {
        expect(enumerateObjectives(['a', 'b'], 4).map(c => `${c.text}:${c.size}`)).toEqual([
            'a:1', 'b:1', '-a:2', '-b:2', 'final(a):2', 'final(b):2',
            'a + b:3', 'a - b:3', 'b - a:3', 'final(-a):3', 'final(-b):3',
            '-(a + b):4', 'final(a + b):4', 'final(a - b):4', 'final(b - a):4',
        ]);
        expect(enumerateObjectives(['a', 'b', 'c'], 5).filter(c => c.size === 5).map(c => c.text)).toEqual([
            'a + b + c', 'a + b - c', 'a + c - b', 'a - b - c', 'b + c - a', 'b - a - c', 'c - a - b', 'final(-(a + b))', 'final(-(a + c))', 'final(-(b + c))',
        ]);
    });

    test('the counts per size match the enumeration (a brute-force count)', () => {
        for (const n of [1, 2, 3, 4]) {
            for (const max of [1, 2, 3, 5, 7]) {
                const listed = enumerateObjectives(Array.from({ length: n }, (_, i) => `n${i}`), max);
                const counts = objectiveCounts(n, max);
                for (let size = 1; size <= max; size++) expect(counts[size]).toBe(listed.filter(c => c.size === size).length);
            }
        }
    });
});
