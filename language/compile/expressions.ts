/**
 * Turns expression ASTs into the model's plain expression trees, with parameters bound
 * to the values of one concrete environment.
 */
import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { Expression } from '../generated/ast.js';
import { isBinaryExpression, isBooleanLiteral, isCall, isIfExpression, isNameReference, isNumberLiteral, isParameter, isUnaryExpression } from '../generated/ast.js';
import { applyBinary } from '../model/operators.js';
import type { BinaryOperator, CallFunction, Expr, SourceLocation } from '../model/spec.js';

export function locationOf(node: AstNode, property?: string): SourceLocation {
    return sourceLocation(node, property ? propertyNode(node, property) : node.$cstNode);
}

/**
 * The CST node of a property, kept per syntax node: a node keeps its CST nodes while it
 * is not reparsed (an incremental reparse moves them in place), and searching the CST
 * for every node's name was a tenth of compiling a 2,000-node environment.
 */
const propertyNodes = new WeakMap<AstNode, Map<string, CstNode | undefined>>();

function propertyNode(node: AstNode, property: string): CstNode | undefined {
    let found = propertyNodes.get(node);
    if (!found) {
        found = new Map();
        propertyNodes.set(node, found);
    }
    if (!found.has(property)) found.set(property, GrammarUtils.findNodeForProperty(node.$cstNode, property));
    return found.get(property);
}

/** Whether `location` is still where `locationOf(node, property)` would say (a node moves when lines above it are added or removed). */
export function stillLocated(location: SourceLocation, node: AstNode, property: string): boolean {
    const range = (propertyNode(node, property) ?? node.$cstNode)?.range;
    const { start, end } = location.range;
    return range !== undefined && range.start.line === start.line && range.start.character === start.character
        && range.end.line === end.line && range.end.character === end.character;
}

/** Where a declaration's keyword stands (`train`, `deploy`, `select`): the precise range for diagnostics on it. */
export function keywordLocationOf(node: AstNode, keyword: string): SourceLocation {
    return sourceLocation(node, GrammarUtils.findNodeForKeyword(node.$cstNode, keyword));
}

/** The plain location of a CST node of `node` (the whole node when there is none). */
function sourceLocation(node: AstNode, cst: CstNode | undefined): SourceLocation {
    const uri = AstUtils.getDocument(node).uri.toString();
    const range = (cst ?? node.$cstNode)?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { uri, range: { start: { ...range.start }, end: { ...range.end } } };
}

export function compileExpression(expr: Expression, params: Record<string, number>): Expr {
    if (isNumberLiteral(expr)) return { kind: 'const', value: expr.value };
    if (isBooleanLiteral(expr)) return { kind: 'const', value: expr.value === 'true' ? 1 : 0 };
    if (isNameReference(expr)) {
        const name = expr.target.$refText;
        if (isParameter(expr.target.ref) || (expr.target.ref === undefined && name in params)) {
            return { kind: 'const', value: params[name] ?? 0 };
        }
        return { kind: 'ref', name, delay: expr.delay ?? 0 };
    }
    if (isUnaryExpression(expr)) {
        return { kind: 'unary', op: expr.operator, operand: compileExpression(expr.operand, params) };
    }
    if (isBinaryExpression(expr)) {
        const compiled: Expr = {
            kind: 'binary', op: expr.operator as BinaryOperator,
            left: compileExpression(expr.left, params), right: compileExpression(expr.right, params),
        };
        if (expr.operator === '/') compiled.location = locationOf(expr);
        return compiled;
    }
    if (isIfExpression(expr)) {
        return {
            kind: 'if', condition: compileExpression(expr.condition, params),
            then: compileExpression(expr.then, params), else: compileExpression(expr.else, params),
        };
    }
    if (isCall(expr)) {
        if (expr.function === 'final' || expr.function === 'sum') {
            // Only legal at the top of an objective, where compileObjective strips it.
            return compileExpression(expr.args[0]!, params);
        }
        return { kind: 'call', fn: expr.function as CallFunction, args: expr.args.map(a => compileExpression(a, params)) };
    }
    throw new Error(`Unexpected expression ${(expr as AstNode).$type}`);
}

/** Evaluates a constant expression (an `init`): parameters bound, no reads. */
export function evaluateConstant(expr: Expr): number {
    switch (expr.kind) {
        case 'const': return expr.value;
        case 'ref': return 0;
        case 'unary': {
            const v = evaluateConstant(expr.operand);
            return expr.op === '-' ? -v : v === 0 ? 1 : 0;
        }
        case 'binary': return applyBinary(expr.op, evaluateConstant(expr.left), evaluateConstant(expr.right));
        case 'if': return evaluateConstant(expr.condition) !== 0 ? evaluateConstant(expr.then) : evaluateConstant(expr.else);
        case 'call': {
            const args = expr.args.map(evaluateConstant);
            switch (expr.fn) {
                case 'min': return Math.min(...args);
                case 'max': return Math.max(...args);
                case 'abs': return Math.abs(args[0]!);
                case 'clamp': return Math.min(Math.max(args[0]!, args[1]!), args[2]!);
            }
        }
    }
}

/** Number of expression AST nodes: the unit of description length. */
export function expressionSize(expr: Expression): number {
    return AstUtils.streamAst(expr).filter(n => isExpressionNode(n)).count();
}

function isExpressionNode(node: AstNode): boolean {
    return isNumberLiteral(node) || isBooleanLiteral(node) || isNameReference(node) || isUnaryExpression(node)
        || isBinaryExpression(node) || isIfExpression(node) || isCall(node);
}
