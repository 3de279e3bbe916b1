/**
 * Verdicts of the last simulation of each document, for hovers to show: the service
 * `analysis.VerdictCache`. The analysis scheduler feeds it,
 *
 *     services.analysis.VerdictCache.setFromReport(uri, report);   // or set(uri, { Name: 'text' })
 *
 * and clears a document's entries with `delete(uri)` when it closes.
 * Entries are plain strings keyed by objective or optimizer name (an implicit optimizer
 * carries its objective's name, so an objective's hover shows its ideal optimizer's verdict).
 */
import type { DistinguishedBy, Report } from '../simulation/report.js';

export class MesaVerdictCache {
    private readonly byUri = new Map<string, Map<string, string>>();
    /** Which training data would tell each optimizer's objective from the base one (docs/analyses.md, Identifiability by data source). */
    private readonly dataSources = new Map<string, Map<string, DistinguishedBy>>();

    /** The verdict of objective or optimizer `name` in the document `uri`, if known. */
    get(uri: string, name: string): string | undefined {
        return this.byUri.get(uri)?.get(name);
    }

    /** Which training data tells objective or optimizer `name` apart from the base objective, if known. */
    distinguishedBy(uri: string, name: string): DistinguishedBy | undefined {
        return this.dataSources.get(uri)?.get(name);
    }

    /** Replaces all verdicts of a document: name → verdict text. */
    set(uri: string, entries: Record<string, string>, dataSources: Record<string, DistinguishedBy> = {}): void {
        this.byUri.set(uri, new Map(Object.entries(entries)));
        this.dataSources.set(uri, new Map(Object.entries(dataSources)));
    }

    /** Replaces a document's verdicts with those of a simulation report (docs/report-json.md). */
    setFromReport(uri: string, report: Pick<Report, 'optimizers'>): void {
        this.set(uri, Object.fromEntries(report.optimizers.map(o => [o.name, verdictText(o)])),
            Object.fromEntries(report.optimizers.flatMap(o => (o.distinguishedBy ? [[o.name, o.distinguishedBy]] : []))));
    }

    delete(uri: string): void {
        this.byUri.delete(uri);
        this.dataSources.delete(uri);
    }
}

/** E.g. `pseudo-aligned (side-effect) · depth 1`, `robust · depth 11`. */
export function verdictText(o: Report['optimizers'][number]): string {
    const kind = o.kind ? ` (${o.kind}${o.via ? ` via ${o.via}` : ''})` : '';
    return `${o.verdict}${kind} · depth ${o.depth}${o.incomplete ? ' · incomplete' : ''}`;
}
