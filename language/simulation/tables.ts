/**
 * Reading tables and grids in the generated step (docs/simulation.md, Run-time errors):
 * each indexing is a numbered site holding its table, resolved for the environment; an
 * index that is not an integer in range is a SimulationError at the indexing, naming
 * the table, the index, the environment and the step, as a division by zero is.
 */
import type { Expr } from '../model/spec.js';
import { SimulationError } from './errors.js';

type Indexing = Extract<Expr, { kind: 'index' }>;

export class IndexSites {
    private readonly sites: Indexing[] = [];
    private readonly tables: Float64Array[] = [];
    /** Per site, its first and second dimensions (1 for a one-dimensional table's second). */
    private readonly rows: number[] = [];
    private readonly columns: number[] = [];
    private readonly numbers = new Map<Indexing, number>();
    /** Value i of site k's one-dimensional table, at step t (called by the generated step). */
    readonly index1: (k: number, t: number, i: number) => number;
    /** Value (i, j) of site k's two-dimensional table, at step t. */
    readonly index2: (k: number, t: number, i: number, j: number) => number;

    constructor(label: string) {
        const fail = (k: number, t: number, v: number, dimension: number, row: number): never => {
            const e = this.sites[k]!;
            const n = e.shape[dimension]!;
            const what = dimension === 0 ? e.table : `${e.table}[${row}]`;
            const range = n === 0 ? `no index: ${what} is empty` : `0..${n - 1}`;
            const wrong = Number.isInteger(v) || n === 0 ? 'out of range' : 'not an integer in';
            throw new SimulationError(
                `Index ${String(v)} of ${what} is ${wrong} ${range} in ${label} at step ${t}: an index must be an integer from 0 to ${n - 1} in every reachable state; keep it in range, e.g. with clamp(i, 0, ${Math.max(0, n - 1)}).`,
                e.location, 'index-out-of-range');
        };
        const tables = this.tables, rows = this.rows, columns = this.columns;
        // An integer in range: (i | 0) === i holds for the integers of int32, which every table's indices are.
        this.index1 = (k, t, i) => {
            if ((i | 0) === i && i >= 0 && i < rows[k]!) return tables[k]![i]!;
            return fail(k, t, i, 0, 0);
        };
        this.index2 = (k, t, i, j) => {
            const c = columns[k]!;
            if ((i | 0) === i && i >= 0 && i < rows[k]! && (j | 0) === j && j >= 0 && j < c) return tables[k]![i * c + j]!;
            return (i | 0) === i && i >= 0 && i < rows[k]! ? fail(k, t, j, 1, i) : fail(k, t, i, 0, 0);
        };
    }

    /** The site of an indexing: the same expression, the same site. */
    site(e: Indexing): number {
        let k = this.numbers.get(e);
        if (k === undefined) {
            k = this.sites.length;
            this.sites.push(e);
            this.tables.push(Float64Array.from(e.values));
            this.rows.push(e.shape[0] ?? 0);
            this.columns.push(e.shape[1] ?? 1);
            this.numbers.set(e, k);
        }
        return k;
    }
}
