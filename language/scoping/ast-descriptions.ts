/**
 * Descriptions of named nodes for scopes and the index, as Langium's, but with the
 * segments and the path computed when read: linking a 2,000-node environment builds
 * one description per node on every edit, and the ranges of their CST nodes (which
 * nothing on that path reads) were the main cost of building its scope. Since nothing
 * positional is stored, a node that survives an incremental reparse keeps its
 * description.
 */
import type { AstNode, AstNodeDescription, LangiumDocument, ReferenceDescription } from 'langium';
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, DefaultReferenceDescriptionProvider } from 'langium';
import { referencesKept } from '../parse/ast-walk.js';

export class MesaAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    /** Descriptions by node: a node that survives an incremental reparse keeps its description. */
    private readonly kept = new WeakMap<AstNode, AstNodeDescription>();

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.nameProvider.getName(node);
        const locator = this.astNodeLocator;
        if (!name) {
            throw new Error(`Node at path ${locator.getAstNodePath(node)} has no name.`);
        }
        const kept = this.kept.get(node);
        if (kept && kept.name === name && kept.documentUri === doc.uri) return kept;
        const nameProvider = this.nameProvider;
        // Positions and paths change with edits elsewhere: computed when read, never kept.
        const description: AstNodeDescription = {
            node,
            name,
            get nameSegment() {
                return CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode);
            },
            get selectionSegment() {
                return CstUtils.toDocumentSegment(node.$cstNode);
            },
            type: node.$type,
            documentUri: doc.uri,
            get path() {
                return locator.getAstNodePath(node);
            },
        };
        this.kept.set(node, description);
        return description;
    }
}

/** Langium's reference descriptions, computed synchronously when the index asks (see index-manager.ts). */
export class MesaReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const refInfo of referencesKept(document.parseResult.value)) {
            if (!refInfo.reference.error) descriptions.push(...this.createInfoDescriptions(refInfo));
        }
        return descriptions;
    }
}
