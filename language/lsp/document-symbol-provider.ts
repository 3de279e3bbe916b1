/**
 * The outline: environments (with their parameters, actions, nodes, tables and grids as
 * children), top-level tables and grids, objectives and optimizers, each with a symbol
 * kind that says what it is and a detail (an environment's parent, an objective's role,
 * a node's rule, a table's or grid's size).
 */
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { tableSize } from './table-hover.js';

export class MesaDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        const [kind, detail] = kindAndDetail(astNode);
        return { ...symbol, kind, ...(detail ? { detail } : {}) };
    }
}

function kindAndDetail(node: AstNode): [SymbolKind, string | undefined] {
    if (ast.isEnvironment(node)) return [SymbolKind.Class, node.superEnv ? `extends ${node.superEnv.$refText}` : 'environment'];
    if (ast.isParameter(node)) return [SymbolKind.TypeParameter, `${node.low}..${node.high}`];
    if (ast.isAction(node)) return [SymbolKind.Function, 'action'];
    if (ast.isNode(node)) {
        const text = node.qualitative
            // A parent half typed (`<- +`) has no name yet.
            ? node.parents.map(p => `${p.sign}${p.target?.$refText ?? ''}`).join(', ')
            : node.rule?.$cstNode?.text.replace(/\s+/g, ' ');
        return [SymbolKind.Variable, text];
    }
    if (ast.isObjective(node)) return [SymbolKind.Event, `${node.kind} objective`];
    if (ast.isOptimizer(node)) return [SymbolKind.Module, 'optimizer'];
    if (ast.isTable(node)) return [SymbolKind.Constant, `table: ${tableSize(node)}`];
    if (ast.isGrid(node)) return [SymbolKind.Array, `grid: ${tableSize(node)}`];
    return [SymbolKind.Field, undefined];
}
