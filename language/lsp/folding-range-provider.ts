/**
 * Folding of environment, optimizer and select blocks and of block comments; expressions
 * spread over several lines don't fold.
 */
import type { AstNode } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { isEnvironment, isOptimizer, isSelect, isSpec } from '../generated/ast.js';

export class MesaFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override shouldProcess(node: AstNode): boolean {
        return isEnvironment(node) || isOptimizer(node) || isSelect(node);
    }

    protected override shouldProcessContent(node: AstNode): boolean {
        return isSpec(node);
    }
}
