/**
 * Walks a syntax tree without Langium's streams. `AstUtils.streamAst` and
 * `streamReferences` build an iterator and a key list per node; linking and validating
 * a 2,000-line spec visits about 50,000 nodes per edit, and those streams were a third
 * of the time. Same order as `streamAst`: depth first, properties in declaration order.
 */
import type { AstNode, ReferenceInfo } from 'langium';
import { isReference } from 'langium';

/** `root` and every node below it. */
export function* walkAst(root: AstNode): Generator<AstNode> {
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        yield node;
        pushChildrenReversed(node, stack);
    }
}

/** The depth of the tree below `root` (1 for a leaf), without recursion. */
export function treeDepth(root: AstNode): number {
    let deepest = 0;
    const nodes: AstNode[] = [root];
    const depths: number[] = [1];
    while (nodes.length > 0) {
        const node = nodes.pop()!;
        const depth = depths.pop()!;
        if (depth > deepest) deepest = depth;
        const before = nodes.length;
        pushChildrenReversed(node, nodes);
        for (let i = before; i < nodes.length; i++) depths.push(depth + 1);
    }
    return deepest;
}

/** Pushes the children of `node` onto `stack` so that popping gives them in order. */
function pushChildrenReversed(node: AstNode, stack: AstNode[]): void {
    const keys = Object.keys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        if (key.charCodeAt(0) === DOLLAR) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (let i = value.length - 1; i >= 0; i--) {
                if (isNode(value[i])) stack.push(value[i] as AstNode);
            }
        } else if (isNode(value)) {
            stack.push(value);
        }
    }
}

/** Calls `visit` with each cross-reference `node` holds itself (not those of its children). */
export function forEachReference(node: AstNode, visit: (info: ReferenceInfo) => void): void {
    for (const key in node) {
        if (key.charCodeAt(0) === DOLLAR) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (isReference(value)) visit({ reference: value, container: node, property: key });
    }
}

const DOLLAR = 36;

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}
