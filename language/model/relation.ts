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

export interface ProxyKind {
    kind: 'side-effect' | 'instrumental' | 'general';
    /** For 'general': the nearest common cause, when there is one. */
    via: string | null;
    /** For 'general' when no common cause raises both (related through ± or opposed paths, or not at all). */
    signUnknown: boolean;
}

/**
 * The proxy sub-kind of a pseudo-aligned mesa objective over the training graphs: the
 * first training environment that shows side-effect, else instrumental, else a general
 * proxy with a known sign, else a general proxy whose sign is unknown.
 */
export function proxyKind(spec: CompiledSpec, objective: string): ProxyKind {
    const relations = spec.train
        .map(label => spec.environments.find(e => e.label === label)?.graph)
        .filter((g): g is CausalGraph => g !== undefined && g.objectives.includes(objective) && g.objectives.includes(spec.base))
        .map(g => relateObjectives(g, objective, spec.base));
    for (const kind of ['side-effect', 'instrumental'] as const) {
        const found = relations.find(r => r.kind === kind);
        if (found) return { kind, via: null, signUnknown: false };
    }
    const general = relations.find(r => r.kind === 'general' && !r.signUnknown) ?? relations.find(r => r.kind === 'general');
    if (general?.kind === 'general') return { kind: 'general', via: general.via, signUnknown: general.signUnknown };
    const opposed = relations.find(r => r.kind === 'opposed');
    return { kind: 'general', via: opposed?.kind === 'opposed' ? opposed.via ?? null : null, signUnknown: true };
}
