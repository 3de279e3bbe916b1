/**
 * From a request's document URI to a compiled spec: wait until the editor's text has
 * been validated, refuse a spec with errors (the user sees them as diagnostics), and
 * compile it. Shared by the `mesa/*` request handlers.
 */
import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { CompileError } from '../../language/compile/compile-spec.js';
import { compiledModelOf } from '../../language/compile/model-cache.js';
import type { Spec } from '../../language/generated/ast.js';
import type { CompiledSpec } from '../../language/model/spec.js';

export async function compiledSpecOf(shared: LangiumSharedCoreServices, uri: string, token: CancellationToken): Promise<CompiledSpec> {
    const document = await validatedDocument(shared, uri, token);
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).length;
    if (errors > 0) {
        throw new ResponseError(ErrorCodes.InvalidParams, `${fileName(uri)} has ${errors} error${errors === 1 ? '' : 's'}: fix the ${errors === 1 ? 'error' : `${errors} errors`} first.`);
    }
    const compiled = compiledModelOf(document);
    if (compiled instanceof CompileError) {
        throw new ResponseError(ErrorCodes.InvalidParams, `${fileName(uri)} line ${compiled.location.range.start.line + 1}: ${compiled.message}`);
    }
    return compiled;
}

export async function validatedDocument(shared: LangiumSharedCoreServices, uri: string, token: CancellationToken): Promise<LangiumDocument<Spec>> {
    const documentUri = URI.parse(uri);
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(documentUri)) {
        // Not open in the editor: read it from disk, as the CLI would.
        const document = await documents.getOrCreateDocument(documentUri);
        await shared.workspace.DocumentBuilder.build([document], { validation: true }, token);
    }
    try {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, documentUri, token);
    } catch (error) {
        if (token.isCancellationRequested) throw cancelled();
        throw error;
    }
    if (token.isCancellationRequested) throw cancelled();
    return documents.getDocument(documentUri) as LangiumDocument<Spec>;
}

export function cancelled(): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

export function fileName(uri: string): string {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
