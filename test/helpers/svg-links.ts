/**
 * Reading the links of a causal graph laid out by Graphviz: the attributes of the
 * `<a>` around a drawn node, found by the node's Graphviz title (its DOT id).
 */

/** The attributes of the link around the drawn node whose title is `title`, or undefined when it has none. */
export function nodeLink(svg: string, title: string): Record<string, string> | undefined {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`<title>${escaped}</title>\\s*<g id="[^"]*"><a ([^>]*)>`).exec(svg);
    if (!m) return undefined;
    return Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(a => [a[1]!, a[2]!]));
}
