/**
 * The proxy sub-kind of a pseudo-aligned mesa objective from the signed causal
 * graphs of the training environments (DESIGN §5.1): side-effect, then instrumental,
 * then general (naming the nearest common cause); a pair related only through `±`
 * paths is general with the sign unknown. Path signs multiply; `±` absorbs. Paths
 * are simple (no node twice). A small stand-in for the graph analyses of
 * language/analysis/, to be merged with them.
 */
import type { CausalGraph, CompiledSpec, Sign } from '../model/types.js';

export interface ProxyResult {
    kind: 'side-effect' | 'instrumental' | 'general' | null;
    /** For 'general': the nearest node with same-signed paths to both objectives. */
    via: string | null;
    /** For 'general' when the objectives are related only through paths of unknown or opposite sign. */
    signUnknown: boolean;
}

export function multiply(a: Sign, b: Sign): Sign {
    if (a === '±' || b === '±') return '±';
    return a === b ? '+' : '-';
}

/** targets(O): the names O reads, with O's sign in each (signs of several reads combine to ± when they disagree). */
export function targets(graph: CausalGraph, objective: string): Map<string, Sign> {
    const out = new Map<string, Sign>();
    for (const e of graph.edges) {
        if (!e.toObjective || e.to !== objective) continue;
        const s = out.get(e.from);
        out.set(e.from, s === undefined || s === e.sign ? e.sign : '±');
    }
    return out;
}

const PATH_LIMIT = 20000;

/** For each sign, the fewest links of a simple path from `from` to objective `sink`. */
export function pathSigns(graph: CausalGraph, from: string, sink: string): Map<Sign, number> {
    const out = new Map<string, { to: string; sign: Sign; sinkEdge: boolean }[]>();
    for (const e of graph.edges) {
        if (e.toObjective && e.to !== sink) continue;
        let list = out.get(e.from);
        if (!list) out.set(e.from, list = []);
        list.push({ to: e.to, sign: e.sign, sinkEdge: e.toObjective });
    }
    const found = new Map<Sign, number>();
    const onPath = new Set<string>([from]);
    let budget = PATH_LIMIT;
    const walk = (n: string, sign: Sign, links: number): void => {
        if (--budget < 0) return;
        for (const e of out.get(n) ?? []) {
            const s = multiply(sign, e.sign);
            if (e.sinkEdge) {
                if ((found.get(s) ?? Infinity) > links + 1) found.set(s, links + 1);
                continue;
            }
            if (onPath.has(e.to)) continue;
            onPath.add(e.to);
            walk(e.to, s, links + 1);
            onPath.delete(e.to);
        }
    };
    walk(from, '+', 0);
    return found;
}

function inGraph(graph: CausalGraph, mesa: string, base: string): ProxyResult & { related: boolean } {
    const mesaTargets = targets(graph, mesa), baseTargets = targets(graph, base);
    let related = false;
    for (const [m, sign] of mesaTargets) {
        for (const p of pathSigns(graph, m, base).keys()) {
            related = true;
            if (multiply(sign, p) === '+') return { kind: 'side-effect', via: null, signUnknown: false, related };
        }
    }
    for (const [b, sign] of baseTargets) {
        for (const p of pathSigns(graph, b, mesa).keys()) {
            related = true;
            if (multiply(sign, p) === '+') return { kind: 'instrumental', via: null, signUnknown: false, related };
        }
    }
    let best: { name: string; links: number } | undefined;
    let anyCommon: string | null = null;
    for (const x of [...graph.actions, ...graph.nodes]) {
        const toMesa = pathSigns(graph, x, mesa), toBase = pathSigns(graph, x, base);
        if (toMesa.size > 0 && toBase.size > 0) anyCommon ??= x;
        for (const s of ['+', '-'] as const) {
            const a = toMesa.get(s), b = toBase.get(s);
            if (a !== undefined && b !== undefined && (!best || a + b < best.links)) best = { name: x, links: a + b };
        }
    }
    if (best) return { kind: 'general', via: best.name, signUnknown: false, related: true };
    if (anyCommon !== null || related) return { kind: 'general', via: anyCommon, signUnknown: true, related: true };
    return { kind: null, via: null, signUnknown: false, related: false };
}

/** The proxy sub-kind of mesa objective `objective` against the spec's base objective, over the training graphs. */
export function proxyKind(spec: CompiledSpec, objective: string): ProxyResult {
    const graphs = spec.train
        .map(label => spec.environments.find(e => e.label === label)?.graph)
        .filter((g): g is CausalGraph => g !== undefined);
    const results = graphs.map(g => inGraph(g, objective, spec.base));
    for (const kind of ['side-effect', 'instrumental'] as const) {
        const r = results.find(x => x.kind === kind);
        if (r) return { kind, via: null, signUnknown: false };
    }
    const general = results.find(x => x.kind === 'general' && !x.signUnknown) ?? results.find(x => x.kind === 'general');
    if (general) return { kind: 'general', via: general.via, signUnknown: general.signUnknown };
    return { kind: null, via: null, signUnknown: false };
}
