/**
 * Runs the trajectory sample over every simulated training and deployment
 * environment (random episodes, then the base optimum, then each optimizer's
 * behaviour) with one seeded generator, and derives each mesa objective's reward
 * timing from the training episodes. A budget hit while sampling drops the whole
 * sample (the report's `incomplete` names the budget).
 */
import type { RewardTiming, SampleReport } from './report.js';
import type { Analysed } from './analyse.js';
import type { Context } from './context.js';
import { BudgetExceeded } from './errors.js';
import { mulberry32, rewardTiming, sampleEnvironment, type SamplePolicy } from './sample.js';

export interface Samples {
    reports: SampleReport[];
    /** Per mesa objective, its reward timing against the base objective in training. */
    timing: Map<string, RewardTiming>;
}

export function sampleAll(ctx: Context, analysed: Analysed[], seed: number, samples: number): Samples {
    const spec = ctx.spec;
    const random = mulberry32(seed);
    const reports: SampleReport[] = [];
    const trainSteps = new Map<string, Float64Array[]>();
    const per = Math.max(1, Math.round(samples / 10));
    const labels = [...new Set([...spec.train, ...spec.deploy])];
    try {
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
            const episodes = sampleEnvironment(label, policies, spec.base, mesa, env.discount, random);
            reports.push(episodes.report);
            if (spec.train.includes(label)) {
                for (const [name, steps] of episodes.steps) {
                    const list = trainSteps.get(name) ?? [];
                    list.push(...steps);
                    trainSteps.set(name, list);
                }
            }
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        // All or nothing: a sample cut short would look complete per environment.
        reports.length = 0;
        trainSteps.clear();
    }
    const timing = new Map<string, RewardTiming>();
    const baseSteps = trainSteps.get(spec.base);
    for (const o of spec.objectives) {
        const steps = trainSteps.get(o.name);
        if (o.role === 'mesa' && baseSteps && steps && steps.length === baseSteps.length) {
            timing.set(o.name, rewardTiming(baseSteps, steps));
        }
    }
    return { reports, timing };
}
