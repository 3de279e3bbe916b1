/**
 * The index of references, built when it is first asked for instead of on every edit.
 * Langium indexes every reference of a changed document before validating it; on a
 * 2,000-line spec that is 30-60 ms spent before the diagnostics the author waits for,
 * for an index only find-references, rename and cross-document relinking read.
 */
import type { LangiumDocument, URI } from 'langium';
import { Cancellation, DefaultIndexManager } from 'langium';
import type { MesaReferenceDescriptionProvider } from './ast-descriptions.js';

export class MesaIndexManager extends DefaultIndexManager {
    /** Linked documents whose references are not indexed yet. */
    private readonly pending = new Map<string, LangiumDocument>();
    /** Mesa's reference descriptions, given by createMesaServices once the language services exist. */
    private describer: MesaReferenceDescriptionProvider | undefined;

    describeReferencesWith(describer: MesaReferenceDescriptionProvider): void {
        this.describer = describer;
    }

    override updateReferences(document: LangiumDocument, _cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.pending.set(uri, document);
        return Promise.resolve();
    }

    override removeReferences(uri: URI): void {
        this.pending.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: Parameters<DefaultIndexManager['findAllReferences']>[0], astNodePath: string): ReturnType<DefaultIndexManager['findAllReferences']> {
        for (const uri of [...this.pending.keys()]) this.indexNow(uri);
        return super.findAllReferences(targetNode, astNodePath);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        this.indexNow(document.uri.toString());
        return super.isAffected(document, changedUris);
    }

    private indexNow(uri: string): void {
        const document = this.pending.get(uri);
        if (!document) return;
        this.pending.delete(uri);
        if (!this.describer) throw new Error('The reference index has no describer: make the services with createMesaServices.');
        this.referenceIndex.set(uri, this.describer.describeReferences(document));
    }
}
