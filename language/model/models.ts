/**
 * Which environment a model-mismatched optimizer plans in (docs/simulation.md, Optimizers):
 * its `model` environment bound, per environment it acts in, to that environment's values
 * of the parameters of the same name (docs/language.md, Training and deployment).
 */
import type { CompiledOptimizer } from './spec.js';

/** What an optimizer's model is: one label (none: null or absent), or one per acting environment. */
export interface ModelBinding {
    model?: string | null;
    models?: CompiledOptimizer['models'];
}

/** The label of the environment an optimizer plans in while acting in `acting`; null: `acting` itself. */
export function modelIn(o: ModelBinding, acting: string): string | null {
    if (!o.models) return o.model ?? null;
    const label = o.models[acting];
    if (label === undefined) throw new Error(`no model is bound for ${acting}`);
    return label;
}

/** Every label an optimizer plans in, once each, in the order of its acting environments. */
export function modelLabels(o: ModelBinding): string[] {
    if (o.models) return [...new Set(Object.values(o.models))];
    return o.model ? [o.model] : [];
}
