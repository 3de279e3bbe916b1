/**
 * What the editor says about tables, grids and chance (docs/editor.md, Features), as
 * pure functions of the syntax: a table's size and values, a grid's size and rows, the
 * number or character an index with constant indices reads, and what a chance call
 * draws (docs/language.md, Chance; Tables and grids). Completion's details and the
 * outline use the same sizes.
 */
import type { Call, Choose, Expression, Grid, NameReference, Table } from '../generated/ast.js';
import { isChoose, isEnvironment, isGrid, isNumberLiteral, isTable, isUnaryExpression } from '../generated/ast.js';
import { tableValue } from '../compile/expressions.js';

/** Rows and values a hover shows at most; the rest is counted. */
const MAX_ROWS = 24;
const MAX_WIDTH = 80;

/** Inline code that a backtick in a row or character literal can't close early. */
function code(text: string): string {
    if (!text.includes('`')) return `\`${text}\``;
    const fence = '`'.repeat(longestRun(text, '`') + 1);
    return `${fence} ${text} ${fence}`;
}

function longestRun(text: string, char: string): number {
    let longest = 0;
    for (const run of text.split(new RegExp(`[^${char}]+`))) longest = Math.max(longest, run.length);
    return longest;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 numbers`, `2 × 3` (rows × columns); a grid: `5 rows × 7 columns`. */
export function tableSize(table: Table | Grid): string {
    const { shape } = tableValue(table);
    if (isGrid(table)) return `${plural(shape[0]!, 'row')} × ${plural(shape[1]!, 'column')}`;
    return shape.length === 1 ? plural(shape[0]!, 'number') : `${shape[0]} × ${shape[1]}`;
}

/** `table reward: 3 numbers`, `grid maze: 5 rows × 7 columns`: completion's detail and the outline's. */
export function tableDetail(table: Table | Grid): string {
    return `${isGrid(table) ? 'grid' : 'table'} ${table.name}: ${tableSize(table)}`;
}

function where(table: Table | Grid): string {
    return isEnvironment(table.$container) ? ` in environment ${code(table.$container.name)}` : '';
}

/** At most MAX_ROWS lines of at most MAX_WIDTH characters, the rest counted. */
function clipped(lines: string[]): string[] {
    const shown = lines.slice(0, MAX_ROWS).map(l => l.length > MAX_WIDTH ? `${l.slice(0, MAX_WIDTH - 1)}…` : l);
    return lines.length > MAX_ROWS ? [...shown, `… ${plural(lines.length - MAX_ROWS, 'more row')}`] : shown;
}

/** A code block whose fence is longer than any run of backticks in it. */
function block(lines: string[]): string {
    const text = lines.join('\n');
    const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
    return `${fence}mesa\n${text}\n${fence}`;
}

export function tableHover(table: Table): string {
    const header = `**table** ${code(table.name)}${where(table)}: ${tableSize(table)}`;
    const rows = table.rows.length > 0
        ? [`const ${table.name} = [`, ...clipped(table.rows.map((r, i) => `  [${r.values.join(', ')}]${i < table.rows.length - 1 ? ',' : ''}`)), ']']
        : clipped([`const ${table.name} = [${table.values.join(', ')}]`]);
    const reading = table.rows.length > 0 ? `${code(`${table.name}[i][j]`)} reads row i, column j, from 0` : `${code(`${table.name}[i]`)} reads the number at i, from 0`;
    return [header, block(rows), reading].join('\n\n');
}

export function gridHover(grid: Grid): string {
    const header = `**grid** ${code(grid.name)}${where(grid)}: ${tableSize(grid)}`;
    const rows = [`grid ${grid.name} {`, ...clipped(grid.rows.map(r => `  "${r}"`)), '}'];
    const reading = `${code(`${grid.name}[y][x]`)} is the code of the character in row y, column x, from 0; compare it with a character: ${code(`${grid.name}[y][x] == '#'`)}`;
    return [header, block(rows), reading].join('\n\n');
}

/** The value of a constant expression (a number, possibly negated), else undefined. */
function constantOf(expr: Expression | undefined): number | undefined {
    if (isNumberLiteral(expr)) return expr.value;
    if (isUnaryExpression(expr) && expr.operator === '-') {
        const inner = constantOf(expr.operand);
        return inner === undefined ? undefined : -inner;
    }
    return undefined;
}

/** A character code as the editor shows it: `'#'` (code 35). */
export function showCharacter(value: number): string {
    return `${code(`'${String.fromCharCode(value)}'`)} (code ${value})`;
}

/**
 * What `maze[2][3]` reads, when every index is a constant: the character (a grid) or
 * number (a table) there, or which index is out of range. Undefined when an index
 * depends on the state or the indices do not match the table's dimensions.
 */
export function indexHover(ref: NameReference): string | undefined {
    const table = ref.target?.ref;
    if (!isTable(table) && !isGrid(table)) return undefined;
    const indices = ref.indices.map(constantOf);
    const { values, shape } = tableValue(table);
    if (indices.length !== shape.length || indices.some(i => i === undefined)) return undefined;
    const written = code(`${ref.target.$refText}${indices.map(i => `[${i}]`).join('')}`);
    let at = 0;
    for (const [d, i] of (indices as number[]).entries()) {
        const size = shape[d]!;
        if (!Number.isInteger(i) || i < 0 || i >= size) {
            const range = size === 0 ? 'there is none' : `it is 0..${size - 1}`;
            return `${written}: index ${i} is out of range (${range}), an error when the rule runs`;
        }
        at = at * size + i;
    }
    const value = values[at]!;
    return `${written} = ${isGrid(table) ? showCharacter(value) : code(String(value))}`;
}

/** The text of an argument: its number, else the source as written. */
function argument(expr: Expression | undefined): string {
    const value = constantOf(expr);
    if (value !== undefined) return String(value);
    return code((expr?.$cstNode?.text ?? '?').replace(/\s+/g, ' '));
}

const DRAWN = 'An independent draw each step the rule is evaluated; in an `init`, once per episode at t = 0. Not allowed in objectives.';

/** What a chance call draws: `bernoulli(0.5)`: 1 with probability 0.5, else 0. */
export function chanceHover(call: Call | Choose): string {
    const written = code((call.$cstNode?.text ?? '').replace(/\s+/g, ' '));
    let says: string;
    if (isChoose(call)) {
        says = call.options.map(o => `${argument(o.value)} with probability ${argument(o.probability)}`).join(', ');
    } else if (call.function === 'bernoulli') {
        says = `1 with probability ${argument(call.args[0])}, else 0`;
    } else {
        const [lo, hi] = [constantOf(call.args[0]), constantOf(call.args[1])];
        says = lo !== undefined && hi !== undefined && Number.isInteger(lo) && Number.isInteger(hi) && hi >= lo
            ? `an integer from ${lo} to ${hi}, each with probability 1/${hi - lo + 1}`
            : `an integer drawn uniformly from ${argument(call.args[0])} to ${argument(call.args[1])}`;
    }
    return `${written}: ${says}\n\n${DRAWN}`;
}
