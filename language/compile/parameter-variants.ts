/**
 * The other values of a training environment's parameters (docs/analyses.md,
 * Distinguishing environments): for each parameter of each training environment, the
 * environment at values of the parameter's declared range that lie outside the values
 * trained with the same other parameters and that no `train`, `deploy` or `model` use
 * compiles. The compiler hands them to the simulation core, whose distinguishing search
 * explores one only when its parameter stage still has objectives to rule out.
 *
 * Bounded: per parameter (and values of the other parameters), the 16 values nearest the
 * trained ones (on ties the lower first), and 64 environments per spec in all. A value at
 * which the environment does not compile (a draw whose bounds the parameter sets, say) is
 * left out: it is not the spec's error, since no use names that value.
 */
import type { Environment } from '../generated/ast.js';
import type { CompiledEnvironment } from '../model/spec.js';
import { flattenEnvironment } from './environments.js';
import { CompileError } from './expressions.js';

/** Values tried per parameter and group of training environments, nearest first. */
export const MAX_VALUES_PER_PARAMETER = 16;
/** Environments handed over per spec. */
export const MAX_PARAMETER_VARIANTS = 64;

/** A training environment: its declaration and the values it binds, in the declared parameters' order. */
export interface TrainedBinding {
    env: Environment;
    params: Record<string, number>;
}

/** Integers of [low, high] outside [from, to], nearest to it first (the lower on ties), at most `max`. */
export function nearestOutside(low: number, high: number, from: number, to: number, max: number): number[] {
    const out: number[] = [];
    let below = Math.min(from - 1, Math.floor(high)), above = Math.max(to + 1, Math.ceil(low));
    const lowest = Math.ceil(low), highest = Math.floor(high);
    while (out.length < max) {
        const canBelow = below >= lowest, canAbove = above <= highest;
        if (!canBelow && !canAbove) break;
        if (canBelow && (!canAbove || from - below <= above - to)) out.push(below--);
        else out.push(above++);
    }
    return out;
}

/**
 * The environments at the other values, in training order, then parameter order, then
 * nearest first. `compiled` holds the labels the spec compiles already; `compile` builds
 * one environment (it may throw a CompileError, and the value is then left out).
 */
export function parameterVariants(
    trained: readonly TrainedBinding[],
    compiled: ReadonlySet<string>,
    label: (name: string, params: Record<string, number>) => string,
    compile: (env: Environment, params: Record<string, number>, label: string) => CompiledEnvironment,
): CompiledEnvironment[] {
    const out: CompiledEnvironment[] = [];
    const taken = new Set(compiled);
    const groups = new Set<string>();
    for (const t of trained) {
        for (const parameter of flattenEnvironment(t.env).parameters) {
            const p = parameter.name;
            if (!(p in t.params)) continue;
            const rest = (params: Record<string, number>): string => JSON.stringify(Object.entries(params).filter(([k]) => k !== p));
            const key = `${t.env.name}\u0000${p}\u0000${rest(t.params)}`;
            if (groups.has(key)) continue;
            groups.add(key);
            const values = trained.filter(u => u.env.name === t.env.name && rest(u.params) === rest(t.params)).map(u => u.params[p]!);
            const from = Math.min(...values), to = Math.max(...values);
            for (const value of nearestOutside(parameter.low, parameter.high, from, to, MAX_VALUES_PER_PARAMETER)) {
                // The same key order as the training environment's, so the label reads the same way.
                const params = Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, k === p ? value : v]));
                const name = label(t.env.name, params);
                if (taken.has(name)) continue;
                taken.add(name);
                try {
                    out.push(compile(t.env, params, name));
                } catch (e) {
                    if (!(e instanceof CompileError)) throw e;
                    continue;
                }
                if (out.length >= MAX_PARAMETER_VARIANTS) return out;
            }
        }
    }
    return out;
}
