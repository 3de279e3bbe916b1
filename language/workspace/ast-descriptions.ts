/**
 * Descriptions of named nodes for scopes and the index, as Langium's, but with the
 * selection segment computed when first read: linking a 2,000-node environment builds
 * one description per node on every edit, and the ranges of their CST nodes (which
 * nothing on that path reads) were the main cost of building its scope. The node's path
 * in the tree, which only the reference index reads, is computed when first read too.
 */
import type { AstNode, AstNodeDescription, DocumentSegment, LangiumDocument, ReferenceDescription } from 'langium';
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, DefaultReferenceDescriptionProvider } from 'langium';
import { forEachReference, walkAst } from './ast-walk.js';

export class MesaAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.nameProvider.getName(node);
        const locator = this.astNodeLocator;
        if (!name) {
            throw new Error(`Node at path ${locator.getAstNodePath(node)} has no name.`);
        }
        const nameProvider = this.nameProvider;
        let path: string | undefined;
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
            get path() {
                return path ??= locator.getAstNodePath(node);
            },
        };
    }
}

/** Langium's reference descriptions, computed synchronously when the index asks (see index-manager.ts). */
export class MesaReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    describeReferences(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of walkAst(document.parseResult.value)) {
            forEachReference(node, refInfo => {
                if (!refInfo.reference.error) descriptions.push(...this.createInfoDescriptions(refInfo));
            });
        }
        return descriptions;
    }
}
