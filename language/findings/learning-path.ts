/**
 * The `learning-path-proxy-first` finding (docs/analyses.md, Learning path), on `train`:
 * the local search over objectives reaches a pseudo-aligned objective before any robust
 * one, with the path and its scores and where it ends. Silent when the path starts with
 * a robust objective, never reaches a pseudo-aligned one, or was cut short undecided.
 */
import type { CompiledSpec } from '../model/spec.js';
import type { LearningStep, Report } from '../simulation/report.js';
import { formatNumber as num } from '../simulation/verdict-table.js';
import { IssueCodes } from '../validation/codes.js';
import type { Finding } from './finding.js';

/** Steps shown in a message: a long path keeps its first and last few. */
const SHOWN = 8;

const rounded = (x: number): string => num(Math.round(x * 1000) / 1000);

/** `0 (14.9) → press (29.9)`, eliding the middle of a long path. */
export function pathText(steps: LearningStep[]): string {
    const text = (s: LearningStep): string => `${s.objective} (${rounded(s.score)})`;
    if (steps.length <= SHOWN) return steps.map(text).join(' → ');
    return [...steps.slice(0, 3).map(text), '…', ...steps.slice(-3).map(text)].join(' → ');
}

export function learningPathMessage(report: Report): string | undefined {
    const path = report.learningPath;
    if (!path || path.proxyFirst !== true) return undefined;
    const proxy = path.steps.slice(1).find(s => s.verdict === 'pseudo-aligned')!;
    const last = path.steps[path.steps.length - 1]!;
    const end = !path.complete
        ? 'a budget stopped it there'
        : last === proxy ? 'it stops there, at a local optimum of the score'
            : `it ends at ${last.verdict} ${last.objective}`;
    return `Learning by local search from the empty objective reaches pseudo-aligned ${proxy.objective} before any robust objective: ${pathText(path.steps)}; ${end}.`;
}

export function learningPathFinding(spec: CompiledSpec, report: Report): Finding | undefined {
    const message = learningPathMessage(report);
    const location = spec.locations.train ?? spec.environments.find(e => e.label === spec.train[0])?.location;
    if (!message || !location) return undefined;
    const base = spec.objectives.find(o => o.name === spec.base);
    return {
        code: IssueCodes.LearningPathProxyFirst, severity: 'info', message, location,
        related: base ? [{ message: `base objective ${base.name}`, location: base.location }] : [],
    };
}
