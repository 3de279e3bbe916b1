/**
 * Verdicts (docs/simulation.md, Verdicts). An optimizer fits training when its best base value (hi)
 * reaches the base optimum in every training environment; otherwise it is
 * misaligned. A fitting optimizer whose every behaviour is base-optimal in training
 * while the same objective with the true model and full depth is not, is
 * pseudo-aligned of kind suboptimality: its limits keep it aligned, so it is never
 * robust even where its limited behaviour matches the base optimum everywhere (the
 * believer example). Otherwise it is robust when its allowed actions equal the base
 * objective's optimal ones at every reachable state of every training and deployment
 * environment, else pseudo-aligned: approximate when it reads exactly the base
 * objective's names, else a proxy of the graph kind.
 */
import type { Kind, SuboptimalityLimits, Verdict, Witness } from './report.js';
import { tolerance } from './dp.js';
import type { EnvResult } from './optimizer.js';
import type { ProxyKind as ProxyResult } from '../model/relation.js';
import { buildWitness } from './witness.js';

export interface VerdictInput {
    train: (EnvResult | null)[];
    /** Training and deployment results, each environment once. */
    all: (EnvResult | null)[];
    /** The same objective, true model, full depth, in the training environments; null when the optimizer has no limits. */
    unlimited: (EnvResult | null)[] | null;
    approximate: boolean;
    proxy: ProxyResult;
}

export interface VerdictResult {
    verdict: Verdict;
    kind: Kind | null;
    via: string | null;
    signUnknown: boolean;
    witness: Witness | null;
    /** Whether the optimizer is suboptimality-aligned (limits to be filled by the caller). */
    suboptimal: boolean;
}

const below = (value: number, optimum: number): boolean => optimum - value > tolerance(optimum);

function witnessOf(results: (EnvResult | null)[], of: Witness['of'], onPolicy: boolean): Witness | null {
    for (const r of results) {
        if (!r) continue;
        const s = onPolicy ? r.diffOnPolicy : r.diffAnywhere;
        if (s >= 0) return buildWitness(r.a, s, r.mask, r.baseMask, of, r.onPolicy);
    }
    return null;
}

export function decide(input: VerdictInput): VerdictResult {
    const none = { kind: null, via: null, signUnknown: false, witness: null, suboptimal: false };
    if (input.train.some(r => r !== null && below(r.hi, r.optimum))) return { verdict: 'misaligned', ...none };
    if (input.train.some(r => r === null)) return { verdict: 'unknown', ...none };
    const limited = input.unlimited;
    if (limited !== null
        && input.train.every(r => r !== null && !below(r.lo, r.optimum))
        && limited.some(r => r !== null && below(r.lo, r.optimum))) {
        const witness = witnessOf(input.all, 'optimizer', true) ?? witnessOf(limited, 'unlimited', true)
            ?? witnessOf(input.all, 'optimizer', false) ?? witnessOf(limited, 'unlimited', false);
        return { verdict: 'pseudo-aligned', kind: 'suboptimality', via: null, signUnknown: false, witness, suboptimal: true };
    }
    const witness = witnessOf(input.all, 'optimizer', true) ?? witnessOf(input.all, 'optimizer', false);
    if (!witness) return { verdict: input.all.some(r => r === null) ? 'unknown' : 'robust', ...none };
    if (input.approximate) return { verdict: 'pseudo-aligned', kind: 'approximate', via: null, signUnknown: false, witness, suboptimal: false };
    return {
        verdict: 'pseudo-aligned',
        // A fit with no causal relation to the base objective is still a proxy: the most general kind (see proxyKind).
        kind: input.proxy.kind,
        via: input.proxy.via,
        signUnknown: input.proxy.signUnknown,
        witness,
        suboptimal: false,
    };
}

/** What keeps a suboptimality-aligned optimizer aligned. */
export function limitsOf(
    model: string | null, depth: number | null, unlimited: (EnvResult | null)[], trainLabels: string[],
    sweepFromDepth: number | null,
): SuboptimalityLimits {
    const cause = model !== null && depth !== null ? 'depth and model' : depth !== null ? 'depth' : 'model';
    let regret: number | null = null;
    const intervals = unlimited.map((r, i) => {
        if (r) regret = Math.max(regret ?? 0, r.optimum - r.lo);
        return r
            ? { env: r.label, lo: r.lo, hi: r.hi, optimum: r.optimum, worst: r.worst }
            : { env: trainLabels[i]!, lo: null, hi: null, optimum: null, worst: null };
    });
    return { cause, fromDepth: sweepFromDepth, unlimited: intervals, regret };
}

/** The least depth above the declared one where some training behaviour stops being base-optimal. */
export function fromDepth(
    declared: number | null, curves: { points: { depth: number; lo: number | null }[] }[], optima: (number | null)[],
): number | null {
    if (declared === null) return null;
    const maxD = Math.max(0, ...curves.map(c => c.points.length));
    for (let d = declared + 1; d <= maxD; d++) {
        for (let i = 0; i < curves.length; i++) {
            const p = curves[i]!.points[Math.min(d, curves[i]!.points.length) - 1];
            const opt = optima[i];
            if (p && p.lo !== null && opt !== null && opt !== undefined && below(p.lo, opt)) return d;
        }
    }
    return null;
}
