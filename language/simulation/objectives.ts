/**
 * The per-objective part of the report: description length, targets with signs,
 * own optimum and worst value in each simulated environment, reward timing.
 */
import type { ObjectiveReport, RewardTiming } from './report.js';
import { collectReads } from './codegen.js';
import type { Context } from './context.js';
import { BudgetExceeded } from './errors.js';
import { targetsOf } from '../model/causal-paths.js';
import { modelLabels } from '../model/models.js';
import { bits } from './select.js';

export function objectiveReports(ctx: Context, timing: Map<string, RewardTiming>): ObjectiveReport[] {
    const spec = ctx.spec;
    const graph = ctx.envs.get(spec.train[0] ?? '')?.graph;
    const labels = [...new Set([...spec.train, ...spec.deploy, ...spec.optimizers.flatMap(modelLabels)])];
    return spec.objectives.map(o => {
        let signed = new Map(graph ? targetsOf(graph, o.name).map(t => [t.name, t.sign]) : []);
        if (signed.size === 0) {
            const reads = new Map<string, number>();
            collectReads(o.expression, reads);
            signed = new Map([...reads.keys()].map(n => [n, '±' as const]));
        }
        const values: ObjectiveReport['values'] = [];
        for (const label of labels) {
            const env = ctx.env(label);
            if (env.qualitative || !ctx.evaluable(label, o.name)) continue;
            try {
                const g = ctx.graph(label);
                const s = g ? ctx.solve(g, o.name) : null;
                values.push({ env: label, optimum: s?.optimum ?? null, worst: s?.worst ?? null });
            } catch (e) {
                if (!(e instanceof BudgetExceeded)) throw e;
                ctx.record(e, label, null);
                values.push({ env: label, optimum: null, worst: null });
            }
        }
        return {
            name: o.name,
            role: o.role,
            aggregate: o.aggregate,
            text: o.text,
            size: o.size,
            bits: bits(spec, o),
            targets: [...signed].map(([name, sign]) => ({ name, sign })),
            values,
            rewardTiming: o.role === 'mesa' ? timing.get(o.name) ?? null : null,
            location: o.location,
        };
    });
}
