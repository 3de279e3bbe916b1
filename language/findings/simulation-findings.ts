/**
 * The simulation-backed analyses of docs/analyses.md (Simulation-backed analyses), read off a report: which optimizers
 * training cannot tell from the base objective (with a witness and the reward-timing
 * note), what each does in deployment, which are kept aligned only by their limits,
 * what selection prefers, and which budgets were hit.
 */
import type { CompiledSpec, SourceLocation } from '../model/spec.js';
import type { DeployInterval, OptimizerReport, Report, TrainInterval, Witness } from '../simulation/report.js';
import { IssueCodes } from '../validation/codes.js';
import { formatNumber as num } from '../simulation/verdict-table.js';
import type { Finding } from './finding.js';
import { diversityThresholdFinding } from './diversity-threshold.js';
import { trainWeights } from '../simulation/select.js';
import { underdeterminedFinding } from './underdetermined.js';
import { distinguishedSentence } from '../simulation/identifiability.js';
import { rangeFindings } from './range-approximation.js';
import { learningPathFinding } from './learning-path.js';

export function simulationFindings(spec: CompiledSpec, report: Report): Finding[] {
    const findings: Finding[] = [];
    const base = spec.objectives.find(o => o.name === spec.base);
    if (!base) return findings;
    const envLocation = (label: string): SourceLocation =>
        spec.environments.find(e => e.label === label)?.location ?? base.location;
    const baseRef = { message: `base objective ${base.name}`, location: base.location };
    const weights = trainWeights(spec);
    for (const optimizer of report.optimizers) {
        const at = (code: string, severity: Finding['severity'], message: string, related: Finding['related'] = []) =>
            findings.push({ code, severity, message, location: optimizer.location, related });
        if (optimizer.verdict === 'misaligned') {
            // Environments of weight 0 do not count for the fit (docs/analyses.md, Weights and the diversity sweep).
            const short = (t: TrainInterval): boolean => t.hi !== null && t.optimum !== null && t.hi < t.optimum - 1e-9;
            const miss = optimizer.train.find((t, i) => weights[i] !== 0 && short(t)) ?? optimizer.train.find(short) ?? optimizer.train[0];
            const outcome = report.selection.winners.includes(optimizer.name)
                ? 'yet selection picks it: its score after penalties is the best' : 'so selection would reject it';
            at(IssueCodes.Misaligned, 'info', miss
                ? `${optimizer.name} does not fit training: in ${miss.env} its behaviour scores ${interval(miss)} against ${base.name}'s optimum ${num(miss.optimum)}, ${outcome}.`
                : `${optimizer.name} does not fit training, ${outcome}.`,
            miss ? [{ message: `training environment ${miss.env}`, location: envLocation(miss.env) }, baseRef] : [baseRef]);
            continue;
        }
        if (optimizer.verdict !== 'pseudo-aligned' && optimizer.verdict !== 'robust') continue;
        if (optimizer.verdict === 'pseudo-aligned') {
            const objective = report.objectives.find(o => o.name === optimizer.objective);
            const training = [...new Set(optimizer.train.filter((_, i) => weights[i] !== 0).map(t => t.env))].join(', ');
            let message = `${optimizer.name} fits ${training} as well as ${base.name} does, but is a different objective`;
            const related: Finding['related'] = [baseRef];
            if (optimizer.witness) {
                message += `: ${describeWitness(optimizer, base.name, optimizer.witness)}`;
                related.unshift({ message: `witness in ${optimizer.witness.env}`, location: envLocation(optimizer.witness.env) });
            }
            message += '.';
            const timing = objective?.rewardTiming;
            const shift = timing?.shift ? `${base.name}'s per-step reward is ${optimizer.objective}'s shifted by ${timing.shift} step${Math.abs(timing.shift) === 1 ? '' : 's'}` : '';
            if (optimizer.distinguishedBy) {
                // Which training data tell them apart (docs/analyses.md, Identifiability by data source).
                message += `${shift ? ` ${shift}.` : ''} ${distinguishedSentence(optimizer.distinguishedBy)}`;
            } else if (shift) {
                message += ` ${shift}: reward data could tell them apart, behaviour cannot.`;
            } else if (timing?.differs) {
                message += ` Their per-step rewards differ on training trajectories: reward data could tell them apart, behaviour cannot.`;
            }
            at(IssueCodes.Unidentifiable, 'warning', message, related);
            if (optimizer.kind === 'suboptimality' && optimizer.limits) {
                at(IssueCodes.SuboptimalityAlignment, 'warning', describeLimits(optimizer), [baseRef]);
            }
        }
        for (const shifted of optimizer.deploy.filter(isShifted)) {
            at(IssueCodes.DistributionShift, 'warning',
                `In deployment environment ${shifted.env}, ${optimizer.name} scores ${interval(shifted)} against ${base.name}'s optimum ${num(shifted.optimum)} (worst ${num(shifted.worst)}): normalized regret ${regret(shifted.normalizedRegret)}.`,
                [{ message: `deployment environment ${shifted.env}`, location: envLocation(shifted.env) },
                    ...(spec.locations.deploy ? [{ message: 'deploy', location: spec.locations.deploy }] : [])]);
        }
    }
    const winners = report.selection.winners.map(w => report.optimizers.find(o => o.name === w)).filter((o): o is OptimizerReport => !!o);
    const proxy = winners.find(w => w.verdict === 'pseudo-aligned');
    const selectAt = spec.select.location ?? spec.locations.train;
    if (proxy && selectAt) {
        const ranking = report.selection.ranking.map(r => `${r.name} ${num(r.score)}`).join(', ');
        findings.push({
            code: IssueCodes.SelectionPrefersProxy, severity: 'warning', location: selectAt,
            message: `Selection prefers ${proxy.name}, which is pseudo-aligned${proxy.kind ? ` (${proxy.kind})` : ''}: ranking by training score${penaltyText(report)} gives ${ranking}.`,
            related: [{ message: `${proxy.name}`, location: proxy.location }],
        });
    }
    const underdetermined = underdeterminedFinding(spec, report);
    if (underdetermined) findings.push(underdetermined);
    const diversity = diversityThresholdFinding(spec, report);
    if (diversity) findings.push(diversity);
    findings.push(...rangeFindings(spec, report));
    const learning = learningPathFinding(spec, report);
    if (learning) findings.push(learning);
    const incompleteAt = spec.locations.train ?? spec.environments[0]?.location ?? base.location;
    for (const entry of report.incomplete) {
        findings.push({
            code: IssueCodes.AnalysisIncomplete, severity: 'info', location: entry.env ? envLocation(entry.env) : incompleteAt,
            message: entry.message, related: [],
        });
    }
    return findings;
}

/**
 * A verdict that settles what a static proxy warning on a mesa objective means
 * (docs/analyses.md, When each kind runs): its ideal optimizer is robust (the relation
 * does no harm) or misaligned (selection rejects it). Pseudo-aligned and undecided
 * verdicts settle nothing.
 */
export type SettledVerdict = 'robust' | 'misaligned';

/**
 * The settled verdicts of a report: mesa objective name → the verdict of its implicit
 * optimizer, when complete. A misaligned optimizer that selection still picks (its
 * penalties outweigh a misfit in a lightly weighted environment) settles nothing.
 */
export function settledVerdicts(report: Pick<Report, 'optimizers'> & Partial<Pick<Report, 'selection'>>): Map<string, SettledVerdict> {
    const settled = new Map<string, SettledVerdict>();
    const picked = new Set(report.selection?.winners ?? []);
    for (const o of report.optimizers) {
        if (o.verdict === 'misaligned' && picked.has(o.name)) continue;
        if (o.implicit && o.name === o.objective && !o.incomplete && (o.verdict === 'robust' || o.verdict === 'misaligned')) {
            settled.set(o.objective, o.verdict);
        }
    }
    return settled;
}

/** The sentence a static proxy finding gains once the simulation has settled its objective's verdict. */
export function verdictNote(objective: string, base: string, verdict: SettledVerdict): string {
    return verdict === 'robust'
        ? `The simulation shows ${objective} is robust: in training and deployment it allows exactly ${base}'s optimal choices, so this relation does no harm here.`
        : `The simulation shows ${objective} is misaligned: it does not fit training, so selection would reject it.`;
}

function isShifted(d: DeployInterval): boolean {
    return d.lo !== null && d.optimum !== null && d.lo < d.optimum - 1e-9 * Math.max(1, Math.abs(d.optimum));
}

function describeWitness(optimizer: OptimizerReport, base: string, w: Witness): string {
    const values = compactValues(w.values);
    const who = w.of === 'unlimited' ? `${optimizer.objective} with the true model and full depth` : optimizer.name;
    return `in ${w.env} at step ${w.step}${values ? ` (${values})` : ''}, ${who} allows {${w.optimizerActions.join(', ')}} where ${base} allows {${w.baseActions.join(', ')}}`;
}

/** `press@1..10 = 1` for runs of one name with consecutive delays and one value; others one by one. */
export function compactValues(values: Record<string, number>): string {
    const parts: string[] = [];
    const entries = Object.entries(values).map(([key, value]) => {
        const at = key.lastIndexOf('@');
        return at > 0 ? { name: key.slice(0, at), delay: Number(key.slice(at + 1)), value } : { name: key, delay: NaN, value };
    });
    for (let i = 0; i < entries.length;) {
        const first = entries[i]!;
        let j = i + 1;
        while (j < entries.length && entries[j]!.name === first.name && entries[j]!.value === first.value
            && entries[j]!.delay === entries[j - 1]!.delay + 1) j++;
        const last = entries[j - 1]!;
        const key = Number.isNaN(first.delay) ? first.name : j - i > 2 ? `${first.name}@${first.delay}..${last.delay}` : `${first.name}@${first.delay}`;
        parts.push(`${key} = ${num(first.value)}`);
        if (j - i === 2) parts.push(`${last.name}@${last.delay} = ${num(last.value)}`);
        i = j;
    }
    return parts.join(', ');
}

function describeLimits(optimizer: OptimizerReport): string {
    const limits = optimizer.limits!;
    const parts: string[] = [];
    if ((limits.cause === 'depth' || limits.cause === 'depth and model') && limits.fromDepth !== null) {
        const sweep = optimizer.sweep.flatMap(c => c.points.filter(p => p.depth === limits.fromDepth).map(p => ({ env: c.env, ...p })));
        const at = sweep.map(p => `${p.env} [${num(p.lo)}, ${num(p.hi)}]`).join(', ');
        parts.push(`its depth ${optimizer.declaredDepth ?? optimizer.depth} keeps it aligned: from depth ${limits.fromDepth} some of its behaviour stops being base-optimal in training${at ? ` (${at})` : ''}`);
    }
    if ((limits.cause === 'model' || limits.cause === 'depth and model') && optimizer.model) {
        const unlimited = limits.unlimited.map(t => `${t.env} ${interval(t)} of ${num(t.optimum)}`).join(', ');
        parts.push(`its model ${optimizer.model} keeps it aligned: with the true model it would score ${unlimited}`);
    }
    const regretText = limits.regret !== null ? ` (regret ${num(limits.regret)})` : '';
    return `${optimizer.name} is suboptimality-aligned: ${parts.join('; ') || 'its limits keep it aligned'}${regretText}.`;
}

function penaltyText(report: Report): string {
    const p = report.selection.penalties;
    const parts = [p.depth ? `depth penalty ${num(p.depth)}` : '', p.length ? `length penalty ${num(p.length)}` : ''].filter(Boolean);
    return parts.length > 0 ? ` with ${parts.join(' and ')}` : '';
}

function interval(t: TrainInterval): string {
    return `[${num(t.lo)}, ${num(t.hi)}]`;
}

function regret(r: number | null): string {
    return r === null ? '?' : num(Math.round(r * 1000) / 1000);
}
