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
import type { Report } from '../simulation/report.js';

export class MesaVerdictCache {
    private readonly byUri = new Map<string, Map<string, string>>();

    /** The verdict of objective or optimizer `name` in the document `uri`, if known. */
    get(uri: string, name: string): string | undefined {
        return this.byUri.get(uri)?.get(name);
    }

    /** Replaces all verdicts of a document: name → verdict text. */
    set(uri: string, entries: Record<string, string>): void {
        this.byUri.set(uri, new Map(Object.entries(entries)));
    }

    /** Replaces a document's verdicts with those of a simulation report (docs/report-json.md). */
    setFromReport(uri: string, report: Pick<Report, 'optimizers'>): void {
        this.set(uri, Object.fromEntries(report.optimizers.map(o => [o.name, verdictText(o)])));
    }

    delete(uri: string): void {
        this.byUri.delete(uri);
    }
}

/** E.g. `pseudo-aligned (side-effect) · depth 1`, `robust · depth 11`. */
export function verdictText(o: Report['optimizers'][number]): string {
    const kind = o.kind ? ` (${o.kind}${o.via ? ` via ${o.via}` : ''})` : '';
    return `${o.verdict}${kind} · depth ${o.depth}${o.incomplete ? ' · incomplete' : ''}`;
}
