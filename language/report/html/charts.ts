/**
 * The Vega-Lite specifications of the report's charts: base against mesa return per
 * sampled episode (the Ibarz et al. picture), the capability sweep of one optimizer,
 * and candidate counts by description length. Field names are fixed; names from the
 * report only ever appear as data values and chart titles, which Vega escapes in its
 * SVG; never in axis titles, which Vega-Lite splices into generated expressions.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CandidatesReport, OptimizerReport, SamplePair } from '../../simulation/report.js';
import { plain } from './numbers.js';
import { PALETTE } from './vega.js';

const GREY = '#868e96';

/** How an episode's policy is shown in the legend. */
export function policyLabel(policy: string): string {
    if (policy === 'random') return 'random';
    if (policy === 'optimal') return 'optimal (base)';
    return policy;
}

export function scatterSpec(env: string, pair: SamplePair, policies: readonly string[]): TopLevelSpec {
    const n = Math.min(pair.baseReturns.length, pair.mesaReturns.length);
    const values = Array.from({ length: n }, (_, i) => ({
        base: pair.baseReturns[i]!,
        mesa: pair.mesaReturns[i]!,
        policy: policyLabel(policies[i] ?? 'random'),
    }));
    const domain = [...new Set(values.map(v => v.policy))];
    let next = 0;
    const range = domain.map(p => p === 'random' ? GREY : PALETTE[next++ % PALETTE.length]!);
    const rho = pair.spearman === null ? 'undefined (a side is constant)' : plain(pair.spearman);
    return {
        width: 260,
        height: 220,
        title: { text: `${env}: ${pair.mesa} against ${pair.base}`, subtitle: `Spearman ρ = ${rho} · ${n} episodes` },
        data: { values },
        mark: { type: 'circle', opacity: 0.7, stroke: 'currentColor', strokeOpacity: 0.25, strokeWidth: 0.5 },
        encoding: {
            x: { field: 'base', type: 'quantitative', title: 'base return', scale: { zero: false, nice: true, padding: 10 } },
            y: { field: 'mesa', type: 'quantitative', title: 'mesa return', scale: { zero: false, nice: true, padding: 10 } },
            color: { field: 'policy', type: 'nominal', title: 'policy', scale: { domain, range } },
            size: { aggregate: 'count', type: 'quantitative', title: 'episodes', scale: { range: [30, 300] }, legend: null },
        },
    };
}

export function sweepSpec(optimizer: OptimizerReport): TopLevelSpec {
    const points = optimizer.sweep.flatMap(curve => curve.points
        .filter(p => p.lo !== null && p.hi !== null)
        .map(p => ({ env: curve.env, depth: p.depth, lo: p.lo!, hi: p.hi! })));
    const optima = optimizer.train
        .filter(t => t.optimum !== null)
        .map(t => ({ env: t.env, optimum: t.optimum! }));
    const envs = [...new Set([...optimizer.sweep.map(c => c.env), ...optima.map(o => o.env)])];
    const color = { field: 'env', type: 'nominal', title: 'training environment', scale: { domain: envs }, legend: envs.length > 1 ? {} : null } as const;
    const x = { field: 'depth', type: 'quantitative', title: 'planning depth', scale: { domainMin: 1 }, axis: { tickMinStep: 1, format: 'd' } } as const;
    return {
        width: 260,
        height: 160,
        title: { text: `${optimizer.name}`, subtitle: `base value [lo, hi] by depth · depth(O) = ${optimizer.depth}` },
        layer: [
            {
                data: { values: points },
                mark: { type: 'area', opacity: 0.18, interpolate: 'step-after' },
                encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'base value' }, y2: { field: 'hi' }, color },
            },
            {
                data: { values: points },
                mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
                encoding: { x, y: { field: 'hi', type: 'quantitative' }, color },
            },
            {
                data: { values: points },
                mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, strokeDash: [4, 3] },
                encoding: { x, y: { field: 'lo', type: 'quantitative' }, color },
            },
            {
                data: { values: optima },
                mark: { type: 'rule', strokeDash: [2, 2], opacity: 0.6, color: 'currentColor' },
                encoding: { y: { field: 'optimum', type: 'quantitative' } },
            },
            {
                data: { values: [{ depth: optimizer.depth }] },
                mark: { type: 'rule', opacity: 0.35, color: 'currentColor' },
                encoding: { x: { field: 'depth', type: 'quantitative' } },
            },
        ],
    };
}

export function candidatesSpec(candidates: CandidatesReport): TopLevelSpec {
    const values = candidates.byBits.flatMap(b => [
        { bits: plain(b.bits, 2), group: 'enumerated', count: b.enumerated },
        { bits: plain(b.bits, 2), group: 'fit training, not robust', count: b.pseudoAligned },
    ]);
    const order = candidates.byBits.map(b => plain(b.bits, 2));
    return {
        width: { step: 36 },
        height: 180,
        title: { text: 'Candidate objectives by description length', subtitle: `${candidates.enumerated} enumerated · ${candidates.pseudoAligned} fit training without being robust` },
        data: { values },
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
            x: { field: 'bits', type: 'ordinal', title: 'bits', sort: order, axis: { labelAngle: 0 } },
            xOffset: { field: 'group', type: 'nominal', sort: ['enumerated', 'fit training, not robust'] },
            y: { field: 'count', type: 'quantitative', title: 'objectives', axis: { tickMinStep: 1, format: 'd' } },
            color: { field: 'group', type: 'nominal', title: null, scale: { domain: ['enumerated', 'fit training, not robust'], range: [GREY, '#f08c00'] } },
        },
    };
}
