/**
 * The compiled model of a document, computed once per parse: validation, hover, inlay
 * hints and the analysis scheduler all read it from here. A document with errors has
 * no model.
 */
import type { LangiumDocument } from 'langium';
import type { Spec } from '../generated/ast.js';
import type { CompiledSpec } from '../model/types.js';
import type { CompileError } from './compile-spec.js';
import { compileDocument } from './load.js';

const cache = new WeakMap<Spec, CompiledSpec | CompileError>();

/** Compiles (or returns the cached model of) a document known to have no errors. */
export function compiledModelOf(document: LangiumDocument<Spec>): CompiledSpec | CompileError {
    const root = document.parseResult.value;
    let model = cache.get(root);
    if (!model) {
        model = compileDocument(document);
        cache.set(root, model);
    }
    return model;
}

/** The cached model, if the document compiled without error. */
export function cachedModelOf(document: LangiumDocument<Spec>): CompiledSpec | undefined {
    const model = cache.get(document.parseResult.value);
    return model && !(model instanceof Error) ? model : undefined;
}
