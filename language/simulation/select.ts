/**
 * Description length and the selection step. bits(O) = size(O) × log2(#names + 12),
 * the names being the actions and nodes of the training environments and the 12
 * standing for operators and literals. Score = Σ weight × hi over the training
 * environments − w_depth·depth − w_length·bits (docs/analyses.md, Weights and the
 * diversity sweep): with every weight equal this is the plain mean of the training
 * values, computed as a mean so unweighted specs keep their figures to the last bit;
 * an environment of weight 0 does not count. Ties (within 1e-9) all win. A score that
 * is not a finite number is a run-time error at `select` (docs/simulation.md,
 * Run-time errors).
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

/**
 * The training weights, parallel to `spec.train`. A spec built without weights (or
 * with a list of another length) weighs every environment the same.
 */
export function trainWeights(spec: CompiledSpec): number[] {
    const declared = spec.weights?.train;
    if (declared && declared.length === spec.train.length) return declared;
    return spec.train.map(() => 1 / spec.train.length);
}

/** The mean; when the sum of finite values overflows, the sum of their shares instead. */
function mean(xs: number[]): number {
    const sum = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Number.isFinite(sum) ? sum : xs.reduce((a, b) => a + b / xs.length, 0);
}

/**
 * Σ weight × value over the environments of positive weight; null when one of them has
 * no value (a budget was hit). Equal positive weights give the mean of those values.
 */
export function trainingValue(his: (number | null)[], weights: number[]): number | null {
    const counted = his.map((hi, i) => ({ hi, w: weights[i] ?? 0 })).filter(x => x.w > 0);
    if (counted.length === 0 || counted.some(x => x.hi === null)) return null;
    if (counted.every(x => x.w === counted[0]!.w)) return mean(counted.map(x => x.hi!));
    return counted.reduce((a, x) => a + x.w * x.hi!, 0);
}

export interface SelectionRow {
    name: string;
    score: number | null;
    trainValue: number | null;
    depth: number;
    bits: number;
}

/** Each optimizer's score under the given training weights, in report order (no overflow check). */
export function scoreRows(spec: CompiledSpec, optimizers: OptimizerReport[], weights: number[]): SelectionRow[] {
    const { depth: wd, length: wl } = spec.select;
    return optimizers.map(o => {
        const trainValue = trainingValue(o.train.map(t => t.hi), weights);
        const score = trainValue === null ? null : trainValue - wd * o.depth - wl * o.bits;
        return { name: o.name, score, trainValue, depth: o.depth, bits: o.bits };
    });
}

/** The rows best score first (ties in report order) and the names within the tie tolerance of the best. */
export function rank(rows: SelectionRow[]): { ranking: SelectionRow[]; winners: string[] } {
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
    return { ranking, winners };
}

export function select(spec: CompiledSpec, optimizers: OptimizerReport[]): SelectionReport {
    const { depth: wd, length: wl } = spec.select;
    const rows = scoreRows(spec, optimizers, trainWeights(spec));
    for (const [i, row] of rows.entries()) {
        if (row.score !== null && !Number.isFinite(row.score)) {
            const o = optimizers[i]!;
            throw new SimulationError(
                `The selection score of ${o.name} is ${String(row.score)} (training value ${num(row.trainValue!)} − ${num(wd)} × depth ${o.depth} − ${num(wl)} × ${o.bits.toFixed(2)} bits): it overflows the range of double-precision numbers (about ±1.8e308); use smaller penalty weights.`,
                spec.select.location);
        }
    }
    return { penalties: { depth: wd, length: wl }, ...rank(rows) };
}
