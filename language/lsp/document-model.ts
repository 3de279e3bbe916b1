/**
 * The compiled model behind the editor features (hover, inlay hints): a document is
 * compiled only when it has no error, and the result is memoised per parse, so every
 * request on an unchanged document shares one compilation.
 */
import type { LangiumDocument } from 'langium';
import type { Environment, Spec } from '../generated/ast.js';
import { isEnvironment } from '../generated/ast.js';
import { compileDocument } from '../compile/load.js';
import type { CompiledEnvironment, CompiledSpec } from '../model/types.js';

/** Per parse: the model (null: none), and whether validation had run when it was computed. */
const cache = new WeakMap<Spec, { validated: boolean; model: CompiledSpec | null }>();

/** True when the document parsed, linked and (if validated) validated without an error. */
export function isErrorFree(document: LangiumDocument): boolean {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length > 0 || parserErrors.length > 0) return false;
    if (document.references.some(ref => ref.error !== undefined)) return false;
    return !(document.diagnostics ?? []).some(d => d.severity === 1);
}

/** The compiled spec of an error-free document, else undefined. */
export function compiledModelOf(document: LangiumDocument): CompiledSpec | undefined {
    const root = document.parseResult.value as Spec;
    const validated = document.diagnostics !== undefined;
    const cached = cache.get(root);
    // A model computed before validation is recomputed once validation may have found errors.
    if (cached && (cached.validated || !validated)) return cached.model ?? undefined;
    let compiled: CompiledSpec | null = null;
    if (isErrorFree(document)) {
        try {
            const result = compileDocument(document as LangiumDocument<Spec>);
            compiled = result instanceof Error ? null : result;
        } catch {
            // A spec that validation would reject (validation may not have run yet): no model.
            compiled = null;
        }
    }
    cache.set(root, { validated, model: compiled });
    return compiled ?? undefined;
}

/**
 * The compiled environment that stands for a declared one: the concrete environment of
 * that name (its first parameter binding), preferring training environments.
 */
export function compiledEnvironmentOf(spec: CompiledSpec, env: Environment | string): CompiledEnvironment | undefined {
    const name = isEnvironment(env) ? env.name : env;
    const candidates = spec.environments.filter(e => e.name === name);
    return candidates.find(e => spec.train.includes(e.label)) ?? candidates[0];
}

/** The first training environment of a compiled spec. */
export function firstTrainingEnvironment(spec: CompiledSpec): CompiledEnvironment | undefined {
    const label = spec.train[0];
    return spec.environments.find(e => e.label === label);
}
