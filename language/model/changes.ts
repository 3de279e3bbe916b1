/**
 * What one environment adds to or changes from another (deployment against the first
 * training environment): actions and nodes it adds, and nodes whose init (or the
 * distribution an init draws from) or rule differ.
 * The report highlights these in its graphs, as does the editor's causal-graph view.
 */
import type { CompiledEnvironment, Expr } from './spec.js';

export interface EnvironmentChanges {
    addedActions: string[];
    addedNodes: string[];
    changedNodes: string[];
}

export function environmentChanges(env: CompiledEnvironment, reference: CompiledEnvironment | undefined): EnvironmentChanges {
    const ref = reference ?? env;
    const refNodes = new Map(ref.nodes.map(n => [n.name, n]));
    return {
        addedActions: env.actions.filter(a => !ref.actions.includes(a)),
        addedNodes: env.nodes.filter(n => !refNodes.has(n.name)).map(n => n.name),
        changedNodes: env.nodes.filter(n => {
            const r = refNodes.get(n.name);
            return r !== undefined && (r.init !== n.init || JSON.stringify(r.initOutcomes ?? null) !== JSON.stringify(n.initOutcomes ?? null)
                || withoutLocations(r.rule) !== withoutLocations(n.rule));
        }).map(n => n.name),
    };
}

/** An expression's structure, ignoring where it is written. */
function withoutLocations(e: Expr | undefined): string {
    return JSON.stringify(e ?? null, (key, value: unknown) => (key === 'location' ? undefined : value));
}
