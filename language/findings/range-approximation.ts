/**
 * The `range-forces-approximation` finding (docs/analyses.md, Algorithmic range), on an
 * optimizer with a range that cannot hold the base objective (and does not end up
 * robust anyway) or its own declared objective: which objective it pursues instead,
 * how it is judged, and its largest normalized regret. "Range 6 bits cannot hold Light
 * (7.61 bits): the best objective within range is press (3.81 bits, score 29.9),
 * pseudo-aligned (approximate by range); normalized regret 0.25 in LabWithSwitch."
 */
import type { CompiledSpec, SourceLocation } from '../model/spec.js';
import type { OptimizerReport, Report } from '../simulation/report.js';
import { trainingNames } from '../simulation/select.js';
import { formatNumber as num } from '../simulation/verdict-table.js';
import { IssueCodes } from '../validation/codes.js';
import type { Finding } from './finding.js';

const bitsText = (bits: number): string => `${bits.toFixed(2)} bits`;
const rounded = (x: number): string => num(Math.round(x * 1000) / 1000);

/** What the optimizer ended up as, in words. */
function judged(o: OptimizerReport): string {
    if (o.verdict === 'misaligned') return 'which does not fit training';
    if (o.verdict === 'robust') return 'robust';
    if (o.verdict === 'unknown') return 'not judged (a budget was hit)';
    const kind = o.kind === 'approximate' && o.learned?.approximate ? 'approximate by range' : o.kind;
    return `pseudo-aligned${kind ? ` (${kind})` : ''}`;
}

export function rangeMessage(spec: CompiledSpec, o: OptimizerReport): string | undefined {
    const learned = o.learned;
    if (o.range === null || o.range === undefined || !learned) return undefined;
    const factor = Math.log2(trainingNames(spec).size + 12);
    const base = spec.objectives.find(x => x.name === spec.base);
    const own = spec.optimizers.find(x => x.name === o.name)?.objective;
    const declared = spec.objectives.find(x => x.name === own);
    const ownTooLong = declared !== undefined && learned.how !== 'declared';
    if (!learned.approximate && !ownTooLong) return undefined;
    const held: string[] = [];
    if (learned.approximate && base) held.push(`${base.name} (${bitsText(base.size * factor)})`);
    if (ownTooLong && declared.name !== base?.name) held.push(`its objective ${declared.name} (${bitsText(declared.size * factor)})`);
    let message = `Range ${num(o.range)} bits cannot hold ${held.join(' nor ')}: `;
    if (learned.how === 'none') {
        message += `no objective fits in it (one name takes ${bitsText(factor)}), so ${o.name} pursues nothing (0) and allows every choice, ${judged(o)}`;
    } else {
        message += `the best objective within range is ${learned.text} (${bitsText(learned.bits)}${learned.score !== null ? `, score ${num(learned.score)}` : ''}), ${judged(o)}`;
    }
    if (learned.regret) message += `; normalized regret ${rounded(learned.regret.normalizedRegret)} in ${learned.regret.env}`;
    message += '.';
    if (!learned.complete && learned.searchedBits !== null) {
        message += ` The range holds too many objectives to judge them all: only those up to ${bitsText(learned.searchedBits)} were scored.`;
    }
    return message;
}

export function rangeFindings(spec: CompiledSpec, report: Report): Finding[] {
    const findings: Finding[] = [];
    const base = spec.objectives.find(x => x.name === spec.base);
    for (const o of report.optimizers) {
        const message = rangeMessage(spec, o);
        if (!message) continue;
        const related: { message: string; location: SourceLocation }[] = [];
        if (base) related.push({ message: `base objective ${base.name}`, location: base.location });
        const env = o.learned?.regret ? spec.environments.find(e => e.label === o.learned!.regret!.env) : undefined;
        if (env) related.push({ message: `environment ${env.label}`, location: env.location });
        findings.push({ code: IssueCodes.RangeForcesApproximation, severity: 'warning', message, location: o.location, related });
    }
    return findings;
}
