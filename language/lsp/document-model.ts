/**
 * The compiled model behind the editor features (hover, inlay hints): the model the
 * validator compiled for its static analyses (language/compile/model-cache.ts), offered
 * only while the document has no error, so every request shares one compilation.
 */
import type { LangiumDocument } from 'langium';
import type { Environment, Spec } from '../generated/ast.js';
import { isEnvironment } from '../generated/ast.js';
import { compiledModelOf as cachedCompilation } from '../compile/model-cache.js';
import type { CompiledEnvironment, CompiledSpec } from '../model/spec.js';

/** True when the document parsed, linked and (if validated) validated without an error. */
export function isErrorFree(document: LangiumDocument): boolean {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length > 0 || parserErrors.length > 0) return false;
    if (document.references.some(ref => ref.error !== undefined)) return false;
    return !(document.diagnostics ?? []).some(d => d.severity === 1);
}

/** The compiled spec of an error-free document, else undefined. */
export function compiledModelOf(document: LangiumDocument): CompiledSpec | undefined {
    if (!isErrorFree(document)) return undefined;
    try {
        const model = cachedCompilation(document as LangiumDocument<Spec>);
        return model instanceof Error ? undefined : model;
    } catch {
        // A spec that validation would reject (it may not have run yet): no model.
        return undefined;
    }
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
