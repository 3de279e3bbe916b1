/**
 * Objectives may read an environment's parameters (docs/language.md, Objectives): they
 * are compiled once for the whole spec, with a parameter read left as a name, and each
 * environment that evaluates them reads its own value, a constant. This binds those
 * names to an environment's values, giving back the same objects when there is nothing
 * to bind, so that what is kept per expression stays kept.
 */
import type { CompiledObjective, Expr } from './spec.js';

/** `expr` with every read of a name in `params` replaced by that parameter's value. */
export function bindParameters(expr: Expr, params: Readonly<Record<string, number>>): Expr {
    switch (expr.kind) {
        case 'const': return expr;
        case 'ref': return Object.hasOwn(params, expr.name) ? { kind: 'const', value: params[expr.name]! } : expr;
        case 'unary': {
            const operand = bindParameters(expr.operand, params);
            return operand === expr.operand ? expr : { ...expr, operand };
        }
        case 'binary': {
            const left = bindParameters(expr.left, params), right = bindParameters(expr.right, params);
            return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
        }
        case 'if': {
            const condition = bindParameters(expr.condition, params), then = bindParameters(expr.then, params), otherwise = bindParameters(expr.else, params);
            return condition === expr.condition && then === expr.then && otherwise === expr.else ? expr : { ...expr, condition, then, else: otherwise };
        }
        case 'call': case 'index': {
            const parts = expr.kind === 'call' ? expr.args : expr.indices;
            const bound = parts.map(p => bindParameters(p, params));
            if (bound.every((b, i) => b === parts[i])) return expr;
            return expr.kind === 'call' ? { ...expr, args: bound } : { ...expr, indices: bound };
        }
        case 'draw': {
            const values = expr.options.map(o => bindParameters(o.value, params));
            return values.every((v, i) => v === expr.options[i]!.value) ? expr : { ...expr, options: expr.options.map((o, i) => ({ ...o, value: values[i]! })) };
        }
    }
}

/** Bound objectives, kept per objective and binding: an environment is compiled on every edit. */
const bound = new WeakMap<CompiledObjective, Map<string, CompiledObjective>>();

/** The objectives as an environment with these parameters evaluates them. */
export function objectivesIn(objectives: CompiledObjective[], params: Readonly<Record<string, number>>): CompiledObjective[] {
    if (Object.keys(params).length === 0) return objectives;
    const key = JSON.stringify(params);
    return objectives.map(o => {
        let byParams = bound.get(o);
        if (!byParams) bound.set(o, byParams = new Map());
        let b = byParams.get(key);
        if (!b) {
            const expression = bindParameters(o.expression, params);
            b = expression === o.expression ? o : { ...o, expression };
            byParams.set(key, b);
        }
        return b;
    });
}
