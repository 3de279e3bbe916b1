/**
 * Builds one optimizer's report entry: intervals, verdict and kind, witness,
 * suboptimality limits, capability sweep and depth(O). A budget hit while analysing
 * it leaves the entry marked incomplete with verdict 'unknown'.
 */
import type { CompiledObjective } from '../model/spec.js';
import type { OptimizerReport } from './report.js';
import type { Planner } from './behaviour.js';
import { collectReads } from './codegen.js';
import type { Context } from './context.js';
import { BudgetExceeded } from './errors.js';
import { deployInterval, evaluateAll, evaluateIn, trainInterval, type EnvResult } from './optimizer.js';
import type { ProxyKind as ProxyResult } from '../model/relation.js';
import { capabilitySweep } from './sweep.js';
import { decide, fromDepth, limitsOf } from './verdict.js';
import { deployAverage } from './deploy-average.js';
import { trainWeights } from './select.js';

/**
 * Whether two objectives read the same names, a parameter of the environments aside: a
 * parameter is a constant there, not a target (docs/language.md, Parameters).
 */
export function sameTargets(a: CompiledObjective, b: CompiledObjective, parameters: ReadonlySet<string> = new Set()): boolean {
    const ra = new Map<string, number>(), rb = new Map<string, number>();
    collectReads(a.expression, ra);
    collectReads(b.expression, rb);
    const targets = (reads: Map<string, number>) => [...reads.keys()].filter(k => !parameters.has(k));
    const ta = targets(ra), tb = new Set(targets(rb));
    return ta.length === tb.size && ta.every(k => tb.has(k));
}

export interface Analysed {
    report: OptimizerReport;
    /** Per environment label, its evaluated behaviour (for the trajectory sample). */
    results: Map<string, EnvResult | null>;
}

export function analyseOptimizer(
    ctx: Context, planner: Planner, implicit: boolean, objective: CompiledObjective, bits: number, proxy: ProxyResult,
): Analysed {
    const spec = ctx.spec;
    const maxH = Math.max(1, ...spec.train.map(l => ctx.env(l).horizon));
    const report: OptimizerReport = {
        name: planner.name,
        objective: planner.objective,
        implicit,
        model: planner.model,
        declaredDepth: planner.depth,
        verdict: 'unknown',
        kind: null,
        via: null,
        signUnknown: false,
        train: spec.train.map(l => trainInterval(l, null)),
        deploy: spec.deploy.map(l => deployInterval(l, null)),
        deployAverage: null,
        depth: planner.depth ?? maxH,
        bits,
        witness: null,
        limits: null,
        sweep: [],
        incomplete: false,
        location: planner.location ?? objective.location,
    };
    let results = new Map<string, EnvResult | null>();
    try {
        results = evaluateAll(ctx, planner);
        report.train = spec.train.map(l => trainInterval(l, results.get(l) ?? null));
        report.deploy = spec.deploy.map(l => deployInterval(l, results.get(l) ?? null));
        report.deployAverage = deployAverage(report.deploy, spec.deploy, spec.weights.deploy, spec.weighted);
        const missing = (l: string): boolean => results.get(l) === null && !ctx.env(l).qualitative;
        report.incomplete = [...results.keys()].some(missing);

        const limited = !implicit && (planner.model !== null || planner.depth !== null);
        const unlimited = limited
            ? spec.train.map(l => ctx.env(l).qualitative || !ctx.evaluable(l, planner.objective) ? null
                : evaluateIn(ctx, { name: planner.name, objective: planner.objective, model: null, depth: null }, l))
            : null;

        const sweep = capabilitySweep(ctx, planner);
        report.sweep = sweep.curves;
        report.depth = planner.depth ?? sweep.depth ?? maxH;
        report.incomplete ||= sweep.incomplete;

        const base = spec.objectives.find(o => o.name === spec.base)!;
        // Fitting training asks only the environments of positive weight (docs/simulation.md, Verdicts).
        const weights = trainWeights(spec);
        const counts = (_: unknown, i: number): boolean => weights[i]! > 0;
        const v = decide({
            train: spec.train.filter(counts).map(l => results.get(l) ?? null),
            all: [...results.values()],
            unlimited: unlimited?.filter(counts) ?? null,
            approximate: sameTargets(objective, base, new Set(spec.train.flatMap(l => Object.keys(ctx.env(l).params)))),
            proxy,
        });
        report.verdict = v.verdict;
        report.kind = v.kind;
        report.via = v.via;
        report.signUnknown = v.signUnknown;
        report.witness = v.witness;
        if (v.suboptimal && unlimited) {
            const optima = spec.train.map(l => results.get(l)?.optimum ?? null);
            report.limits = limitsOf(planner.model, planner.depth, unlimited, spec.train,
                fromDepth(planner.depth, sweep.curves, optima));
        }
    } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        ctx.record(e, null, null);
        report.verdict = 'unknown';
        report.kind = null;
        report.witness = null;
        report.incomplete = true;
    }
    return { report, results };
}
