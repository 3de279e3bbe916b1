/**
 * The weighted average of a behaviour's deployment figures (docs/language.md, Weights):
 * with `deploy A weight 0.9, B weight 0.1`, each of lo, hi, optimum and worst is averaged
 * with the deployment weights, and the normalized regret is that of the averages, the
 * figure of deploying in A nine times out of ten. Only when the spec gives weights and
 * deploys in more than one environment; null when a figure is missing.
 */
import { tolerance } from './dp.js';
import type { DeployAverage, DeployInterval } from './report.js';

export function deployAverage(deploy: DeployInterval[], labels: string[], weights: number[], weighted: boolean): DeployAverage | null {
    if (!weighted || labels.length < 2) return null;
    const sums = { lo: 0, hi: 0, optimum: 0, worst: 0 };
    for (const [i, label] of labels.entries()) {
        const d = deploy.find(x => x.env === label);
        const w = weights[i] ?? 0;
        if (!d || d.lo === null || d.hi === null || d.optimum === null || d.worst === null) return null;
        sums.lo += w * d.lo; sums.hi += w * d.hi; sums.optimum += w * d.optimum; sums.worst += w * d.worst;
    }
    // Differences within the tie tolerance are ties (docs/simulation.md, Intervals and regret).
    const span = sums.optimum - sums.worst, regret = sums.optimum - sums.lo, tie = tolerance(sums.optimum);
    return { ...sums, normalizedRegret: span > tie && regret > tie ? Math.min(1, regret / span) : 0 };
}
