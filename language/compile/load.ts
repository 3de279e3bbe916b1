/**
 * One pipeline from text to model, shared by the CLI, the tests and the analysis
 * worker: parse, link and validate a spec with the Mesa services, then compile it when
 * it has no errors.
 */
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Spec } from '../generated/ast.js';
import type { MesaServices } from '../mesa-module.js';
import type { CompiledSpec } from '../model/spec.js';
import { CompileError } from './compile-spec.js';
import { compiledModelOf } from './model-cache.js';

export interface LoadedSpec {
    document: LangiumDocument<Spec>;
    /** Syntax, linking and validation diagnostics (and a compile error, if any). */
    diagnostics: Diagnostic[];
    /** The compiled model, when the spec has no error. */
    spec?: CompiledSpec;
}

let counter = 0;

export async function loadSpecText(services: MesaServices, text: string, uri?: string): Promise<LoadedSpec> {
    const shared = services.shared;
    const documentUri = URI.parse(uri ?? `memory:///spec-${++counter}.mesa`);
    if (shared.workspace.LangiumDocuments.hasDocument(documentUri)) {
        await shared.workspace.DocumentBuilder.update([], [documentUri]);
    }
    const document = shared.workspace.LangiumDocumentFactory.fromString<Spec>(text, documentUri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const diagnostics = [...(document.diagnostics ?? [])];
    const result: LoadedSpec = { document, diagnostics };
    if (!diagnostics.some(d => d.severity === 1)) {
        // The validator compiled it already (for the static analyses); reuse that model.
        const compiled = compiledModelOf(document);
        if (!(compiled instanceof CompileError)) {
            result.spec = compiled;
        }
    }
    return result;
}

/** Removes a document loaded with loadSpecText, so long-running processes don't accumulate them. */
export async function unloadSpec(services: MesaServices, loaded: LoadedSpec): Promise<void> {
    await services.shared.workspace.DocumentBuilder.update([], [loaded.document.uri]);
}
