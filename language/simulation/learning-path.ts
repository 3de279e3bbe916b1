/**
 * The learning path (docs/analyses.md, Learning path): the base optimizer modelled as a
 * local search over objectives. It starts from the empty objective, 0; each step adds a
 * term `+x` or `-x` (x an action or node every training environment has), removes one,
 * or wraps the objective in `final`, and moves to the neighbour of best score, until no
 * neighbour improves on the current one by more than the tie tolerance.
 *
 * The score is selection's (select.ts) with one change: an objective's training value is
 * the base objective's expected value when its optimizer breaks ties uniformly at random
 * (as the trajectory sample's policies do), not the best case hi. Under hi the empty
 * objective, which allows everything, would already score the optimum and the search
 * would never leave it. Ties between neighbours go to the first in this fixed order: for
 * each name in the order candidates use (the first training environment's actions, then
 * its nodes), `+x` and `-x` when x is not a term, `remove x` when it is; then `final`.
 *
 * Each step's verdict is an implicit ideal optimizer's (objective-search.ts). The path
 * is `proxyFirst` when a pseudo-aligned objective comes before any robust one. Every pass
 * is charged to the run's budget; a budget hit ends the path where it is, `complete:
 * false`, and is recorded in `incomplete`.
 */
import type { LearningPathReport, LearningStep } from './report.js';
import type { Context } from './context.js';
import { tolerance } from './dp.js';
import { BudgetExceeded } from './errors.js';
import { trainingValue } from './select.js';
import { candidateOf, type Objective, type Term } from './adversarial/enumerate.js';
import { assess, scoreOf, verdictOf, type Ground } from './objective-search.js';

/** Steps at most: each strictly raises the score, so a path is short; this only bounds a pathological one. */
export const MAX_STEPS = 100;

interface Move {
    move: string;
    objective: Objective;
}

/** The neighbours of an objective, in the order that breaks ties. */
export function neighbours(o: Objective, names: string[]): Move[] {
    const out: Move[] = [];
    const position = new Map(names.map((n, i) => [n, i]));
    const sorted = (terms: Term[]): Term[] => terms.slice().sort((a, b) => position.get(a.name)! - position.get(b.name)!);
    for (const name of names) {
        if (o.terms.some(t => t.name === name)) {
            out.push({ move: `remove ${name}`, objective: { aggregate: o.aggregate, terms: o.terms.filter(t => t.name !== name) } });
            continue;
        }
        for (const sign of [1, -1] as const) {
            out.push({ move: `${sign > 0 ? '+' : '-'} ${name}`, objective: { aggregate: o.aggregate, terms: sorted([...o.terms, { name, sign }]) } });
        }
    }
    if (o.aggregate === 'sum' && o.terms.length > 0) out.push({ move: 'final', objective: { aggregate: 'final', terms: o.terms } });
    return out;
}

interface Scored {
    score: number;
    trainValue: number;
    depth: number | null;
}

/** The path, or null when some training environment is not simulated. */
export function learningPath(ctx: Context, ground: () => Ground | null): LearningPathReport | null {
    const spec = ctx.spec;
    let g: Ground | null;
    try {
        g = ground();
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        return { steps: [], proxyFirst: null, complete: false };
    }
    if (!g) return null;
    const ground_ = g;
    const withDepth = spec.select.depth !== 0;
    const maxH = Math.max(1, ...g.train.map(a => a.graph.horizon));
    // Scores only: behaviours are large, and a step's verdict is judged once more when it is taken.
    const memo = new Map<string, Scored | null>();
    const score = (o: Objective): Scored | null => {
        const c = candidateOf(o);
        if (memo.has(c.text)) return memo.get(c.text)!;
        const a = assess(ctx, ground_, { candidate: c }, { expected: true, depth: withDepth });
        const trainValue = a ? trainingValue(a.expected, ground_.weights) : null;
        const depth = withDepth ? a?.depth ?? maxH : null;
        const s = a && trainValue !== null ? scoreOf(ctx, ground_, a.expected, depth, c.size * ground_.factor) : null;
        const scored = s !== null && Number.isFinite(s) ? { score: s, trainValue: trainValue!, depth } : null;
        memo.set(c.text, scored);
        return scored;
    };
    const step = (o: Objective, move: string, s: Scored): LearningStep => {
        const c = candidateOf(o);
        const a = assess(ctx, ground_, { candidate: c }, { expected: false, depth: false })!;
        return {
            objective: c.text, move, score: s.score, trainValue: s.trainValue, depth: s.depth,
            bits: c.size * ground_.factor, verdict: verdictOf(ctx, ground_, { candidate: c }, a),
        };
    };
    const steps: LearningStep[] = [];
    let complete = true;
    try {
        let current: Objective = { aggregate: 'sum', terms: [] };
        let here = score(current);
        if (!here) return null;
        steps.push(step(current, 'start', here));
        for (;;) {
            let best: { m: Move; s: Scored } | undefined;
            for (const m of neighbours(current, g.names)) {
                const s = score(m.objective);
                if (s && (!best || s.score - best.s.score > tolerance(best.s.score))) best = { m, s };
            }
            if (!best || best.s.score - here.score <= tolerance(here.score)) break;
            if (steps.length > MAX_STEPS) { complete = false; break; }
            current = best.m.objective;
            here = best.s;
            steps.push(step(current, best.m.move, here));
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        complete = false;
    }
    return { steps, proxyFirst: proxyFirst(steps, complete), complete };
}

/** A pseudo-aligned step before any robust one, the start aside; null when a cut-short path has shown neither. */
export function proxyFirst(steps: LearningStep[], complete: boolean): boolean | null {
    for (const s of steps.slice(1)) {
        if (s.verdict === 'pseudo-aligned') return true;
        if (s.verdict === 'robust') return false;
    }
    return complete ? false : null;
}
