/**
 * The one drawing of an environment's signed causal graph, as Graphviz DOT, shared by
 * the causal-graph view (`mesa/causalGraph`), `mesa graph` and the HTML report, so a
 * line means the same everywhere (docs/editor.md, The causal-graph view): actions are
 * rounded boxes, nodes ellipses, objectives double octagons; the base objective and
 * the edges into it bold blue; a mesa objective and the edges into it dashed purple
 * (dashes mean a mesa objective and nothing else); what a deployment environment adds
 * or changes orange; every edge labelled with its sign and, when delayed, `@k`.
 *
 * With declarations, each drawn node links to where it is declared: the DOT carries a
 * placeholder URL per node, and `linkDeclarations` turns the SVG Graphviz lays out
 * into `<a class="src">` links, as the report's other source links are.
 */
import type { EnvironmentChanges } from '../model/changes.js';
import { environmentChanges } from '../model/changes.js';
import type { CausalGraph, CompiledEnvironment, CompiledSpec, SourceLocation } from '../model/spec.js';
import { dotQuote, esc } from './html/escape.js';
import type { ReportMode } from './html/links.js';
import { sourceHref } from './html/links.js';

export const GRAPH_COLORS = {
    base: '#1864ab',
    mesa: '#862e9c',
    changed: '#d9480f',
    ink: '#343a40',
} as const;

/** What is drawn: the graph, the roles of its objectives, the changes to highlight, and optionally where each drawn name is declared. */
export interface GraphDrawing {
    label: string;
    graph: CausalGraph;
    roles: ReadonlyMap<string, 'base' | 'mesa'>;
    changes: EnvironmentChanges;
    /** By drawn id: action and node names, and `objectiveNodeId(name)` for objectives. */
    declarations?: ReadonlyMap<string, SourceLocation>;
}

/** Objectives live in their own namespace: their ids never collide with node names. */
export function objectiveNodeId(name: string): string {
    return `objective:${name}`;
}

/** Every drawn id in drawing order; a node's link placeholder is its index here. */
function drawnIds(graph: CausalGraph): string[] {
    return [...graph.actions, ...graph.nodes, ...graph.objectives.map(objectiveNodeId)];
}

const PLACEHOLDER = '#mesa-declaration-';

export function drawingDot(drawing: GraphDrawing): string {
    const { graph, roles } = drawing;
    const added = new Set([...drawing.changes.addedActions, ...drawing.changes.addedNodes]);
    const changed = new Set(drawing.changes.changedNodes);
    const index = new Map(drawnIds(graph).map((id, i) => [id, i]));
    const link = (id: string, name: string): string => {
        const location = drawing.declarations?.get(id);
        if (!location) return '';
        const tip = `${name}: go to its declaration, line ${location.range.start.line + 1}`;
        return `, URL=${dotQuote(`${PLACEHOLDER}${index.get(id)!}`)}, tooltip=${dotQuote(tip)}`;
    };
    const lines = [
        `digraph ${dotQuote(drawing.label)} {`,
        '  rankdir=LR; bgcolor="transparent"; pad=0.2; nodesep=0.35; ranksep=0.6;',
        `  node [fontname="Helvetica,Arial,sans-serif", fontsize=11, color="${GRAPH_COLORS.ink}", fontcolor="${GRAPH_COLORS.ink}"];`,
        `  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10, color="${GRAPH_COLORS.ink}", fontcolor="${GRAPH_COLORS.ink}", arrowsize=0.7];`,
    ];
    const mark = (name: string): { attrs: string; cls: string } => {
        if (added.has(name)) return { attrs: `, color="${GRAPH_COLORS.changed}", fontcolor="${GRAPH_COLORS.changed}", penwidth=2`, cls: ' added' };
        if (changed.has(name)) return { attrs: `, color="${GRAPH_COLORS.changed}", penwidth=2`, cls: ' changed' };
        return { attrs: '', cls: '' };
    };
    for (const action of graph.actions) {
        const m = mark(action);
        lines.push(`  ${dotQuote(action)} [shape=box, style=rounded${m.attrs}, class=${dotQuote(`action${m.cls}`)}${link(action, action)}];`);
    }
    for (const node of graph.nodes) {
        const m = mark(node);
        lines.push(`  ${dotQuote(node)} [shape=ellipse${m.attrs}, class=${dotQuote(`state${m.cls}`)}${link(node, node)}];`);
    }
    for (const name of graph.objectives) {
        const role = roles.get(name) ?? 'mesa';
        const style = role === 'base'
            ? `style=bold, color="${GRAPH_COLORS.base}", fontcolor="${GRAPH_COLORS.base}"`
            : `style=dashed, color="${GRAPH_COLORS.mesa}", fontcolor="${GRAPH_COLORS.mesa}"`;
        const id = objectiveNodeId(name);
        lines.push(`  ${dotQuote(id)} [label=${dotQuote(`${role} ${name}`)}, shape=doubleoctagon, ${style}, class=${dotQuote(`objective ${role}`)}${link(id, name)}];`);
    }
    if (graph.objectives.length > 1) {
        // Objectives side by side at the right edge, where the eye ends.
        lines.push(`  { rank=same; ${graph.objectives.map(o => dotQuote(objectiveNodeId(o))).join('; ')}; }`);
    }
    for (const edge of graph.edges) {
        const to = edge.toObjective ? objectiveNodeId(edge.to) : edge.to;
        const label = edge.delay > 0 ? `${edge.sign} @${edge.delay}` : edge.sign;
        const attrs: string[] = [`label=${dotQuote(label)}`];
        let cls = 'causal';
        if (edge.toObjective) {
            const role = roles.get(edge.to) ?? 'mesa';
            cls = `target ${role}`;
            attrs.push(role === 'base'
                ? `color="${GRAPH_COLORS.base}", fontcolor="${GRAPH_COLORS.base}", penwidth=2`
                : `color="${GRAPH_COLORS.mesa}", fontcolor="${GRAPH_COLORS.mesa}", style=dashed`);
        } else if (added.has(edge.from)) {
            cls = 'causal added';
            attrs.push(`color="${GRAPH_COLORS.changed}", fontcolor="${GRAPH_COLORS.changed}", penwidth=1.6`);
        }
        if (edge.delay > 0) cls += ' delayed';
        attrs.push(`class=${dotQuote(cls)}`);
        lines.push(`  ${dotQuote(edge.from)} -> ${dotQuote(to)} [${attrs.join(', ')}];`);
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

/**
 * The drawing of a compiled environment: changes against the first training
 * environment, and with `links`, the declarations of its actions, nodes and objectives.
 */
export function compiledDrawing(spec: CompiledSpec, env: CompiledEnvironment, options: { links?: boolean } = {}): GraphDrawing {
    const reference = spec.environments.find(e => e.label === spec.train[0]);
    const declarations = new Map<string, SourceLocation>([
        ...Object.entries(env.actionLocations),
        ...env.nodes.map(n => [n.name, n.location] as const),
        ...spec.objectives.map(o => [objectiveNodeId(o.name), o.location] as const),
    ]);
    return {
        label: env.label,
        graph: env.graph,
        roles: new Map(spec.objectives.map(o => [o.name, o.role])),
        changes: environmentChanges(env, reference),
        declarations: options.links ? declarations : undefined,
    };
}

/** DOT of a compiled environment (the graph view, `mesa graph`). */
export function causalGraphDot(spec: CompiledSpec, env: CompiledEnvironment, options: { links?: boolean } = {}): string {
    return drawingDot(compiledDrawing(spec, env, options));
}

/**
 * Turns the placeholder links of a drawing laid out as SVG into source links:
 * `<a class="src" href data-uri data-line data-character>` (docs/editor.md, The report view).
 * Only placeholders this module wrote are touched; Graphviz escapes every name it prints.
 */
export function linkDeclarations(svg: string, drawing: GraphDrawing, mode: ReportMode): string {
    const ids = drawnIds(drawing.graph);
    const placeholder = new RegExp(`<a xlink:href="${PLACEHOLDER}(\\d+)"`, 'g');
    return svg.replace(placeholder, (whole, i: string) => {
        const location = drawing.declarations?.get(ids[Number(i)] ?? '');
        if (!location) return whole;
        const { line, character } = location.range.start;
        return `<a class="src" href="${esc(sourceHref(location, mode))}" data-uri="${esc(location.uri)}" data-line="${line}" data-character="${character}"`;
    });
}
