/**
 * Underdetermination and adversarial training (docs/simulation.md, Candidate objectives; Distinguishing environments): enumerates the
 * candidate objectives no longer than the base objective, judges each like an
 * implicit ideal optimizer on the already explored training (and, when needed,
 * deployment) graphs, counts those that fit training without being robust by
 * description length, and chooses distinguishing environments for them and for the
 * declared mesa objectives found pseudo-aligned; then how fast distinguishing grows:
 * per description length, the pseudo-aligned candidates no longer than it and the size of
 * the cover that rules them out, from the options the search judged (cover.ts); last,
 * the EPIC distance and deployment regret of the candidates that fit training
 * (figures.ts). A budget hit before the figures leaves every part `computed: false` (the
 * growth empty) and is recorded in `incomplete`.
 */
import type { CandidatesReport, DistinguishingGrowthLevel, DistinguishingReport, OptimizerReport } from '../report.js';
import type { Context } from '../context.js';
import { BudgetExceeded } from '../errors.js';
import { trainingNames } from '../select.js';
import { coverSize } from './cover.js';
import { distinguish } from './distinguish.js';
import { enumerateCandidates, MAX_CANDIDATE_SIZE, sameObjective, type Candidate } from './enumerate.js';
import { candidateFigures, type Fitting } from './figures.js';
import { arenaIn, commonTrainingNames, judge, judgeable, misfits, type Arena, type Judged } from './judge.js';

export interface AdversarialResult {
    candidates: CandidatesReport;
    distinguishing: DistinguishingReport;
    distinguishingGrowth: DistinguishingGrowthLevel[];
}

/** Pseudo-aligned candidates listed per description length. */
const EXAMPLES_PER_LENGTH = 3;

export const NOT_COMPUTED: AdversarialResult = {
    candidates: { computed: false, enumerated: 0, pseudoAligned: 0, byBits: [], fitting: [], fittingTotal: 0 },
    distinguishing: { computed: false, environments: [], uncovered: [] },
    distinguishingGrowth: [],
};

export function adversarialAnalysis(ctx: Context, optimizers: OptimizerReport[]): AdversarialResult {
    const spec = ctx.spec;
    const base = spec.objectives.find(o => o.name === spec.base);
    if (!base || spec.train.length === 0) return NOT_COMPUTED;
    try {
        const names = commonTrainingNames(ctx);
        const arenaOf = (label: string): Arena | null => arenaIn(ctx, label, names);
        const train = spec.train.map(arenaOf);
        if (train.some(a => a === null)) return NOT_COMPUTED;
        const trained = train as Arena[];
        const deployLabels = spec.deploy.filter(l => !spec.train.includes(l));
        let deploy: (Arena | null)[] | undefined;
        const candidates = enumerateCandidates(names, Math.min(base.size, MAX_CANDIDATE_SIZE), base);
        const pseudo: Candidate[] = [];
        const fitting: Fitting[] = [];
        for (const c of candidates) {
            const j: Judged = { candidate: c };
            const judgements = trained.map(a => ({ a, r: judge(ctx, a, j) }));
            // A candidate whose return is not a finite number somewhere is not judged at all.
            if (judgements.some(({ r }) => r === null)) continue;
            if (judgements.some(({ a, r }) => misfits(a, r!))) continue;
            let robust = judgements.every(({ r }) => r!.matches);
            if (robust) {
                deploy ??= deployLabels.map(arenaOf);
                robust = deploy.every(a => a === null || !judgeable(ctx, a, j) || (judge(ctx, a, j)?.matches ?? true));
            }
            if (!robust) pseudo.push(c);
            fitting.push({ candidate: c, robust });
        }
        const factor = Math.log2(trainingNames(spec).size + 12);
        const sizes = [...new Set(candidates.map(c => c.size))];
        const report: CandidatesReport = {
            computed: true,
            enumerated: candidates.length,
            pseudoAligned: pseudo.length,
            byBits: sizes.map(size => ({
                bits: size * factor,
                enumerated: candidates.filter(c => c.size === size).length,
                pseudoAligned: pseudo.filter(c => c.size === size).length,
                examples: pseudo.filter(c => c.size === size).slice(0, EXAMPLES_PER_LENGTH).map(c => c.text),
            })),
            fitting: [],
            fittingTotal: fitting.length,
        };
        const universe: Judged[] = pseudo.map(candidate => ({ candidate }));
        for (const o of optimizers) {
            const objective = spec.objectives.find(x => x.name === o.objective);
            if (!o.implicit || o.verdict !== 'pseudo-aligned' || !objective) continue;
            if (!pseudo.some(c => sameObjective(c, objective))) universe.push({ declared: objective.name });
        }
        const { report: distinguishing, stages } = distinguish(ctx, universe, names, arenaOf);
        // Level by level, the candidates no longer than it (a base objective that long admits them all).
        const distinguishingGrowth = sizes.map((size): DistinguishingGrowthLevel => {
            const items = pseudo.flatMap((c, i) => (c.size <= size ? [i] : []));
            return { bits: size * factor, pseudoAligned: items.length, coverSize: coverSize(stages, items, ctx.budget) };
        });
        // Last, so that a budget hit there leaves everything above whole (figures.ts).
        report.fitting = candidateFigures(ctx, fitting, c => c.size * factor, arenaOf);
        return { candidates: report, distinguishing, distinguishingGrowth };
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        return NOT_COMPUTED;
    }
}
