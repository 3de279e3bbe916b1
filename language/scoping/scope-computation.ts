/**
 * Each `.mesa` file is a spec of its own: nothing is exported to other documents.
 */
import type { AstNodeDescription } from 'langium';
import { DefaultScopeComputation } from 'langium';

export class MesaScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }
}
