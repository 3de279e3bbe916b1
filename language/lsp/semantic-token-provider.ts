/**
 * Semantic tokens that tell apart what the TextMate grammar cannot: actions (`function`),
 * nodes (`variable`), parameters (`parameter`), environments (`class`), objectives
 * (`property`) and optimizers (`type`), at declarations (modifier `declaration`) and at
 * every reference; built-in functions are `function` + `defaultLibrary`.
 */
import type { AstNode } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/** The token type of a declaration, or undefined for other nodes. */
export function tokenTypeOf(node: AstNode | undefined): string | undefined {
    if (ast.isAction(node)) return SemanticTokenTypes.function;
    if (ast.isNode(node)) return SemanticTokenTypes.variable;
    if (ast.isParameter(node)) return SemanticTokenTypes.parameter;
    if (ast.isEnvironment(node)) return SemanticTokenTypes.class;
    if (ast.isObjective(node)) return SemanticTokenTypes.property;
    if (ast.isOptimizer(node)) return SemanticTokenTypes.type;
    return undefined;
}

export class MesaSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = tokenTypeOf(node);
        if (declared && 'name' in node) {
            acceptor({ node, property: 'name', type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        const reference = referenceOf(node);
        if (reference) {
            const type = tokenTypeOf(reference.target);
            if (type) acceptor({ node, property: reference.property, type });
        }
        if (ast.isCall(node)) {
            acceptor({ node, property: 'function', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
        }
    }
}

/**
 * The cross-reference a node holds (every Mesa node holds at most one), with its target.
 * A node recovered from half-typed text (`train (x)`) may lack its reference altogether.
 */
function referenceOf(node: AstNode): { property: string; target: AstNode | undefined } | undefined {
    if (ast.isNameReference(node) || ast.isSignedParent(node)) return { property: 'target', target: node.target?.ref };
    if (ast.isEnvironment(node)) return node.superEnv ? { property: 'superEnv', target: node.superEnv.ref } : undefined;
    if (ast.isEnvironmentUse(node)) return { property: 'environment', target: node.environment?.ref };
    if (ast.isModelSetting(node)) return { property: 'model', target: node.model?.ref };
    if (ast.isObjectiveSetting(node)) return { property: 'objective', target: node.objective?.ref };
    if (ast.isBinding(node)) return { property: 'parameter', target: node.parameter?.ref };
    return undefined;
}
