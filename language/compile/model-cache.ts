/**
 * The compiled model of a document, computed once per parse: validation, hover, inlay
 * hints and the analysis scheduler all read it from here. A document with errors has
 * no model. Nothing here reaches back to load.ts: the CLI's pipeline builds on this file,
 * not the other way round.
 */
import type { LangiumDocument, ParseResult } from 'langium';
import type { Spec } from '../generated/ast.js';
import type { CompiledSpec } from '../model/spec.js';
import { CompileError, compileSpec } from './compile-spec.js';

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

/** Compiles a document's AST afresh; a spec the compiler refuses gives its CompileError. */
export function compileDocument(document: LangiumDocument<Spec>): CompiledSpec | CompileError {
    try {
        return compileSpec(document.parseResult.value, document.uri.toString());
    } catch (error) {
        if (error instanceof CompileError) return error;
        throw error;
    }
}
