/**
 * The `diversity-threshold` finding (docs/analyses.md, Weights and the diversity sweep),
 * on `train`: the least share of training the swept environments need before selection
 * picks a robust optimizer, against their declared share ("Selection picks Lighting
 * only when at least 3.1% of training is in B; at the declared 2.0% it picks
 * Pressing."), or that no share makes it pick one. Silent when a robust optimizer
 * already wins at the declared weights, and when the spec has no robust optimizer.
 */
import type { CompiledSpec, SourceLocation } from '../model/spec.js';
import type { Report } from '../simulation/report.js';
import { trainWeights } from '../simulation/select.js';
import { IssueCodes } from '../validation/codes.js';
import type { Finding } from './finding.js';

/** A share as a percentage with one decimal, more when one would round a share strictly inside (0, 1) to 0% or 100%. */
export function percent(share: number): string {
    for (let digits = 1; digits < 6; digits++) {
        const text = (share * 100).toFixed(digits);
        if ((share > 0 && Number(text) === 0) || (share < 1 && Number(text) === 100)) continue;
        return `${text}%`;
    }
    return `${(share * 100).toFixed(6)}%`;
}

/** Names joined as "A", "A and B", "A, B and C". */
function and(names: string[]): string {
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The swept environments as a user wrote them: the concrete environments of one
 * declaration that differ in one parameter over consecutive values read
 * `B(coin in 0..8)`; others keep their labels.
 */
export function environmentsText(spec: CompiledSpec, labels: string[]): string {
    const envs = labels.map((l): { label: string; name: string; params: Record<string, number> } =>
        spec.environments.find(e => e.label === l) ?? { label: l, name: l, params: {} });
    const groups: (typeof envs)[] = [];
    for (const env of envs) {
        const group = groups.find(g => g[0]!.name === env.name);
        if (group) group.push(env);
        else groups.push([env]);
    }
    const parts = groups.flatMap(group => {
        if (group.length === 1) return [group[0]!.label];
        const keys = Object.keys(group[0]!.params);
        const varying = keys.filter(k => group.some(e => e.params[k] !== group[0]!.params[k]));
        const values = varying.length === 1 ? group.map(e => e.params[varying[0]!]!).sort((x, y) => x - y) : [];
        const consecutive = values.length === group.length && values.every((v, i) => i === 0 || v === values[i - 1]! + 1);
        if (!consecutive) return group.map(e => e.label);
        const bindings = keys.map(k => k === varying[0] ? `${k} in ${values[0]}..${values[values.length - 1]}` : `${k}=${group[0]!.params[k]}`);
        return [`${group[0]!.name}(${bindings.join(', ')})`];
    });
    return and(parts);
}

/** The sentence of the finding, also printed by `mesa simulate`; undefined when there is nothing to say. */
export function diversitySentence(spec: CompiledSpec, report: Report): string | undefined {
    const d = report.diversity;
    if (!d || d.points.length === 0) return undefined;
    const robust = new Set(report.optimizers.filter(o => o.verdict === 'robust').map(o => o.name));
    if (robust.size === 0) return undefined;
    const where = environmentsText(spec, d.environments);
    const weights = trainWeights(spec);
    const declared = spec.train.reduce((sum, label, i) => sum + (d.environments.includes(label) ? weights[i] ?? 0 : 0), 0);
    const picked = and(report.selection.winners);
    if (d.threshold === null) {
        const atOne = d.points[d.points.length - 1]!.winners;
        return `No share of training in ${where} makes selection pick a robust optimizer (${and([...robust])}): even at 100% it picks ${and(atOne)}.`;
    }
    const point = d.points.find(p => p.share === d.threshold)!;
    if (report.selection.winners.some(w => robust.has(w))) return undefined;
    const winner = and(point.winners.filter(w => robust.has(w)));
    return `Selection picks ${winner} only when at least ${percent(d.threshold)} of training is in ${where}; at the declared ${percent(declared)} it picks ${picked}.`;
}

export function diversityThresholdFinding(spec: CompiledSpec, report: Report): Finding | undefined {
    const message = diversitySentence(spec, report);
    const location = spec.locations.train ?? spec.environments.find(e => e.label === spec.train[0])?.location;
    if (!message || !location) return undefined;
    const related: { message: string; location: SourceLocation }[] = [];
    for (const label of report.diversity!.environments) {
        const env = spec.environments.find(e => e.label === label);
        if (env && !related.some(r => r.message === `swept environment ${env.name}`)) related.push({ message: `swept environment ${env.name}`, location: env.location });
    }
    for (const o of report.optimizers) {
        if (o.verdict === 'robust' || report.selection.winners.includes(o.name)) {
            related.push({ message: o.verdict === 'robust' ? `robust ${o.name}` : `selected ${o.name}`, location: o.location });
        }
    }
    return { code: IssueCodes.DiversityThreshold, severity: 'info', message, location, related };
}
