/**
 * Verdicts of the last simulation of each document, for hovers to show. The analysis
 * (worker or `mesa/simulate` handler) feeds it through the hover provider:
 *
 *     const hover = services.lsp.HoverProvider as MesaHoverProvider;
 *     hover.verdicts.set(uri, { Pressing: 'pseudo-aligned (side-effect)', Lighting: 'robust' });
 *
 * and clears a document's entries with `set(uri, {})` (or `delete(uri)`) when it changes
 * or closes. Entries are plain strings, so the cache needs no model or report types.
 */
export class MesaVerdictCache {
    private readonly byUri = new Map<string, Map<string, string>>();

    /** The verdict of objective or optimizer `name` in the document `uri`, if known. */
    get(uri: string, name: string): string | undefined {
        return this.byUri.get(uri)?.get(name);
    }

    /** Replaces all verdicts of a document: name → verdict text. */
    set(uri: string, entries: Record<string, string> | Iterable<[string, string]>): void {
        const map = new Map(Symbol.iterator in entries ? entries as Iterable<[string, string]> : Object.entries(entries));
        this.byUri.set(uri, map);
    }

    delete(uri: string): void {
        this.byUri.delete(uri);
    }
}
