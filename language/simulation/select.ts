/**
 * Description length and the selection step. bits(O) = size(O) × log2(#names + 12),
 * the names being the actions and nodes of the training environments and the 12
 * standing for operators and literals. Score = mean training base value (hi) −
 * w_depth·depth − w_length·bits; ties (within 1e-9) all win. A score that is not a
 * finite number is a run-time error at `select` (docs/simulation.md, Run-time errors).
 */
import type { CompiledObjective, CompiledSpec } from '../model/spec.js';
import type { OptimizerReport, SelectionReport } from './report.js';
import { tolerance } from './dp.js';
import { SimulationError } from './errors.js';
import { formatNumber as num } from './verdict-table.js';

export function trainingNames(spec: CompiledSpec): Set<string> {
    const names = new Set<string>();
    for (const label of spec.train) {
        const env = spec.environments.find(e => e.label === label);
        if (!env) continue;
        for (const a of env.actions) names.add(a);
        for (const n of env.nodes) names.add(n.name);
    }
    return names;
}

export function bits(spec: CompiledSpec, objective: CompiledObjective): number {
    return objective.size * Math.log2(trainingNames(spec).size + 12);
}

/** The mean; when the sum of finite values overflows, the sum of their shares instead. */
function mean(xs: number[]): number {
    const sum = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Number.isFinite(sum) ? sum : xs.reduce((a, b) => a + b / xs.length, 0);
}

export function select(spec: CompiledSpec, optimizers: OptimizerReport[]): SelectionReport {
    const { depth: wd, length: wl } = spec.select;
    const rows = optimizers.map(o => {
        const his = o.train.map(t => t.hi);
        const trainValue = his.length > 0 && his.every(h => h !== null) ? mean(his as number[]) : null;
        const score = trainValue === null ? null : trainValue - wd * o.depth - wl * o.bits;
        if (score !== null && !Number.isFinite(score)) {
            throw new SimulationError(
                `The selection score of ${o.name} is ${String(score)} (training value ${num(trainValue!)} − ${num(wd)} × depth ${o.depth} − ${num(wl)} × ${o.bits.toFixed(2)} bits): it overflows the range of double-precision numbers (about ±1.8e308); use smaller penalty weights.`,
                spec.select.location);
        }
        return { name: o.name, score, trainValue, depth: o.depth, bits: o.bits };
    });
    const ranking = rows
        .map((r, i) => ({ r, i }))
        .sort((a, b) => {
            const sa = a.r.score ?? -Infinity, sb = b.r.score ?? -Infinity;
            return sa !== sb ? sb - sa : a.i - b.i;
        })
        .map(x => x.r);
    const best = ranking[0]?.score ?? null;
    const winners = best === null ? [] : ranking
        .filter(r => r.score !== null && best - r.score <= tolerance(best))
        .map(r => r.name);
    return { penalties: { depth: wd, length: wl }, winners, ranking };
}
