/**
 * Which links an incremental reparse leaves stale. A name resolves by looking it up
 * among the names its scope declares (scope-provider.ts); so after a splice, a kept
 * reference can only resolve differently if its name is one that a removed or added
 * element declares. Splices that change which names are visible where (an environment,
 * its `extends`, a `train` or `deploy` line) stale every link.
 */
import type { AstNode } from 'langium';
import { isActionGroup, isDiscount, isHorizon, isNode, isObjective, isOptimizer, isSelect } from '../generated/ast.js';
import type { Splice } from '../parse/incremental/index.js';

export type StaleNames = ReadonlySet<string> | 'all';

export function namesChangedBy(splice: Splice): StaleNames {
    const names = new Set<string>();
    for (const element of [...splice.removed, ...splice.added]) {
        const declared = namesDeclaredBy(element);
        if (declared === 'all') return 'all';
        for (const name of declared) names.add(name);
    }
    return names;
}

/** The names an environment member or a spec declaration declares; 'all' when it shapes scopes themselves. */
function namesDeclaredBy(element: AstNode): readonly string[] | 'all' {
    if (isNode(element) || isObjective(element) || isOptimizer(element)) return [element.name];
    if (isActionGroup(element)) return element.actions.map(action => action.name);
    if (isSelect(element) || isHorizon(element) || isDiscount(element)) return [];
    return 'all'; // an environment, `train` or `deploy`
}
