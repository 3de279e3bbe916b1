/**
 * The map of an environment that shows a grid (`show maze at (x, y)`, docs/language.md,
 * Tables and grids), drawn the way gridworld papers draw theirs: one square per cell,
 * walls (`#`) filled, any other character written in its cell, the agent's start
 * ringed, each policy's paths from the trajectory sample as polylines through the cell
 * centres (one colour per policy), and each witness position marked. Characters are
 * drawn over the paths with a halo, so a path through A or G hides neither.
 *
 * Everything is laid out here from the rows, as inline SVG: the polylines' points are
 * the exact cell centres, and the paths of different policies are shifted apart by a
 * `translate` on their group so that paths over the same cells stay visible side by
 * side. Every string from the report (rows, names) is escaped.
 */
import type { EnvironmentReport, GridReport, Report } from '../../simulation/report.js';
import { esc } from './escape.js';

/** One colour per policy, in the order the report lists them; distinct in light and dark themes. */
export const PATH_COLORS = ['#1c7ed6', '#e8590c', '#2f9e44', '#c2255c', '#7048e8', '#f08c00', '#0c8599', '#5c940d'] as const;
/** The witness marker of an optimizer that has no path of its own. */
const WITNESS_COLOR = '#e03131';

/** The map's width is kept near this, so that it fits the report beside its caption. */
const TARGET_WIDTH = 640;
const MAX_CELL = 32;
const MIN_CELL = 6;
/** Below this cell size the characters are not written. */
const MIN_GLYPH_CELL = 10;
/** Polylines drawn per policy at most; the legend counts the rest. */
export const MAX_PATHS = 50;

export interface GridLayout {
    columns: number;
    rows: number;
    /** The side of a cell, in px. */
    cell: number;
    width: number;
    height: number;
}

/** The cell size and the map's size: the widest row sets the columns. */
export function gridLayout(rows: readonly string[]): GridLayout {
    const columns = Math.max(1, ...rows.map(r => r.length));
    const count = Math.max(1, rows.length);
    const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(TARGET_WIDTH / columns)));
    return { columns, rows: count, cell, width: columns * cell, height: count * cell };
}

/** The centre of cell (x, y), column x of row y. */
export function cellCentre(layout: GridLayout, [x, y]: readonly [number, number]): [number, number] {
    return [(x + 0.5) * layout.cell, (y + 0.5) * layout.cell];
}

/**
 * How far the paths of policy `k` of `n` are shifted (the same along x and y): spread
 * evenly over at most half a cell, so each stays inside the cells it crosses.
 */
export function pathOffset(layout: GridLayout, k: number, n: number): number {
    if (n <= 1) return 0;
    const step = Math.min(layout.cell / 8, (layout.cell / 2) / (n - 1));
    return round((k - (n - 1) / 2) * step);
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

function points(layout: GridLayout, positions: readonly (readonly [number, number])[]): string {
    return positions.map(p => cellCentre(layout, p).map(round).join(',')).join(' ');
}

/** What a policy is called in the legend: `optimal` is the base objective's. */
function policyName(policy: string, base: string): string {
    return policy === 'optimal' ? `optimal for ${base}` : policy;
}

/** The squares, and the characters other than walls and spaces (drawn over the paths, haloed, so both stay legible). */
function cells(grid: GridReport, layout: GridLayout): { squares: string; glyphs: string } {
    const { cell } = layout;
    const parts: string[] = [];
    const glyphs: string[] = [];
    for (let y = 0; y < layout.rows; y++) {
        const row = grid.rows[y] ?? '';
        for (let x = 0; x < layout.columns; x++) {
            const char = x < row.length ? row.charAt(x) : ' ';
            const wall = char === '#';
            parts.push(`<rect class="cell ${wall ? 'wall' : 'floor'}" x="${x * cell}" y="${y * cell}" width="${cell}" height="${cell}"/>`);
            if (!wall && char.trim() !== '' && cell >= MIN_GLYPH_CELL) {
                const [cx, cy] = cellCentre(layout, [x, y]);
                glyphs.push(`<text class="glyph" x="${round(cx)}" y="${round(cy)}" font-size="${round(cell * 0.6)}" text-anchor="middle" dominant-baseline="central">${esc(char)}</text>`);
            }
        }
    }
    return { squares: `<g class="cells">${parts.join('')}</g>`, glyphs: `<g class="glyphs">${glyphs.join('')}</g>` };
}

/** The distinct cells where some sampled path starts. */
function starts(grid: GridReport, layout: GridLayout): string {
    const seen = new Map<string, [number, number]>();
    for (const { positions } of grid.paths) {
        for (const path of positions) {
            const first = path[0];
            if (first) seen.set(`${first[0]},${first[1]}`, first);
        }
    }
    const r = round(layout.cell * 0.42);
    return `<g class="starts">${[...seen.values()].map(p => {
        const [cx, cy] = cellCentre(layout, p).map(round);
        return `<circle class="start" cx="${cx}" cy="${cy}" r="${r}"><title>start (${esc(p[0])}, ${esc(p[1])})</title></circle>`;
    }).join('')}</g>`;
}

function paths(grid: GridReport, layout: GridLayout, base: string): string {
    const width = round(Math.max(1.5, layout.cell / 9));
    const dot = round(Math.max(1.5, layout.cell / 9));
    return `<g class="paths" fill="none" stroke-linecap="round" stroke-linejoin="round">${grid.paths.map((p, k) => {
        const color = PATH_COLORS[k % PATH_COLORS.length]!;
        const d = pathOffset(layout, k, grid.paths.length);
        const lines = p.positions.slice(0, MAX_PATHS).map(path => {
            const last = path[path.length - 1];
            const end = last ? cellCentre(layout, last).map(round) : undefined;
            return `<polyline points="${points(layout, path)}" stroke-width="${width}"/>`
                + (end ? `<circle class="end" cx="${end[0]}" cy="${end[1]}" r="${dot}" fill="${color}" stroke="none"/>` : '');
        }).join('');
        return `<g class="policy" data-policy="${esc(p.policy)}" stroke="${color}" transform="translate(${d} ${d})"><title>${esc(policyName(p.policy, base))}</title>${lines}</g>`;
    }).join('')}</g>`;
}

/** A diamond around the witness cell's centre, in its optimizer's colour. */
function witnesses(grid: GridReport, layout: GridLayout): string {
    const policies = grid.paths.map(p => p.policy);
    const half = round(layout.cell * 0.3);
    const atCell = new Map<string, number>();
    return `<g class="witnesses">${grid.witnesses.map(w => {
        const k = policies.indexOf(w.optimizer);
        const color = k >= 0 ? PATH_COLORS[k % PATH_COLORS.length]! : WITNESS_COLOR;
        // Several witnesses in one cell: each a little further along the diagonal.
        const key = `${w.x},${w.y}`;
        const nth = atCell.get(key) ?? 0;
        atCell.set(key, nth + 1);
        const [cx, cy] = cellCentre(layout, [w.x, w.y]).map(c => round(c + nth * layout.cell / 8));
        const d = `M${cx} ${round(cy - half)}L${round(cx + half)} ${cy}L${cx} ${round(cy + half)}L${round(cx - half)} ${cy}Z`;
        return `<path class="witness" data-optimizer="${esc(w.optimizer)}" d="${d}" fill="${color}" stroke="#ffffff" stroke-width="1.5"><title>witness of ${esc(w.optimizer)} at (${esc(w.x)}, ${esc(w.y)})</title></path>`;
    }).join('')}</g>`;
}

/** The map as inline SVG. */
export function gridMapSvg(grid: GridReport, env: string, base: string): string {
    const layout = gridLayout(grid.rows);
    const label = `Map ${grid.name} of ${env}: ${layout.rows} rows × ${layout.columns} columns`;
    const { squares, glyphs } = cells(grid, layout);
    return `<svg class="gridmap" xmlns="http://www.w3.org/2000/svg" role="img" focusable="false" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" aria-label="${esc(label)}"><title>${esc(label)}</title>`
        + `${squares}${paths(grid, layout, base)}${glyphs}${starts(grid, layout)}${witnesses(grid, layout)}</svg>`;
}

function swatch(inner: string): string {
    return `<svg class="key" width="22" height="12" viewBox="0 0 22 12" role="presentation" focusable="false">${inner}</svg>`;
}

function legend(grid: GridReport, base: string): string {
    const items = grid.paths.map((p, k) => {
        const color = PATH_COLORS[k % PATH_COLORS.length]!;
        const more = p.positions.length > MAX_PATHS ? ` (${MAX_PATHS} drawn)` : '';
        const count = `${p.positions.length} path${p.positions.length === 1 ? '' : 's'}${more}`;
        return `<li>${swatch(`<line x1="1" y1="6" x2="21" y2="6" stroke="${color}" stroke-width="3" stroke-linecap="round"/>`)}<code>${esc(policyName(p.policy, base))}</code> <span class="muted">${count}</span></li>`;
    });
    for (const w of grid.witnesses) {
        const k = grid.paths.findIndex(p => p.policy === w.optimizer);
        const color = k >= 0 ? PATH_COLORS[k % PATH_COLORS.length]! : WITNESS_COLOR;
        items.push(`<li>${swatch(`<path d="M11 1L16 6L11 11L6 6Z" fill="${color}"/>`)}witness of <code>${esc(w.optimizer)}</code> at (${esc(w.x)}, ${esc(w.y)})</li>`);
    }
    items.push(`<li>${swatch('<circle class="start" cx="11" cy="6" r="5"/>')}start</li>`);
    items.push(`<li>${swatch('<rect class="cell wall" x="5" y="0" width="12" height="12"/>')}wall <code>#</code></li>`);
    return `<ul class="map-legend">${items.join('')}</ul>`;
}

/** The map figure of an environment that shows a grid, else nothing. */
export function gridMapFigure(env: EnvironmentReport, report: Report): string {
    const grid = env.grid;
    if (!grid) return '';
    const base = report.objectives.find(o => o.role === 'base')?.name ?? 'the base objective';
    const where = `<code>${esc(grid.name)}</code> at (<code>${esc(grid.x)}</code>, <code>${esc(grid.y)}</code>)`;
    const none = grid.paths.length === 0 ? ' No paths were sampled here.' : '';
    return `<figure class="map"><div class="map-frame">${gridMapSvg(grid, env.label, base)}</div>
<figcaption>Map ${where}: the paths each policy's sampled episodes followed from the start, shifted apart where they share cells, and the witness states.${none}</figcaption>
${legend(grid, base)}</figure>`;
}

