/**
 * Semantic tokens that tell apart what the TextMate grammar cannot: actions (`function`),
 * nodes (`variable`), parameters (`parameter`), environments (`class`), objectives
 * (`property`) and optimizers (`type`), tables and grids (`variable` + `readonly`), at
 * declarations (modifier `declaration`) and at every reference; built-in functions,
 * the chance functions among them, are `function` + `defaultLibrary`; grid rows and
 * character literals are `string`.
 */
import type { AstNode } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/** The token type of a declaration, or undefined for other nodes. */
export function tokenTypeOf(node: AstNode | undefined): string | undefined {
    if (ast.isAction(node)) return SemanticTokenTypes.function;
    if (ast.isNode(node) || ast.isTable(node) || ast.isGrid(node)) return SemanticTokenTypes.variable;
    if (ast.isParameter(node)) return SemanticTokenTypes.parameter;
    if (ast.isEnvironment(node)) return SemanticTokenTypes.class;
    if (ast.isObjective(node)) return SemanticTokenTypes.property;
    if (ast.isOptimizer(node)) return SemanticTokenTypes.type;
    return undefined;
}

/** Tables and grids are constants: `readonly` besides what any name gets. */
function modifiersOf(node: AstNode | undefined, declaration: boolean): string[] {
    const modifiers = declaration ? [SemanticTokenModifiers.declaration] : [];
    if (ast.isTable(node) || ast.isGrid(node)) modifiers.push(SemanticTokenModifiers.readonly);
    return modifiers;
}

export class MesaSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = tokenTypeOf(node);
        if (declared && 'name' in node) {
            acceptor({ node, property: 'name', type: declared, modifier: modifiersOf(node, true) });
        }
        for (const reference of referencesOf(node)) {
            const type = tokenTypeOf(reference.target);
            if (type) acceptor({ node, property: reference.property, type, modifier: modifiersOf(reference.target, false) });
        }
        if (ast.isCall(node)) {
            acceptor({ node, property: 'function', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
        } else if (ast.isChoose(node)) {
            acceptor({ node, keyword: 'choose', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
        } else if (ast.isCharLiteral(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.string });
        } else if (ast.isGrid(node)) {
            node.rows.forEach((_, index) => acceptor({ node, property: 'rows', index, type: SemanticTokenTypes.string }));
        }
    }
}

interface HeldReference {
    property: string;
    target: AstNode | undefined;
}

/**
 * The cross-references a node holds (a `show` holds three, any other node at most one),
 * with their targets. A node recovered from half-typed text (`train (x)`) may lack its
 * reference altogether.
 */
function referencesOf(node: AstNode): HeldReference[] {
    if (ast.isNameReference(node) || ast.isSignedParent(node)) return [{ property: 'target', target: node.target?.ref }];
    if (ast.isEnvironment(node)) return node.superEnv ? [{ property: 'superEnv', target: node.superEnv.ref }] : [];
    if (ast.isEnvironmentUse(node)) return [{ property: 'environment', target: node.environment?.ref }];
    if (ast.isModelSetting(node)) return [{ property: 'model', target: node.model?.ref }];
    if (ast.isObjectiveSetting(node)) return [{ property: 'objective', target: node.objective?.ref }];
    if (ast.isBinding(node)) return [{ property: 'parameter', target: node.parameter?.ref }];
    if (ast.isShow(node)) return (['grid', 'x', 'y'] as const).map(property => ({ property, target: node[property]?.ref }));
    return [];
}
