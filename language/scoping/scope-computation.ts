/**
 * Each `.mesa` file is a spec of its own: nothing is exported to other documents. Local
 * symbols are the top-level declarations only (environments, objectives, optimizers):
 * names inside environments are resolved by MesaScopeProvider through the `extends`
 * chain, so describing every node here would only cost time on large specs.
 */
import type { AstNodeDescription, LangiumDocument, LocalSymbols } from 'langium';
import { DefaultScopeComputation, MultiMap } from 'langium';
import type { AstNode } from 'langium';
import type { Spec } from '../generated/ast.js';

export class MesaScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }

    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const spec = document.parseResult.value as Spec;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const declaration of spec.declarations ?? []) {
            this.addLocalSymbol(declaration, document, symbols);
        }
        return symbols;
    }
}
