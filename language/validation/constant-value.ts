/**
 * The value of an expression written with numbers alone (`0.5`, `1 - 0.3`, `'#'`), for
 * the checks that can decide a probability or an index before any environment is bound;
 * undefined when it reads a name or draws.
 */
import type { Expression } from '../generated/ast.js';
import { isBinaryExpression, isBooleanLiteral, isCharLiteral, isNumberLiteral, isUnaryExpression } from '../generated/ast.js';
import { charCode } from '../compile/expressions.js';
import { applyBinary } from '../model/operators.js';
import type { BinaryOperator } from '../model/spec.js';

export function constantValue(expr: Expression | undefined): number | undefined {
    if (!expr) return undefined;
    if (isNumberLiteral(expr)) return expr.value;
    if (isBooleanLiteral(expr)) return expr.value === 'true' ? 1 : 0;
    if (isCharLiteral(expr)) return charCode(expr.value);
    if (isUnaryExpression(expr)) {
        const v = constantValue(expr.operand);
        return v === undefined ? undefined : expr.operator === '-' ? -v : v === 0 ? 1 : 0;
    }
    if (isBinaryExpression(expr)) {
        const l = constantValue(expr.left), r = constantValue(expr.right);
        return l === undefined || r === undefined ? undefined : applyBinary(expr.operator as BinaryOperator, l, r);
    }
    return undefined;
}
