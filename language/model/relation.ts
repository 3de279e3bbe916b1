/**
 * How a mesa objective relates causally to the base objective in one environment's
 * signed graph (docs/analyses.md, Static analyses): the same targets (approximate), a side-effect or
 * instrumental proxy, a general proxy through the nearest common cause, only opposed
 * or unknown relations, or none. Shared by the static diagnostics and the simulation
 * core's verdict kinds, so both always agree.
 */
import type { CausalGraph, CompiledSpec } from './spec.js';
import type { SignedPath } from './causal-paths.js';
import { multiply, pathsInto, targetsOf } from './causal-paths.js';

export type Relation =
    | { kind: 'approximate'; targets: string[] }
    | { kind: 'side-effect' | 'instrumental'; via: string; path: SignedPath }
    | { kind: 'general'; via: string; toMesa: SignedPath; toBase: SignedPath; signUnknown: boolean }
    /** Related only through paths where one falls as the other rises; `via` is the nearest common cause, if any. */
    | { kind: 'opposed'; via?: string }
    | { kind: 'none' };

export function relateObjectives(graph: CausalGraph, mesa: string, base: string): Relation {
    const mesaTargets = targetsOf(graph, mesa);
    const baseTargets = targetsOf(graph, base);
    const names = (ts: { name: string }[]) => ts.map(t => t.name).sort().join(',');
    if (names(mesaTargets) === names(baseTargets)) {
        return { kind: 'approximate', targets: baseTargets.map(t => t.name) };
    }
    const intoBase = pathsInto(graph, base);
    const intoMesa = pathsInto(graph, mesa);
    let related = false;
    for (const [kind, from, into] of [['side-effect', mesaTargets, intoBase], ['instrumental', baseTargets, intoMesa]] as const) {
        for (const target of from) {
            const path = into.pathFrom(target.name);
            if (!path) continue;
            related = true;
            if (multiply(target.sign, path.sign) === '+') return { kind, via: target.name, path };
        }
    }
    // The nearest node whose shortest paths raise both objectives (else, of unknown sign).
    const causes = intoMesa.nearestCommonCauses(intoBase);
    const cause = (name: string) => ({ via: name, toMesa: intoMesa.pathFrom(name)!, toBase: intoBase.pathFrom(name)! });
    if (causes.positive !== undefined) return { kind: 'general', ...cause(causes.positive), signUnknown: false };
    if (causes.unknown !== undefined) return { kind: 'general', ...cause(causes.unknown), signUnknown: true };
    // Related only through paths where one objective falls as the other rises: no proxy.
    return related || causes.any !== undefined ? { kind: 'opposed', ...(causes.any !== undefined ? { via: causes.any } : {}) } : { kind: 'none' };
}

/** How strongly a relation says "proxy", the strongest first (docs/analyses.md, Static analyses). */
function rank(r: Relation): number {
    switch (r.kind) {
        case 'approximate': return 0;
        case 'side-effect': return 1;
        case 'instrumental': return 2;
        case 'general': return r.signUnknown ? 4 : 3;
        case 'opposed': return 5;
        case 'none': return 6;
    }
}

/** The relation in one training environment, with that environment's label. */
export interface TrainingRelation {
    label: string;
    graph: CausalGraph;
    relation: Relation;
}

/**
 * The relation of a mesa objective to the base objective over the training graphs where
 * both can be evaluated: the strongest (approximate, side-effect, instrumental, general,
 * general of unknown sign, opposed, none), from the first environment that shows it;
 * `proxiesOnly` passes over approximate ones. The static diagnostics report it and the
 * verdict kinds take it (proxyKind), so the two never disagree; undefined when no
 * training environment evaluates both.
 */
export function trainingRelation(spec: CompiledSpec, objective: string, proxiesOnly = false): TrainingRelation | undefined {
    let best: TrainingRelation | undefined;
    for (const label of spec.train) {
        const graph = spec.environments.find(e => e.label === label)?.graph;
        if (!graph || !graph.objectives.includes(objective) || !graph.objectives.includes(spec.base)) continue;
        const relation = relateObjectives(graph, objective, spec.base);
        if (proxiesOnly && relation.kind === 'approximate') continue;
        if (!best || rank(relation) < rank(best.relation)) best = { label, graph, relation };
    }
    return best;
}

export interface ProxyKind {
    kind: 'side-effect' | 'instrumental' | 'general';
    /** For 'general': the nearest common cause, when there is one. */
    via: string | null;
    /** For 'general' when no common cause raises both (related through ± or opposed paths, or not at all). */
    signUnknown: boolean;
}

/**
 * The proxy sub-kind of a pseudo-aligned mesa objective over the training graphs, from
 * the same relation the static diagnostics report (trainingRelation): side-effect,
 * instrumental, a general proxy with a known sign, else a general proxy whose sign is
 * unknown. Environments where it reads the same targets as the base objective
 * (approximate) are passed over: the verdict calls such an objective approximate itself.
 */
export function proxyKind(spec: CompiledSpec, objective: string): ProxyKind {
    const relation = trainingRelation(spec, objective, true)?.relation;
    switch (relation?.kind) {
        case 'side-effect': case 'instrumental': return { kind: relation.kind, via: null, signUnknown: false };
        case 'general': return { kind: 'general', via: relation.via, signUnknown: relation.signUnknown };
        case 'opposed': return { kind: 'general', via: relation.via ?? null, signUnknown: true };
        default: return { kind: 'general', via: null, signUnknown: true };
    }
}
