/**
 * A tiny parser of Mesa expressions (precedence of docs/language.md, Expressions) into the compiled
 * model's `Expr`, for building test fixtures by hand without the Langium compiler.
 * Names are taken as refs (or, followed by `[`, as indexings of `tables`); parameters
 * must already be replaced by numbers. Chance calls compile as docs/language.md says:
 * `bernoulli(p)` to the options 0 (1 − p) and 1 (p), `uniform(lo, hi)` to hi − lo + 1
 * equally likely integers, `choose(p: e, ...)` to its options, outcomes of probability 0
 * dropped; `'c'` is the character's code.
 */
import type { DrawOption, Expr, SourceLocation } from '../../language/model/spec.js';

const TOKEN = /\s*(\d+(?:\.\d+)?(?:e-?\d+)?|[A-Za-z_][A-Za-z0-9_]*|'[^']'|==|!=|<=|>=|[-+*/()<>,@:[\]])/y;

/** A table as written: a list of numbers, or a list of rows. */
export type TableValue = number[] | number[][];

const line = (n: number): SourceLocation => ({ uri: 'test:///fixture', range: { start: { line: n, character: 0 }, end: { line: n, character: 1 } } });

/** The constant value of a parsed expression (for probabilities and bounds). */
function constant(e: Expr, source: string): number {
    if (e.kind === 'const') return e.value;
    if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'const') return -e.operand.value;
    throw new Error(`expected a number in ${source}`);
}

export function parseExpr(source: string, tables: Record<string, TableValue> = {}): { expr: Expr; aggregate: 'sum' | 'final'; size: number } {
    const tokens: string[] = [];
    let pos = 0;
    for (;;) {
        TOKEN.lastIndex = pos;
        const m = TOKEN.exec(source);
        if (!m) break;
        tokens.push(m[1]!);
        pos = TOKEN.lastIndex;
    }
    if (source.slice(pos).trim() !== '') throw new Error(`cannot tokenise ${source}`);
    let i = 0;
    let divisions = 0, draws = 0, indexings = 0;
    const peek = (): string | undefined => tokens[i];
    const take = (t?: string): string => {
        const x = tokens[i++];
        if (x === undefined || (t !== undefined && x !== t)) throw new Error(`expected ${t ?? 'token'} in ${source}`);
        return x;
    };
    const expr = (): Expr => {
        if (peek() === 'if') {
            take('if'); const condition = expr(); take('then'); const then = expr(); take('else');
            return { kind: 'if', condition, then, else: expr() };
        }
        return or();
    };
    const or = (): Expr => { let l = and(); while (peek() === 'or') { take(); l = { kind: 'binary', op: 'or', left: l, right: and() }; } return l; };
    const and = (): Expr => { let l = not(); while (peek() === 'and') { take(); l = { kind: 'binary', op: 'and', left: l, right: not() }; } return l; };
    const not = (): Expr => peek() === 'not' ? (take(), { kind: 'unary', op: 'not', operand: not() }) : cmp();
    const cmp = (): Expr => {
        const l = add();
        const op = peek();
        if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') { take(); return { kind: 'binary', op, left: l, right: add() }; }
        return l;
    };
    const add = (): Expr => {
        let l = mul();
        for (let op = peek(); op === '+' || op === '-'; op = peek()) { take(); l = { kind: 'binary', op, left: l, right: mul() }; }
        return l;
    };
    const mul = (): Expr => {
        let l = unary();
        for (let op = peek(); op === '*' || op === '/'; op = peek()) {
            take();
            const e: Expr = { kind: 'binary', op, left: l, right: unary() };
            if (op === '/') e.location = { uri: 'test:///fixture', range: { start: { line: divisions, character: 0 }, end: { line: divisions, character: 1 } } };
            if (op === '/') divisions++;
            l = e;
        }
        return l;
    };
    const unary = (): Expr => peek() === '-' ? (take(), { kind: 'unary', op: '-', operand: unary() }) : postfix();
    const postfix = (): Expr => {
        const a = atom();
        if (peek() === '@') {
            take();
            if (a.kind !== 'ref') throw new Error('delay on a non-name');
            return { kind: 'ref', name: a.name, delay: Number(take()) };
        }
        return a;
    };
    const drawOf = (options: DrawOption[]): Expr => ({ kind: 'draw', options: options.filter(o => o.p > 0), location: line(400 + draws++) });
    const atom = (): Expr => {
        const t = take();
        if (t === '(') { const e = expr(); take(')'); return e; }
        if (/^\d/.test(t)) return { kind: 'const', value: Number(t) };
        if (t.startsWith("'")) return { kind: 'const', value: t.charCodeAt(1) };
        if (peek() === '(' && (t === 'bernoulli' || t === 'uniform')) {
            take('(');
            const a = constant(expr(), source);
            if (t === 'bernoulli') { take(')'); return drawOf([{ p: 1 - a, value: { kind: 'const', value: 0 } }, { p: a, value: { kind: 'const', value: 1 } }]); }
            take(',');
            const b = constant(expr(), source);
            take(')');
            return drawOf(Array.from({ length: b - a + 1 }, (_, k) => ({ p: 1 / (b - a + 1), value: { kind: 'const', value: a + k } })));
        }
        if (peek() === '(' && t === 'choose') {
            take('(');
            const options: DrawOption[] = [];
            for (;;) {
                const p = constant(expr(), source);
                take(':');
                options.push({ p, value: expr() });
                if (peek() !== ',') break;
                take(',');
            }
            take(')');
            return drawOf(options);
        }
        if (peek() === '[') {
            const table = tables[t];
            if (!table) throw new Error(`unknown table ${t} in ${source}`);
            const indices: Expr[] = [];
            while (peek() === '[') { take('['); indices.push(expr()); take(']'); }
            const rows = table.every(r => Array.isArray(r)) && table.length > 0;
            const values = rows ? (table as number[][]).flat() : table as number[];
            const shape = rows ? [table.length, (table[0] as number[]).length] : [table.length];
            return { kind: 'index', table: t, values, shape, indices, location: line(500 + indexings++) };
        }
        if (t === 'true') return { kind: 'const', value: 1 };
        if (t === 'false') return { kind: 'const', value: 0 };
        if (peek() === '(' && (t === 'min' || t === 'max' || t === 'abs' || t === 'clamp')) {
            take('(');
            const args = [expr()];
            while (peek() === ',') { take(); args.push(expr()); }
            take(')');
            return { kind: 'call', fn: t, args };
        }
        return { kind: 'ref', name: t, delay: 0 };
    };
    let aggregate: 'sum' | 'final' = 'sum';
    let wrapped = false;
    if ((tokens[0] === 'final' || tokens[0] === 'sum') && tokens[1] === '(') {
        aggregate = tokens[0] === 'final' ? 'final' : 'sum';
        wrapped = true;
        i = 2;
    }
    const e = expr();
    if (wrapped) take(')');
    if (i !== tokens.length) throw new Error(`trailing tokens in ${source}`);
    return { expr: e, aggregate, size: countNodes(e) + (wrapped ? 1 : 0) };
}

export function countNodes(e: Expr): number {
    switch (e.kind) {
        case 'const': case 'ref': return 1;
        case 'unary': return 1 + countNodes(e.operand);
        case 'binary': return 1 + countNodes(e.left) + countNodes(e.right);
        case 'if': return 1 + countNodes(e.condition) + countNodes(e.then) + countNodes(e.else);
        case 'call': return 1 + e.args.reduce((a, x) => a + countNodes(x), 0);
        case 'draw': return 1 + e.options.reduce((a, o) => a + countNodes(o.value), 0);
        case 'index': return 1 + e.indices.reduce((a, x) => a + countNodes(x), 0);
    }
}
