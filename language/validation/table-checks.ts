/**
 * Checks on tables, grids and `show` (docs/language.md, Tables and grids): rows of one
 * length, a table or grid read only by indexing with one index per dimension, constant
 * indices in range, and `show` naming a grid and two nodes.
 */
import type { ValidationAcceptor } from 'langium';
import type { Environment, Grid, NameReference, Show, Table } from '../generated/ast.js';
import { isGrid, isNode, isShow, isTable } from '../generated/ast.js';
import { IssueCodes } from './codes.js';
import { constantValue } from './constant-value.js';

/** A grid's or a 2-D table's rows all have the length of the first; the error is on each row that differs. */
export function checkRowsHaveOneLength(table: Table | Grid, accept: ValidationAcceptor): void {
    if (isGrid(table)) {
        if (table.rows.length === 0) {
            accept('error', `Grid '${table.name}' has no rows: write each row as a string, e.g. \`grid ${table.name} { "#####" "#   #" }\`.`,
                { node: table, property: 'name', code: IssueCodes.RaggedGrid });
            return;
        }
        const width = table.rows[0]!.length;
        table.rows.forEach((row, i) => {
            if (row.length !== width) {
                accept('error', `Row ${i} of grid '${table.name}' has ${row.length} characters; row 0 has ${width}. Every row of a grid has the same length.`,
                    { node: table, property: 'rows', index: i, code: IssueCodes.RaggedGrid });
            }
        });
        return;
    }
    const width = table.rows[0]?.values.length;
    table.rows.forEach((row, i) => {
        if (row.values.length !== width) {
            accept('error', `Row ${i} of table '${table.name}' has ${row.values.length} numbers; row 0 has ${width}. Every row of a table has the same length.`,
                { node: row, code: IssueCodes.RaggedGrid });
        }
    });
}

/** The number of indices a table or grid takes. */
export function dimensionsOf(table: Table | Grid): number {
    return isGrid(table) || table.rows.length > 0 ? 2 : 1;
}

/** The size of each dimension, as declared. */
export function shapeOf(table: Table | Grid): number[] {
    if (isGrid(table)) return [table.rows.length, table.rows[0]?.length ?? 0];
    return table.rows.length > 0 ? [table.rows.length, table.rows[0]!.values.length] : [table.values.length];
}

/** A table or grid is read by indexing, with one index per dimension; anything else is not indexed. */
export function checkIndexing(ref: NameReference, accept: ValidationAcceptor): void {
    const target = ref.target.ref;
    const name = ref.target.$refText;
    if (!target) return;
    if (!isTable(target) && !isGrid(target)) {
        if (ref.indices.length > 0) {
            accept('error', `'${name}' is not a table or grid, so it cannot be indexed.`,
                { node: ref, property: 'target', code: IssueCodes.InvalidValue });
        }
        return;
    }
    const what = isGrid(target) ? 'grid' : 'table';
    const dims = dimensionsOf(target);
    if (ref.indices.length !== dims) {
        const form = dims === 2 ? (isGrid(target) ? `${name}[y][x]` : `${name}[row][column]`) : `${name}[i]`;
        accept('error', `${what[0]!.toUpperCase()}${what.slice(1)} '${name}' takes ${dims} ${dims === 1 ? 'index' : 'indices'}, not ${ref.indices.length}: write \`${form}\`.`,
            { node: ref, property: 'target', code: IssueCodes.InvalidValue });
        return;
    }
    const shape = shapeOf(target);
    ref.indices.forEach((index, d) => {
        const value = constantValue(index);
        if (value === undefined) return;
        if (!Number.isInteger(value) || value < 0 || value >= shape[d]!) {
            accept('error', `Index ${value} of ${what} '${name}' is out of range 0..${shape[d]! - 1}.`,
                { node: ref, property: 'indices', index: d, code: IssueCodes.IndexOutOfRange });
        }
    });
}

/** `show g at (x, y)`: g a grid, x and y nodes, one `show` per environment. */
export function checkShow(show: Show, accept: ValidationAcceptor): void {
    const grid = show.grid?.ref;
    if (grid && !isGrid(grid)) {
        accept('error', `'${show.grid.$refText}' is not a grid: \`show\` draws a grid declared with \`grid ${show.grid.$refText} { ... }\`.`,
            { node: show, property: 'grid', code: IssueCodes.InvalidValue });
    }
    for (const property of ['x', 'y'] as const) {
        const target = show[property]?.ref;
        if (target && !isNode(target)) {
            accept('error', `'${show[property].$refText}' is not a node: the agent's position is read from two nodes.`,
                { node: show, property, code: IssueCodes.InvalidValue });
        }
    }
    const env = show.$container as Environment;
    const shows = env.members.filter(isShow);
    if (shows.length > 1 && shows[0] !== show) {
        accept('error', `Environment '${env.name}' already shows a grid; an environment has one picture.`,
            { node: show, property: 'grid', code: IssueCodes.Duplicate });
    }
}
