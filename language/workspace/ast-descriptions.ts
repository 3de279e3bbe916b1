/**
 * Descriptions of named nodes for scopes and the index, as Langium's, but with the
 * selection segment computed when first read: linking a 2,000-node environment builds
 * one description per node on every edit, and the ranges of their CST nodes (which
 * nothing on that path reads) were the main cost of building its scope.
 */
import type { AstNode, AstNodeDescription, DocumentSegment, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider } from 'langium';

export class MesaAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.nameProvider.getName(node);
        const path = this.astNodeLocator.getAstNodePath(node);
        if (!name) {
            throw new Error(`Node at path ${path} has no name.`);
        }
        const nameProvider = this.nameProvider;
        let nameSegment: DocumentSegment | undefined;
        let selectionSegment: DocumentSegment | undefined;
        return {
            node,
            name,
            get nameSegment() {
                return nameSegment ??= CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode);
            },
            get selectionSegment() {
                return selectionSegment ??= CstUtils.toDocumentSegment(node.$cstNode);
            },
            type: node.$type,
            documentUri: doc.uri,
            path,
        };
    }
}
