/**
 * Graphviz DOT for one environment's causal graph, built from the report's data alone
 * (the report carries the graph and the objectives' roles, not the compiled spec).
 * Actions are boxes, nodes ellipses, objectives double octagons: the base objective
 * and the edges into it bold blue, mesa objectives and their edges dashed purple.
 * What deployment adds or changes is orange. Edges carry their sign and `@k` delay.
 * Every name goes through `dotQuote`; SVG classes let the page's CSS theme the drawing.
 */
import type { EnvironmentReport, ObjectiveReport } from '../../simulation/report.js';
import { dotQuote } from './escape.js';

export const GRAPH_COLORS = {
    base: '#1864ab',
    mesa: '#862e9c',
    changed: '#d9480f',
    ink: '#343a40',
} as const;

/** Objectives live in their own namespace: their ids never collide with node names. */
export function objectiveNodeId(name: string): string {
    return `objective:${name}`;
}

export function environmentDot(env: EnvironmentReport, objectives: readonly ObjectiveReport[]): string {
    const roleOf = new Map(objectives.map(o => [o.name, o.role] as const));
    const added = new Set([...env.changes.addedActions, ...env.changes.addedNodes]);
    const changed = new Set(env.changes.changedNodes);
    const lines = [
        `digraph ${dotQuote(env.label)} {`,
        '  rankdir=LR; bgcolor="transparent"; pad=0.2; nodesep=0.35; ranksep=0.6;',
        `  node [fontname="Helvetica,Arial,sans-serif", fontsize=11, color="${GRAPH_COLORS.ink}", fontcolor="${GRAPH_COLORS.ink}"];`,
        `  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10, color="${GRAPH_COLORS.ink}", fontcolor="${GRAPH_COLORS.ink}", arrowsize=0.7];`,
    ];
    const mark = (name: string): { attrs: string; cls: string } => {
        if (added.has(name)) return { attrs: `, color="${GRAPH_COLORS.changed}", fontcolor="${GRAPH_COLORS.changed}", penwidth=2`, cls: ' added' };
        if (changed.has(name)) return { attrs: `, color="${GRAPH_COLORS.changed}", penwidth=2`, cls: ' changed' };
        return { attrs: '', cls: '' };
    };
    for (const action of env.graph.actions) {
        const m = mark(action);
        lines.push(`  ${dotQuote(action)} [shape=box, style=rounded${m.attrs}, class=${dotQuote(`action${m.cls}`)}];`);
    }
    for (const node of env.graph.nodes) {
        const m = mark(node);
        lines.push(`  ${dotQuote(node)} [shape=ellipse${m.attrs}, class=${dotQuote(`state${m.cls}`)}];`);
    }
    for (const name of env.graph.objectives) {
        const role = roleOf.get(name) ?? 'mesa';
        const style = role === 'base'
            ? `style=bold, color="${GRAPH_COLORS.base}", fontcolor="${GRAPH_COLORS.base}"`
            : `style=dashed, color="${GRAPH_COLORS.mesa}", fontcolor="${GRAPH_COLORS.mesa}"`;
        lines.push(`  ${dotQuote(objectiveNodeId(name))} [label=${dotQuote(`${role} ${name}`)}, shape=doubleoctagon, ${style}, class=${dotQuote(`objective ${role}`)}];`);
    }
    if (env.graph.objectives.length > 1) {
        // Objectives side by side at the right edge, where the eye ends.
        lines.push(`  { rank=same; ${env.graph.objectives.map(o => dotQuote(objectiveNodeId(o))).join('; ')}; }`);
    }
    for (const edge of env.graph.edges) {
        const to = edge.toObjective ? objectiveNodeId(edge.to) : edge.to;
        const label = edge.delay > 0 ? `${edge.sign} @${edge.delay}` : edge.sign;
        const attrs: string[] = [`label=${dotQuote(label)}`];
        let cls = 'causal';
        if (edge.toObjective) {
            const role = roleOf.get(edge.to) ?? 'mesa';
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
