/**
 * Folding of environment, optimizer, select and grid blocks, of tables written one row
 * per line, and of block comments; expressions spread over several lines don't fold.
 */
import type { AstNode } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { isEnvironment, isGrid, isOptimizer, isSelect, isSpec, isTable } from '../generated/ast.js';

export class MesaFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override shouldProcess(node: AstNode): boolean {
        return isEnvironment(node) || isOptimizer(node) || isSelect(node) || isGrid(node) || isTable(node);
    }

    /** The top level, and an environment's members (its grids and tables fold too). */
    protected override shouldProcessContent(node: AstNode): boolean {
        return isSpec(node) || isEnvironment(node);
    }
}
