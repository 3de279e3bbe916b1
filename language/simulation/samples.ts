/**
 * Runs the trajectory sample over every simulated training and deployment
 * environment (random episodes, then the base optimum, then each optimizer's
 * behaviour) with one seeded generator, and derives each mesa objective's reward
 * timing from the training episodes. Sampling and timing are charged to the budget in
 * proportion to their work; a budget hit while sampling drops the whole sample (the
 * report's `incomplete` names the budget).
 */
import type { RewardTiming, SampleReport } from './report.js';
import type { Analysed } from './analyse.js';
import type { Context } from './context.js';
import { BudgetExceeded } from './errors.js';
import { gridPaths, type GridPaths } from './grid.js';
import { mulberry32, sampleEnvironment, stepTable, timingOf, type Episode, type SamplePolicy } from './sample.js';

export interface Samples {
    reports: SampleReport[];
    /** Per mesa objective, its reward timing against the base objective in training. */
    timing: Map<string, RewardTiming>;
    /** Per environment that shows a grid, the paths its sampled behaviours followed on it. */
    paths: Map<string, GridPaths>;
}

/** The episodes sampled in one training environment, and which objectives can be read there. */
interface TrainEpisodes { episodes: Episode[]; discount: number; objectives: Set<string> }

export function sampleAll(ctx: Context, analysed: Analysed[], seed: number, samples: number): Samples {
    const spec = ctx.spec;
    const random = mulberry32(seed);
    const reports: SampleReport[] = [];
    const timing = new Map<string, RewardTiming>();
    const paths = new Map<string, GridPaths>();
    const per = Math.max(1, Math.round(samples / 10));
    const labels = [...new Set([...spec.train, ...spec.deploy])];
    const spend = (units: number): void => ctx.budget.spend(units);
    try {
        const trained: TrainEpisodes[] = [];
        for (const label of labels) {
            const env = ctx.env(label);
            if (env.qualitative || !ctx.evaluable(label, spec.base)) continue;
            const g = ctx.graph(label);
            if (!g) continue;
            const policies: SamplePolicy[] = [{ name: 'random', graph: g, episodes: samples }];
            policies.push({ name: 'optimal', graph: g, mask: ctx.solve(g, spec.base).mask, episodes: per });
            for (const a of analysed) {
                const r = a.results.get(label);
                if (r) policies.push({ name: a.report.name, graph: r.a.graph, mask: r.mask, episodes: per });
            }
            const mesa = spec.objectives.filter(o => o.role === 'mesa' && ctx.evaluable(label, o.name)).map(o => o.name);
            const sampled = sampleEnvironment(label, policies, spec.base, mesa, env.discount, random, spend);
            reports.push(sampled.report);
            if (env.show) paths.set(label, gridPaths(g, env.show, sampled.episodes, sampled.report.policies));
            if (spec.train.includes(label)) trained.push({ episodes: sampled.episodes, discount: env.discount, objectives: new Set(mesa) });
        }
        // Reward timing on the training episodes, for each mesa objective readable in all of them;
        // per-step rewards are read back one objective at a time.
        const baseSteps = trained.length > 0 ? stepTable(trained, spec.base) : undefined;
        for (const o of spec.objectives) {
            if (o.role !== 'mesa' || !baseSteps || !trained.every(t => t.objectives.has(o.name))) continue;
            spend(baseSteps.values.length);
            timing.set(o.name, timingOf(baseSteps, stepTable(trained, o.name), spend));
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        // All or nothing: a sample cut short would look complete per environment.
        reports.length = 0;
        timing.clear();
        paths.clear();
    }
    return { reports, timing, paths };
}
