/**
 * The compiled model of a document, computed once per parse: validation, hover, inlay
 * hints and the analysis scheduler all read it from here. A document with errors has
 * no model.
 */
import type { LangiumDocument, ParseResult } from 'langium';
import type { Spec } from '../generated/ast.js';
import type { CompiledSpec } from '../model/types.js';
import type { CompileError } from './compile-spec.js';
import { compileDocument } from './load.js';

/** Keyed by the parse result: an incremental reparse keeps the root node but makes a new result. */
const cache = new WeakMap<ParseResult<Spec>, CompiledSpec | CompileError>();

/** Compiles (or returns the cached model of) a document known to have no errors. */
export function compiledModelOf(document: LangiumDocument<Spec>): CompiledSpec | CompileError {
    const parse = document.parseResult;
    let model = cache.get(parse);
    if (!model) {
        model = compileDocument(document);
        cache.set(parse, model);
    }
    return model;
}

/** The cached model, if the document compiled without error. */
export function cachedModelOf(document: LangiumDocument<Spec>): CompiledSpec | undefined {
    const model = cache.get(document.parseResult);
    return model && !(model instanceof Error) ? model : undefined;
}
