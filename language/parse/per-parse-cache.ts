/**
 * Caches of what a syntax-tree node means, valid for one parse of its document. A node
 * can outlive a parse (an incremental reparse keeps the declarations an edit did not
 * touch), but what it means can change with its neighbours: an environment's flattened
 * members change when the environment it extends is edited. So an entry is stamped with
 * the parse result of the document it was computed in, and a new parse misses it.
 */
import type { AstNode } from 'langium';
import { AstUtils } from 'langium';

export class PerParseCache<K extends AstNode, V> {
    private readonly entries = new WeakMap<K, { stamp: object; value: V }>();

    get(node: K, compute: () => V): V {
        const stamp = parseStampOf(node);
        const entry = this.entries.get(node);
        if (entry && entry.stamp === stamp) return entry.value;
        const value = compute();
        this.entries.set(node, { stamp, value });
        return value;
    }
}

/** The current parse of the document `node` belongs to (its root, outside any document). */
export function parseStampOf(node: AstNode): object {
    const root = AstUtils.findRootNode(node);
    return root.$document?.parseResult ?? root;
}
