/**
 * The data an `underdetermined-training` diagnostic carries for its quick fix: the
 * distinguishing environments of the report, each with what its edit needs (docs/analyses.md,
 * Quick fix: Add distinguishing environments): a declared environment's use for `train`,
 * a widened binding, or a synthesised environment's ready-to-insert source. Plain JSON,
 * so it crosses the analysis worker and the LSP connection unchanged.
 */
import type { DistinguishingEnvironment, DistinguishingKind } from '../simulation/report.js';

export interface DistinguishingFix {
    kind: DistinguishingKind;
    name: string;
    extends: string;
    intervention: string;
    /** A synthesised environment's declaration; '' for the other kinds. */
    source: string;
    /** The use `train` gains (declared, synthesised), or the use a widened binding makes. */
    use: string;
    /** For a widened parameter: the training environment whose use is rewritten, the parameter and its new range. */
    widen: { train: string; parameter: string; low: number; high: number } | null;
}

export interface DistinguishingData {
    environments: DistinguishingFix[];
}

/** The fix of a report entry; an entry of a report without kinds is a synthesised environment. */
export function fixOf(e: DistinguishingEnvironment): DistinguishingFix {
    return {
        kind: e.kind ?? 'intervention', name: e.name, extends: e.extends, intervention: e.intervention, source: e.source,
        use: e.use ?? e.name, widen: e.widen ?? null,
    };
}

/**
 * The quick fix's title: what it does when it only trains in environments the spec has
 * ("Train also in Unwatched", "Train also in Corridor(coin in 4..8)"), else "Add
 * distinguishing environments".
 */
export function fixTitle(data: DistinguishingData): string {
    const synthesised = data.environments.some(e => e.kind === 'intervention');
    return synthesised ? ADD_DISTINGUISHING_TITLE : `Train also in ${data.environments.map(e => e.use).join(', ')}`;
}

export const ADD_DISTINGUISHING_TITLE = 'Add distinguishing environments';

const KINDS: readonly string[] = ['declared', 'parameters', 'intervention'];

function isFix(e: unknown): boolean {
    const x = e as Record<string, unknown> | null;
    if (x === null || typeof x !== 'object') return false;
    const strings = ['name', 'extends', 'intervention', 'source'].every(k => typeof x[k] === 'string');
    const w = x['widen'] as Record<string, unknown> | null | undefined;
    const widen = w === undefined || w === null
        || (typeof w === 'object' && typeof w['train'] === 'string' && typeof w['parameter'] === 'string'
            && Number.isInteger(w['low']) && Number.isInteger(w['high']));
    const kind = x['kind'] === undefined || KINDS.includes(x['kind'] as string);
    const use = x['use'] === undefined || typeof x['use'] === 'string';
    return strings && widen && kind && use && (x['kind'] !== 'parameters' || (w !== null && w !== undefined));
}

/** The diagnostic data as DistinguishingData (entries without a kind read as synthesised), or undefined when it is not shaped like it. */
export function asDistinguishingData(data: unknown): DistinguishingData | undefined {
    const environments = (data as { environments?: unknown } | null | undefined)?.environments;
    if (!Array.isArray(environments) || environments.length === 0 || !environments.every(isFix)) return undefined;
    return { environments: (environments as DistinguishingEnvironment[]).map(fixOf) };
}
