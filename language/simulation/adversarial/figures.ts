/**
 * The enumerated candidates that fit training, set beside the base objective as a mesa
 * objective is (docs/analyses.md, EPIC distance): per training environment the EPIC
 * distance of the candidate's rewards to the base objective's (epic.ts, the same
 * definition and code as for a declared objective), and per deployment environment the
 * base interval of its optimal behaviour with the normalized regret (optimizer.ts,
 * deployInterval), as its implicit ideal optimizer would have them.
 *
 * Bounded: at most MAX_FIGURED_CANDIDATES candidates, the pseudo-aligned ones first. Each
 * costs four passes over every training graph (the canonical rewards, the three sums of
 * the distance) and two over every deployment graph (the optimal behaviour, the base
 * interval), charged to the run's budget; a budget hit leaves the figures not yet
 * computed `null` and is recorded in `incomplete`.
 */
import type { CandidateFigures } from '../report.js';
import type { Context } from '../context.js';
import { baseCanonical, distanceToBase, type Canonical } from '../epic.js';
import { BudgetExceeded } from '../errors.js';
import { deployInterval } from '../optimizer.js';
import type { Candidate } from './enumerate.js';
import { judge, type Arena } from './judge.js';
import { candidateRewards, readable } from './values.js';

/** Candidates given figures (and listed in the report); the scatter draws theirs. */
export const MAX_FIGURED_CANDIDATES = 50;

export interface Fitting {
    candidate: Candidate;
    robust: boolean;
}

/**
 * The figures of the first MAX_FIGURED_CANDIDATES of `fitting` (pseudo-aligned first);
 * `arenaOf` gives the arena of an environment the run explored, or null.
 */
export function candidateFigures(ctx: Context, fitting: readonly Fitting[], bitsOf: (c: Candidate) => number,
    arenaOf: (label: string) => Arena | null): CandidateFigures[] {
    const spec = ctx.spec;
    const chosen = [...fitting.filter(f => !f.robust), ...fitting.filter(f => f.robust)].slice(0, MAX_FIGURED_CANDIDATES);
    const trainLabels = [...new Set(spec.train)].filter(l => arenaOf(l) !== null);
    const deployLabels = [...new Set(spec.deploy)];
    const out: CandidateFigures[] = chosen.map(({ candidate: c, robust }) => ({
        text: c.text, bits: bitsOf(c), verdict: robust ? 'robust' : 'pseudo-aligned',
        epic: trainLabels.filter(l => readable(arenaOf(l)!.values, c)).map(env => ({ env, distance: null })),
        deploy: deployLabels.map(env => deployInterval(env, null)),
        regret: null,
    }));
    try {
        const bases = new Map<string, Canonical>();
        for (const [k, { candidate: c }] of chosen.entries()) {
            const figures = out[k]!;
            for (const entry of figures.epic) {
                const a = arenaOf(entry.env)!, g = a.graph;
                let base = bases.get(entry.env);
                if (!base) bases.set(entry.env, base = baseCanonical(ctx, g, entry.env));
                a.scratch = candidateRewards(g, a.values, a.env.discount, c, a.scratch);
                entry.distance = distanceToBase(g, base, c.aggregate, a.scratch, ctx.budget);
            }
            figures.deploy = deployLabels.map(env => {
                const a = arenaOf(env);
                const r = a && readable(a.values, c) ? judge(ctx, a, { candidate: c }) : null;
                return deployInterval(env, r && a ? { lo: r.lo, hi: r.hi, optimum: a.optimum, worst: a.worst } : null);
            });
            const regrets = figures.deploy.map(d => d.normalizedRegret).filter((r): r is number => r !== null);
            figures.regret = regrets.length === 0 ? null : Math.max(...regrets);
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
    }
    return out;
}
