/**
 * The diversity sweep (docs/analyses.md, Weights and the diversity sweep). When the
 * candidate selection picks misfits some training environments (its hi falls below the
 * base optimum there), their joint share s of training goes from 0 to 1: the swept
 * environments share s in proportion to their declared weights, the others share
 * 1 − s in proportion to theirs (equally when those weights are all 0). Every
 * optimizer's score is then linear in s, score(s) = a + b·s, so the winners change only
 * where two lines cross: the points of the report are 0, 1 and those crossings where the
 * winner set changes, each found exactly as the root of a linear function. The
 * threshold is the least share at which a robust optimizer is among the winners.
 *
 * Candidates are the optimizers of the selection ranking with a training value in every
 * environment that weighs something at some share; one with a missing figure (a
 * budget) takes no part. Between two consecutive points the winners are those winning
 * at both ends (the best line of an interval is best at its ends, and a line best at
 * both ends of an interval is best throughout, the upper envelope being convex).
 */
import type { CompiledSpec } from '../model/spec.js';
import type { DiversityReport, OptimizerReport, TrainInterval } from './report.js';
import { tolerance } from './dp.js';
import { select, trainWeights } from './select.js';

/** A candidate's score as a function of the swept share: a + b·s. */
export interface ScoreLine {
    name: string;
    robust: boolean;
    a: number;
    b: number;
}

/** Whether a behaviour falls short of the base optimum (the verdicts' tolerance). */
export function misfits(t: TrainInterval): boolean {
    return t.hi !== null && t.optimum !== null && t.optimum - t.hi > tolerance(t.optimum);
}

/** The weights scaled to sum 1 over the chosen environments (0 elsewhere); equal when they sum to 0. */
function proportions(weights: number[], chosen: boolean[]): number[] {
    const total = weights.reduce((sum, w, i) => sum + (chosen[i] ? w : 0), 0);
    const count = chosen.filter(Boolean).length;
    return weights.map((w, i) => !chosen[i] ? 0 : total > 0 ? w / total : 1 / count);
}

/** The training weights at share s of the swept environments: s·p + (1 − s)·q. */
export function sweptWeights(weights: number[], swept: boolean[], s: number): number[] {
    const p = proportions(weights, swept);
    const q = proportions(weights, swept.map(x => !x));
    return weights.map((_, i) => swept[i] ? s * p[i]! : (1 - s) * q[i]!);
}

/**
 * The score line of each optimizer with every figure the sweep needs, from its training
 * his (parallel to the weights) and its penalty (w_depth·depth + w_length·bits).
 */
export function scoreLines(
    weights: number[], swept: boolean[],
    optimizers: { name: string; robust: boolean; his: (number | null)[]; penalty: number }[],
): ScoreLine[] {
    const p = proportions(weights, swept);
    const q = proportions(weights, swept.map(x => !x));
    const lines: ScoreLine[] = [];
    for (const o of optimizers) {
        const counted = o.his.map((hi, i) => ({ hi, p: p[i]!, q: q[i]! })).filter(x => x.p > 0 || x.q > 0);
        if (counted.some(x => x.hi === null)) continue;
        const atOne = counted.reduce((sum, x) => sum + x.p * x.hi!, 0);
        const atZero = counted.reduce((sum, x) => sum + x.q * x.hi!, 0);
        const a = atZero - o.penalty;
        const b = atOne - atZero;
        if (Number.isFinite(a) && Number.isFinite(b)) lines.push({ name: o.name, robust: o.robust, a, b });
    }
    return lines;
}

/** The names whose score at s is within the tie tolerance of the best, in line order. */
export function winnersAt(lines: ScoreLine[], s: number): string[] {
    const scores = lines.map(l => l.a + l.b * s);
    const best = Math.max(...scores);
    return lines.filter((_, i) => best - scores[i]! <= tolerance(best)).map(l => l.name);
}

/** Shares in (0, 1) where two lines cross, ascending, without repeats. */
function crossings(lines: ScoreLine[]): number[] {
    const roots: number[] = [];
    for (let i = 0; i < lines.length; i++) {
        for (let k = i + 1; k < lines.length; k++) {
            const li = lines[i]!, lk = lines[k]!;
            if (li.b === lk.b) continue;
            const s = (lk.a - li.a) / (li.b - lk.b);
            if (s > 0 && s < 1) roots.push(s);
        }
    }
    roots.sort((x, y) => x - y);
    return roots.filter((s, i) => i === 0 || s - roots[i - 1]! > 1e-12);
}

const same = (x: string[], y: string[]): boolean => x.length === y.length && x.every((n, i) => n === y[i]);

/** The points of the sweep: 0, 1 and every crossing where the winner set changes. */
export function sweepPoints(lines: ScoreLine[]): { share: number; winners: string[] }[] {
    if (lines.length === 0) return [];
    const grid = [0, ...crossings(lines), 1];
    const points: { share: number; winners: string[] }[] = [];
    for (const [i, share] of grid.entries()) {
        const winners = winnersAt(lines, share);
        const left = i > 0 ? winnersAt(lines, (grid[i - 1]! + share) / 2) : winners;
        const right = i < grid.length - 1 ? winnersAt(lines, (share + grid[i + 1]!) / 2) : winners;
        if (i === 0 || i === grid.length - 1 || !same(winners, left) || !same(winners, right)) points.push({ share, winners });
    }
    return points;
}

/** The training environments where some winner of selection at the declared weights misfits. */
export function sweptEnvironments(winners: OptimizerReport[], trainLength: number): boolean[] {
    return Array.from({ length: trainLength }, (_, i) => winners.some(w => w.train[i] !== undefined && misfits(w.train[i]!)));
}

/**
 * The diversity sweep of a report's optimizers, from the winners of selection at the
 * declared weights. Null when no training environment makes a winner misfit, or when
 * every one does (there is then no other training to trade their share against).
 */
export function diversitySweep(
    spec: CompiledSpec, optimizers: OptimizerReport[], winnerNames: string[] = select(spec, optimizers).winners,
): DiversityReport | null {
    const winners = optimizers.filter(o => winnerNames.includes(o.name));
    const swept = sweptEnvironments(winners, spec.train.length);
    if (!swept.some(Boolean) || swept.every(Boolean)) return null;
    const { depth: wd, length: wl } = spec.select;
    const lines = scoreLines(trainWeights(spec), swept, optimizers.map(o => ({
        name: o.name, robust: o.verdict === 'robust', his: o.train.map(t => t.hi), penalty: wd * o.depth + wl * o.bits,
    })));
    const points = sweepPoints(lines);
    if (points.length === 0) return null;
    const robust = new Set(lines.filter(l => l.robust).map(l => l.name));
    const first = points.find(p => p.winners.some(w => robust.has(w)));
    return {
        environments: spec.train.filter((_, i) => swept[i]),
        threshold: first ? first.share : null,
        points,
    };
}
