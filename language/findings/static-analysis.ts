/**
 * The static (graph) analyses of docs/analyses.md (Static analyses), run on every edit: how each mesa
 * objective relates causally to the base objective in training (side-effect,
 * instrumental or general proxy, approximate target, no link), whether it is cheaper
 * to compute (pre-computation), and which environments are qualitative only.
 */
import type { CausalEdge, CompiledEnvironment, CompiledObjective, CompiledSpec, SourceLocation } from '../model/spec.js';
import { IssueCodes } from '../validation/codes.js';
import type { Finding } from './finding.js';
import type { Distance, SignedPath } from '../model/causal-paths.js';
import { compareDistance, describePath, distanceFromActions, MAX_SHOWN_LINKS, numberOf } from '../model/causal-paths.js';
import { trainingRelation } from '../model/relation.js';

export function staticFindings(spec: CompiledSpec): Finding[] {
    const findings: Finding[] = [];
    const base = spec.objectives.find(o => o.name === spec.base);
    if (!base) return findings;
    const training = spec.train.map(label => spec.environments.find(e => e.label === label)).filter((e): e is CompiledEnvironment => !!e);
    for (const mesa of spec.objectives.filter(o => o.role === 'mesa')) {
        if (sameObjective(mesa, base)) continue;
        // The strongest relation over the training environments, the one verdict kinds take too.
        const found = trainingRelation(spec, mesa.name);
        const env = found && training.find(e => e.label === found.label);
        if (!found || !env) continue;
        const relation = found.relation;
        const at = (message: string, code: string, severity: Finding['severity'], related: Finding['related']) =>
            findings.push({ code, severity, message, location: mesa.location, related });
        const baseRef = { message: `base objective ${base.name}`, location: base.location };
        switch (relation.kind) {
            case 'approximate':
                at(`${mesa.name} reads exactly what ${base.name} reads (${relation.targets.join(', ')}) through a different expression: an approximate target (in ${env.label}).`,
                    IssueCodes.ApproximateTarget, 'info', [baseRef, ...relation.targets.map(t => ({ message: `${t} is read by both`, location: locate(env, t) }))]);
                continue;
            case 'side-effect':
                at(`${mesa.name} is a side-effect proxy of ${base.name} in ${env.label}: raising ${mesa.name} through ${relation.via} raises ${base.name} (${describePath(relation.via, relation.path)}).`,
                    IssueCodes.ProxySideEffect, 'warning', [...pathRelated(env, relation.via, relation.path), baseRef]);
                break;
            case 'instrumental':
                at(`${mesa.name} is an instrumental proxy of ${base.name} in ${env.label}: raising ${base.name} through ${relation.via} raises ${mesa.name} (${describePath(relation.via, relation.path)}).`,
                    IssueCodes.ProxyInstrumental, 'warning', [...pathRelated(env, relation.via, relation.path), baseRef]);
                break;
            case 'general':
                at(relation.signUnknown
                    ? `${mesa.name} and ${base.name} are related only through paths of unknown sign (±), nearest through ${relation.via} in ${env.label}: a possible general proxy, sign unknown (${describePath(relation.via, relation.toMesa)}; ${describePath(relation.via, relation.toBase)}).`
                    : `${mesa.name} is a general proxy of ${base.name} in ${env.label}: ${relation.via} raises both (${describePath(relation.via, relation.toMesa)}; ${describePath(relation.via, relation.toBase)}).`,
                    IssueCodes.ProxyGeneral, 'warning',
                    [...pathRelated(env, relation.via, relation.toMesa), ...pathRelated(env, relation.via, relation.toBase).slice(1), baseRef]);
                break;
            case 'opposed':
                break;
            case 'none':
                at(`No node relates ${mesa.name} and ${base.name} in ${env.label}: no causal path links what they read.`,
                    IssueCodes.NoCausalLink, 'info', [baseRef]);
                break;
        }
        const dMesa = distanceFromActions(env.graph, mesa.name);
        const dBase = distanceFromActions(env.graph, base.name);
        if (dMesa && dBase && compareDistance(dMesa, dBase) < 0) {
            at(`${mesa.name} is cheaper to pursue than ${base.name}: its targets are ${formatDistance(dMesa)} from an action, ${base.name}'s are ${formatDistance(dBase)} (in ${env.label}). A time-complexity penalty would favour ${mesa.name}, computed in advance as a proxy.`,
                IssueCodes.Precomputation, 'info', [baseRef]);
        }
    }
    const seen = new Set<string>();
    for (const env of spec.environments.filter(e => e.qualitative)) {
        if (seen.has(env.name)) continue;
        seen.add(env.name);
        const qualitative = env.nodes.filter(n => !n.rule).map(n => n.name);
        findings.push({
            code: IssueCodes.QualitativeOnly, severity: 'info', location: env.location, related: [],
            message: `${env.name} has qualitative nodes (${qualitative.join(', ')}): its causal graph is analysed, but it is not simulated.`,
        });
    }
    return findings;
}

/** The same function of the same names: nothing to tell apart. */
function sameObjective(a: CompiledObjective, b: CompiledObjective): boolean {
    return a.aggregate === b.aggregate && JSON.stringify(a.expression) === JSON.stringify(b.expression);
}

/** Where an action or node is declared: by its number in the graph, whose nodes are the environment's in the same order. */
function locate(env: CompiledEnvironment, name: string): SourceLocation {
    const k = numberOf(env.graph, name);
    const node = k === undefined ? undefined : env.nodes[k - env.graph.actions.length];
    if (node?.name === name) return node.location;
    return env.actionLocations[name] ?? env.nodes.find(n => n.name === name)?.location ?? env.location;
}

/** Related information along a path: where each link is declared, with its sign and delay. */
function pathRelated(env: CompiledEnvironment, start: string, path: SignedPath): Finding['related'] {
    const related: Finding['related'] = [{ message: `${start}: start of the path`, location: locate(env, start) }];
    const links = path.edges.filter(edge => !edge.toObjective);
    const shown = links.length > MAX_SHOWN_LINKS ? [...links.slice(0, 3), ...links.slice(-3)] : links;
    for (const edge of shown) {
        related.push({ message: describeEdge(edge), location: locate(env, edge.to) });
    }
    return related;
}

function describeEdge(edge: CausalEdge): string {
    return `${edge.from} → ${edge.to} (${edge.sign}${edge.delay > 0 ? `, delay ${edge.delay}` : ''})`;
}

function formatDistance(d: Distance): string {
    return `${d.steps} step${d.steps === 1 ? '' : 's'} and ${d.links} link${d.links === 1 ? '' : 's'}`;
}
