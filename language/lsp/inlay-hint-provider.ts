/**
 * Inlay hints after every name a rule or an objective reads: the sign of that causal
 * edge (`: +`, `: −`, `: ±`) as the sign analysis infers it on the compiled environment —
 * the environment the rule is written in, or for an objective its first training
 * environment. The delay is already written (`x@k`), so hints show only the sign.
 * Nothing is shown while the document has errors, nor for environments no `train`,
 * `deploy` or `model` uses (they are not compiled).
 */
import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import type { InlayHintAcceptor } from 'langium/lsp';
import { AbstractInlayHintProvider } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import type { NameReference, Node, Objective } from '../generated/ast.js';
import { isEnvironment, isNameReference, isNode, isObjective } from '../generated/ast.js';
import type { CausalEdge } from '../model/spec.js';
import { compiledEnvironmentOf, compiledModelOf, firstTrainingEnvironment } from './document-model.js';
import { showSign } from './hover-content.js';

const SIGN_MEANING = { '+': 'increasing', '-': 'decreasing', '±': 'mixed or unknown' } as const;

export class MesaInlayHintProvider extends AbstractInlayHintProvider {
    override computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!isNameReference(node) || !node.$cstNode) return;
        const edge = edgeOf(node);
        if (!edge) return;
        acceptor({
            position: node.$cstNode.range.end,
            label: `: ${showSign(edge.sign)}`,
            kind: InlayHintKind.Type,
            tooltip: `${edge.to} is ${SIGN_MEANING[edge.sign]} in ${edge.from}${edge.delay > 0 ? `@${edge.delay}` : ''} (causal edge ${showSign(edge.sign)})`,
        });
    }
}

/** The causal edge a name reference stands for, in the compiled model. */
export function edgeOf(reference: NameReference): CausalEdge | undefined {
    const spec = compiledModelOf(AstUtils.getDocument(reference));
    if (!spec) return undefined;
    const reader = AstUtils.getContainerOfType(reference, (n): n is Node | Objective => isNode(n) || isObjective(n));
    const name = reference.target.$refText;
    const delay = reference.delay ?? 0;
    if (isNode(reader)) {
        const env = AstUtils.getContainerOfType(reader, isEnvironment);
        // An `init` is evaluated once, before the first step: it is no edge of the graph.
        if (!env || !reader.rule || !AstUtils.hasContainerOfType(reference, n => n === reader.rule)) return undefined;
        const graph = compiledEnvironmentOf(spec, env)?.graph;
        return graph?.edges.find(e => !e.toObjective && e.to === reader.name && e.from === name && e.delay === delay);
    }
    if (isObjective(reader)) {
        const graph = firstTrainingEnvironment(spec)?.graph;
        return graph?.edges.find(e => e.toObjective && e.to === reader.name && e.from === name && e.delay === delay);
    }
    return undefined;
}
