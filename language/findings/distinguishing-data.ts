/**
 * The data an `underdetermined-training` diagnostic carries for its quick fix: the
 * distinguishing environments as ready-to-insert Mesa source. Plain JSON, so it
 * crosses the analysis worker and the LSP connection unchanged.
 */

export interface DistinguishingData {
    environments: { name: string; extends: string; intervention: string; source: string }[];
}

/** The diagnostic data as DistinguishingData, or undefined when it is not shaped like it. */
export function asDistinguishingData(data: unknown): DistinguishingData | undefined {
    const environments = (data as { environments?: unknown } | null | undefined)?.environments;
    if (!Array.isArray(environments) || environments.length === 0) return undefined;
    const ok = environments.every((e: unknown) => {
        const x = e as Record<string, unknown> | null;
        return x !== null && typeof x === 'object' && typeof x['name'] === 'string' && typeof x['extends'] === 'string'
            && typeof x['intervention'] === 'string' && typeof x['source'] === 'string';
    });
    return ok ? { environments: environments as DistinguishingData['environments'] } : undefined;
}
