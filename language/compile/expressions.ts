/**
 * Turns expression ASTs into the model's plain expression trees, with parameters bound
 * to the values of one concrete environment and tables resolved as that environment
 * sees them; chance calls become draws (docs/language.md, Chance).
 */
import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { ChooseOption, Expression, Grid, Table } from '../generated/ast.js';
import { isBinaryExpression, isBooleanLiteral, isCall, isCharLiteral, isChoose, isGrid, isIfExpression, isNameReference, isNumberLiteral, isParameter, isUnaryExpression } from '../generated/ast.js';
import { applyBinary } from '../model/operators.js';
import type { BinaryOperator, CallFunction, DrawOption, Expr, InitOutcome, SourceLocation } from '../model/spec.js';

/** A problem found while compiling that validation cannot see (e.g. an init dividing by zero). */
export class CompileError extends Error {
    constructor(message: string, readonly location: SourceLocation) {
        super(message);
    }
}

/** A table's numbers, row-major, with its shape: [n], or [rows, columns]. */
export interface TableValue {
    values: number[];
    shape: number[];
}

/** The table or grid a name stands for where an expression is compiled. */
export type TableResolver = (name: string) => Table | Grid | undefined;

/** Most outcomes one draw or one drawing init may have (`uniform(0, 999)` has 1,000). */
export const MAX_OUTCOMES = 1000;

/** Probabilities summing to 1 within this are a distribution (docs/language.md, Chance). */
const SUM_TOLERANCE = 1e-9;

/** The numbers of a table or a grid (a grid's are its characters' codes). */
export function tableValue(table: Table | Grid): TableValue {
    if (isGrid(table)) {
        const columns = Math.max(0, ...table.rows.map(r => r.length));
        const values: number[] = [];
        for (const row of table.rows) for (let x = 0; x < columns; x++) values.push(x < row.length ? row.charCodeAt(x) : 32);
        return { values, shape: [table.rows.length, columns] };
    }
    if (table.rows.length > 0) {
        const columns = Math.max(0, ...table.rows.map(r => r.values.length));
        const values: number[] = [];
        for (const row of table.rows) for (let x = 0; x < columns; x++) values.push(row.values[x] ?? 0);
        return { values, shape: [table.rows.length, columns] };
    }
    return { values: [...table.values], shape: [table.values.length] };
}

/** The code of a character literal `'#'`. */
export function charCode(text: string): number {
    return text.length >= 3 ? text.charCodeAt(1) : 0;
}

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

const noTables: TableResolver = () => undefined;

export function compileExpression(expr: Expression, params: Record<string, number>, tables: TableResolver = noTables): Expr {
    const rec = (e: Expression): Expr => compileExpression(e, params, tables);
    if (isNumberLiteral(expr)) return { kind: 'const', value: expr.value };
    if (isBooleanLiteral(expr)) return { kind: 'const', value: expr.value === 'true' ? 1 : 0 };
    if (isCharLiteral(expr)) return { kind: 'const', value: charCode(expr.value) };
    if (isNameReference(expr)) {
        const name = expr.target.$refText;
        if (expr.indices.length > 0) {
            const table = tables(name);
            if (!table) throw new CompileError(`'${name}' is not a table or grid here.`, locationOf(expr));
            return { kind: 'index', table: name, ...tableValue(table), indices: expr.indices.map(rec), location: locationOf(expr) };
        }
        // A parameter bound here is a constant; one not bound (an objective's, compiled once
        // for every environment) stays a name each environment binds (model/bind-parameters.ts).
        if (Object.hasOwn(params, name) && (isParameter(expr.target.ref) || expr.target.ref === undefined)) {
            return { kind: 'const', value: params[name]! };
        }
        return { kind: 'ref', name, delay: expr.delay ?? 0 };
    }
    if (isUnaryExpression(expr)) {
        return { kind: 'unary', op: expr.operator, operand: rec(expr.operand) };
    }
    if (isBinaryExpression(expr)) {
        const compiled: Expr = { kind: 'binary', op: expr.operator as BinaryOperator, left: rec(expr.left), right: rec(expr.right) };
        if (expr.operator === '/') compiled.location = locationOf(expr);
        return compiled;
    }
    if (isIfExpression(expr)) {
        return { kind: 'if', condition: rec(expr.condition), then: rec(expr.then), else: rec(expr.else) };
    }
    if (isChoose(expr)) {
        return draw(expr, expr.options.map(o => ({ p: probability(o.probability, rec, expr), value: rec(o.value) })));
    }
    if (isCall(expr)) {
        if (expr.function === 'final' || expr.function === 'sum') {
            // Only legal at the top of an objective, where compileObjective strips it.
            return rec(expr.args[0]!);
        }
        if (expr.function === 'bernoulli') {
            const p = probability(expr.args[0]!, rec, expr);
            return draw(expr, [{ p: 1 - p, value: { kind: 'const', value: 0 } }, { p, value: { kind: 'const', value: 1 } }]);
        }
        if (expr.function === 'uniform') {
            const [lo, hi] = expr.args.map(a => evaluateConstant(rec(a)));
            if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo! > hi!) {
                throw new CompileError(`uniform(${lo}, ${hi}) needs whole numbers lo ≤ hi.`, locationOf(expr));
            }
            const count = hi! - lo! + 1;
            if (count > MAX_OUTCOMES) {
                throw new CompileError(`uniform(${lo}, ${hi}) has ${count} outcomes; Mesa enumerates at most ${MAX_OUTCOMES} per draw.`, locationOf(expr));
            }
            return draw(expr, Array.from({ length: count }, (_, i) => ({ p: 1 / count, value: { kind: 'const', value: lo! + i } })));
        }
        return { kind: 'call', fn: expr.function as CallFunction, args: expr.args.map(rec) };
    }
    throw new Error(`Unexpected expression ${(expr as AstNode).$type}`);
}

/** A probability argument: a constant in [0, 1] once parameters are bound. */
function probability(arg: Expression | ChooseOption['probability'], rec: (e: Expression) => Expr, call: Expression): number {
    const p = evaluateConstant(rec(arg));
    if (!(p >= 0 && p <= 1)) {
        throw new CompileError(`Probability ${p} is not in [0, 1]${call.$cstNode ? ` in ${call.$cstNode.text.slice(0, 60)}` : ''}.`, locationOf(arg));
    }
    return p;
}

/** A draw with its impossible outcomes dropped, or an error when the probabilities do not sum to 1. */
function draw(call: Expression, options: DrawOption[]): Expr {
    const sum = options.reduce((s, o) => s + o.p, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new CompileError(`The probabilities of this draw sum to ${sum}, not 1.`, locationOf(call));
    }
    return { kind: 'draw', options: options.filter(o => o.p > 0), location: locationOf(call) };
}

/**
 * Evaluates a constant expression (an `init`, a probability): parameters bound, no reads.
 * A draw gives its most probable outcome; `outcomesOf` gives them all.
 */
export function evaluateConstant(expr: Expr): number {
    switch (expr.kind) {
        case 'draw': return evaluateConstant(mostProbable(expr.options).value);
        case 'index': return lookUp(expr, expr.indices.map(evaluateConstant));
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

function mostProbable<T extends { p: number }>(options: T[]): T {
    return options.reduce((best, o) => (o.p > best.p ? o : best), options[0]!);
}

/** The entry of a table at some indices, or a located error when one is not a whole number in range. */
export function lookUp(expr: Extract<Expr, { kind: 'index' }>, at: number[]): number {
    let offset = 0;
    for (let d = 0; d < expr.shape.length; d++) {
        const i = at[d] ?? 0, size = expr.shape[d]!;
        if (!Number.isInteger(i) || i < 0 || i >= size) {
            throw new CompileError(`Index ${i} of ${expr.table} is out of range 0..${size - 1}.`, expr.location ?? UNLOCATED);
        }
        offset = offset * size + i;
    }
    return expr.values[offset]!;
}

const UNLOCATED: SourceLocation = { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/**
 * Every value a constant expression with draws can take, with its probability (each draw
 * independent, as each occurrence is drawn once), merged by value in first-seen order;
 * a located error past MAX_OUTCOMES values.
 */
export function outcomesOf(expr: Expr, where: SourceLocation): InitOutcome[] {
    const dist = (e: Expr): Map<number, number> => {
        switch (e.kind) {
            case 'draw': {
                const out = new Map<number, number>();
                for (const o of e.options) for (const [v, p] of dist(o.value)) add(out, v, o.p * p);
                return out;
            }
            case 'if': {
                const out = new Map<number, number>();
                for (const [c, p] of dist(e.condition)) for (const [v, q] of dist(c !== 0 ? e.then : e.else)) add(out, v, p * q);
                return out;
            }
            case 'const': case 'ref': return new Map([[evaluateConstant(e), 1]]);
            case 'unary': return combine([e.operand], ([v]) => evaluateConstant({ ...e, operand: { kind: 'const', value: v! } }));
            case 'binary': return combine([e.left, e.right], ([l, r]) => applyBinary(e.op, l!, r!));
            case 'call': return combine(e.args, args => evaluateConstant({ ...e, args: args.map(value => ({ kind: 'const', value })) }));
            case 'index': return combine(e.indices, at => lookUp(e, at));
        }
    };
    const add = (m: Map<number, number>, v: number, p: number): void => {
        m.set(v + 0, (m.get(v + 0) ?? 0) + p);
        if (m.size > MAX_OUTCOMES) throw new CompileError(`This init takes more than ${MAX_OUTCOMES} values; Mesa enumerates at most ${MAX_OUTCOMES}.`, where);
    };
    const combine = (parts: Expr[], f: (values: number[]) => number): Map<number, number> => {
        let partial: [number[], number][] = [[[], 1]];
        for (const part of parts) {
            const next: [number[], number][] = [];
            for (const [values, p] of partial) for (const [v, q] of dist(part)) next.push([[...values, v], p * q]);
            if (next.length > MAX_OUTCOMES * MAX_OUTCOMES) throw new CompileError(`This init takes too many values to enumerate.`, where);
            partial = next;
        }
        const out = new Map<number, number>();
        for (const [values, p] of partial) add(out, f(values), p);
        return out;
    };
    return [...dist(expr)].filter(([, p]) => p > 0).map(([value, p]) => ({ value, p }));
}

/** Whether an expression draws anywhere. */
export function draws(expr: Expr): boolean {
    switch (expr.kind) {
        case 'draw': return true;
        case 'const': case 'ref': return false;
        case 'unary': return draws(expr.operand);
        case 'binary': return draws(expr.left) || draws(expr.right);
        case 'if': return draws(expr.condition) || draws(expr.then) || draws(expr.else);
        case 'call': return expr.args.some(draws);
        case 'index': return expr.indices.some(draws);
    }
}

/** Whether a compiled expression holds a source location (a division, a draw, a table read), so it cannot be kept across edits. */
export function holdsLocation(expr: Expr): boolean {
    switch (expr.kind) {
        case 'draw': case 'index': return true;
        case 'const': case 'ref': return false;
        case 'unary': return holdsLocation(expr.operand);
        case 'binary': return expr.op === '/' || holdsLocation(expr.left) || holdsLocation(expr.right);
        case 'if': return holdsLocation(expr.condition) || holdsLocation(expr.then) || holdsLocation(expr.else);
        case 'call': return expr.args.some(holdsLocation);
    }
}

/** Number of expression AST nodes: the unit of description length. */
export function expressionSize(expr: Expression): number {
    return AstUtils.streamAst(expr).filter(n => isExpressionNode(n)).count();
}

function isExpressionNode(node: AstNode): boolean {
    return isNumberLiteral(node) || isBooleanLiteral(node) || isCharLiteral(node) || isNameReference(node) || isUnaryExpression(node)
        || isBinaryExpression(node) || isIfExpression(node) || isCall(node) || isChoose(node);
}
