/**
 * An environment's signed causal graph as Graphviz DOT: actions as boxes, nodes as
 * ellipses, objectives as double octagons (base objective bold, mesa objectives dashed),
 * edges labelled with sign and delay; optionally, what deployment changed, highlighted.
 */
import type { CompiledEnvironment, CompiledSpec } from '../model/spec.js';
import { dotQuote } from './html/escape.js';
import { objectiveNodeId } from './html/graph-dot.js';

export interface DotOptions {
    /** Names of nodes/actions whose rule or presence differs from the training environment. */
    changed?: Set<string>;
}

export function causalGraphDot(spec: CompiledSpec, env: CompiledEnvironment, options: DotOptions = {}): string {
    const changed = options.changed ?? new Set<string>();
    const lines = [
        `digraph ${dotQuote(env.label)} {`,
        '  rankdir=LR;',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ];
    const highlight = (name: string) => changed.has(name) ? ', color="#d9480f", penwidth=2' : '';
    for (const action of env.graph.actions) {
        lines.push(`  ${dotQuote(action)} [shape=box, style=rounded${highlight(action)}];`);
    }
    for (const node of env.graph.nodes) {
        lines.push(`  ${dotQuote(node)} [shape=ellipse${highlight(node)}];`);
    }
    for (const name of env.graph.objectives) {
        const objective = spec.objectives.find(o => o.name === name);
        const style = objective?.role === 'base' ? 'style=bold, color="#1864ab"' : 'style=dashed, color="#862e9c"';
        lines.push(`  ${dotQuote(objectiveNodeId(name))} [label=${dotQuote(`${objective?.role ?? ''} ${name}`)}, shape=doubleoctagon, ${style}];`);
    }
    for (const edge of env.graph.edges) {
        const to = edge.toObjective ? objectiveNodeId(edge.to) : edge.to;
        const label = edge.delay > 0 ? `${edge.sign} @${edge.delay}` : edge.sign;
        const style = edge.delay > 0 ? ', style=dashed' : '';
        lines.push(`  ${dotQuote(edge.from)} -> ${dotQuote(to)} [label=${dotQuote(label)}${style}];`);
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}
