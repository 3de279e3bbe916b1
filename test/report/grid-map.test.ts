/**
 * The map of an environment that shows a grid (language/report/html/grid-map.ts), on the
 * absent supervisor's 6 × 6 map (fixtures.ts): one square per cell, the walls counted by
 * hand, the characters written, path polylines through the cell centres of the given
 * positions, policies shifted apart, the start and the witness marked; the environment's
 * chance and weights among its facts; hostile rows and names escaped.
 */
import { parse } from 'parse5';
import { describe, expect, test } from 'vitest';
import { gridMapFigure } from '../../language/report/html/grid-map.js';
import { renderReportHtml } from '../../language/report/html/index.js';
import type { Report } from '../../language/simulation/report.js';
import { buttonLampReport, gridReport, supervisorGrid } from './fixtures.js';

interface Element { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Element[]; value?: string; namespaceURI?: string }

function all(root: Element): Element[] {
    const out: Element[] = [];
    const walk = (n: Element) => {
        if (n.tagName) out.push(n);
        for (const c of n.childNodes ?? []) walk(c);
    };
    walk(root);
    return out;
}

const attr = (el: Element, name: string) => el.attrs?.find(a => a.name === name)?.value;
const classes = (el: Element) => (attr(el, 'class') ?? '').split(/\s+/);
const textOf = (el: Element): string => (el.childNodes ?? []).map(c => c.nodeName === '#text' ? c.value ?? '' : textOf(c)).join('');

/** The elements of the map's SVG in a rendered page. */
function mapOf(html: string): { svg: Element; elements: Element[] } {
    const svg = all(parse(html) as unknown as Element).find(e => e.tagName === 'svg' && classes(e).includes('gridmap'));
    expect(svg, 'the page has a map').toBeDefined();
    return { svg: svg!, elements: all(svg!) };
}

const report = gridReport();
const page = await renderReportHtml(report, { mode: 'file' });
const { svg, elements } = mapOf(page);

/** 6 columns: each cell min(32, floor(640 / 6) = 106) = 32 px; the centre of (x, y) is ((x + 0.5) · 32, (y + 0.5) · 32). */
const CELL = 32;
const centre = ([x, y]: [number, number]) => `${(x + 0.5) * CELL},${(y + 0.5) * CELL}`;

describe('the map', () => {
    test('one square per cell: 6 rows × 6 columns, 192 × 192 px', () => {
        expect([attr(svg, 'width'), attr(svg, 'height'), attr(svg, 'viewBox')]).toEqual(['192', '192', '0 0 192 192']);
        const cells = elements.filter(e => e.tagName === 'rect' && classes(e).includes('cell'));
        expect(cells).toHaveLength(36);
        // Row by row: cell (x, y) at (32x, 32y).
        expect(cells.map(c => [attr(c, 'x'), attr(c, 'y')])[7]).toEqual(['32', '32']);
    });

    test('the walls are filled: the border\'s 20 cells and 4 inside', () => {
        const walls = elements.filter(e => e.tagName === 'rect' && classes(e).includes('wall'));
        expect(walls).toHaveLength(24);
        const inner = walls.map(w => [Number(attr(w, 'x')) / CELL, Number(attr(w, 'y')) / CELL]).filter(([x, y]) => x > 0 && x < 5 && y > 0 && y < 5);
        expect(inner).toEqual([[2, 2], [3, 2], [2, 3], [3, 3]]);
        expect(elements.filter(e => classes(e).includes('floor'))).toHaveLength(12);
    });

    test('other characters are written in their cells', () => {
        const glyphs = elements.filter(e => e.tagName === 'text' && classes(e).includes('glyph'));
        expect(glyphs.map(g => [textOf(g), attr(g, 'x'), attr(g, 'y')])).toEqual([['A', '48', '48'], ['P', '48', '112'], ['G', '48', '144']]);
    });

    test('each path is a polyline through the centres of its positions', () => {
        const grid = supervisorGrid();
        const groups = elements.filter(e => e.tagName === 'g' && classes(e).includes('policy'));
        expect(groups.map(g => attr(g, 'data-policy'))).toEqual(['optimal', 'Pressing']);
        const lines = groups.map(g => all(g).filter(e => e.tagName === 'polyline').map(l => attr(l, 'points')));
        expect(lines).toEqual(grid.paths.map(p => p.positions.map(path => path.map(centre).join(' '))));
        // The long way, spelled out: A, right three, down three, left three, then staying on G.
        expect(lines[0]![0]).toBe('48,48 80,48 112,48 144,48 144,80 144,112 144,144 112,144 80,144 48,144 48,144 48,144');
        // Each ends in a dot on its last cell, G at (1, 4).
        const ends = groups.map(g => all(g).filter(e => classes(e).includes('end')).map(c => `${attr(c, 'cx')},${attr(c, 'cy')}`));
        expect(ends).toEqual([['48,144'], ['48,144', '48,144']]);
    });

    test('two policies in distinct colours, shifted apart by an eighth of a cell', () => {
        const groups = elements.filter(e => e.tagName === 'g' && classes(e).includes('policy'));
        // Two policies: offsets ±(32 / 8) / 2 = ±2 px along both axes.
        expect(groups.map(g => attr(g, 'transform'))).toEqual(['translate(-2 -2)', 'translate(2 2)']);
        const colours = groups.map(g => attr(g, 'stroke'));
        expect(new Set(colours).size).toBe(2);
    });

    test('the start is ringed once, at A', () => {
        const starts = elements.filter(e => e.tagName === 'circle' && classes(e).includes('start'));
        expect(starts.map(s => [attr(s, 'cx'), attr(s, 'cy')])).toEqual([['48', '48']]);
    });

    test('the witness: a diamond around its cell\'s centre, in its optimizer\'s colour, with a title', () => {
        const witnesses = elements.filter(e => e.tagName === 'path' && classes(e).includes('witness'));
        expect(witnesses).toHaveLength(1);
        const w = witnesses[0]!;
        // (1, 2): centre (48, 80), half-diagonal 0.3 × 32 = 9.6.
        expect(attr(w, 'd')).toBe('M48 70.4L57.6 80L48 89.6L38.4 80Z');
        const pressing = elements.find(e => attr(e, 'data-policy') === 'Pressing')!;
        expect(attr(w, 'fill')).toBe(attr(pressing, 'stroke'));
        expect(textOf(w)).toBe('witness of Pressing at (1, 2)');
    });

    test('a legend names each policy with its colour, the witness, the start and the walls', () => {
        const legend = page.slice(page.indexOf('<ul class="map-legend">'), page.indexOf('</ul>', page.indexOf('<ul class="map-legend">')));
        const plain = legend.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
        expect(plain).toBe('optimal for Light 1 path Pressing 2 paths witness of Pressing at (1, 2) start wall #');
    });

    test('a wide map gets smaller cells: 100 columns of 6 px; no characters below 10 px', () => {
        const grid = { ...supervisorGrid(), rows: ['#'.repeat(100), `#A${' '.repeat(97)}#`], paths: [], witnesses: [] };
        const figure = gridMapFigure({ ...report.environments[0]!, grid }, report);
        const map = mapOf(figure);
        expect([attr(map.svg, 'width'), attr(map.svg, 'height')]).toEqual(['600', '12']);
        expect(map.elements.filter(e => classes(e).includes('cell'))).toHaveLength(200);
        expect(map.elements.filter(e => classes(e).includes('glyph'))).toEqual([]);
        expect(figure).toContain('No paths were sampled here.');
    });

    test('a policy with more than 50 distinct paths: 50 drawn, all counted', () => {
        const many = Array.from({ length: 60 }, (_, k): [number, number][] => [[1, 1], [1 + (k % 4), 1 + Math.floor(k / 4) % 4]]);
        const grid = { ...supervisorGrid(), paths: [{ policy: 'optimal', positions: many }], witnesses: [] };
        const figure = gridMapFigure({ ...report.environments[0]!, grid }, report);
        expect(mapOf(figure).elements.filter(e => e.tagName === 'polyline')).toHaveLength(50);
        expect(figure.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('optimal for Light 60 paths (50 drawn)');
    });

    test('an environment without a grid has no map', () => {
        expect(gridMapFigure(buttonLampReport().environments[0]!, report)).toBe('');
    });
});

describe('the environment\'s facts', () => {
    const facts = (html: string, env: string) => {
        const start = html.indexOf(`id="env-${env}`);
        const list = html.slice(html.indexOf('<dl class="facts">', start), html.indexOf('</dl>', start));
        return list.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    };

    test('an environment that draws says its figures are expected values', () => {
        expect(facts(page, '0-lab')).toContain('chance draws: figures are expected values');
        expect(facts(page, '1-labwithswitch')).not.toContain('chance');
    });

    test('weights appear when a role\'s weights are not all equal', async () => {
        expect(facts(page, '0-lab')).not.toContain('weight');
        const weighted: Report = buttonLampReport();
        const [lab, other] = weighted.environments as [typeof weighted.environments[0], typeof weighted.environments[0]];
        weighted.environments = [{ ...lab, trainWeight: 0.98 }, { ...other, roles: ['train', 'deploy'], trainWeight: 0.02 }];
        const html = await renderReportHtml(weighted, { mode: 'file' });
        expect(facts(html, '0-lab')).toContain('training weight 0.98');
        expect(facts(html, '1-labwithswitch')).toContain('training weight 0.02');
        // One deployment environment: its weight is 1 and goes without saying.
        expect(facts(html, '1-labwithswitch')).not.toContain('deployment weight');
    });
});

describe('a witness reached by chance', () => {
    test('says with what probability its path reaches it; a sure one says nothing', async () => {
        const chance = buttonLampReport();
        chance.optimizers[0]!.witness!.probability = 0.25;
        const html = await renderReportHtml(chance, { mode: 'file' });
        const plain = (h: string) => h.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        expect(plain(html)).toContain('at step 31 , a state its own behaviour reaches with probability 0.25 :');
        expect(plain(page)).not.toContain('with probability');
    });
});

describe('hostile rows and names', () => {
    const EVIL_ROW = '#<script>alert(1)</script>&"\'#';
    const EVIL_NAME = '"><img src=x onerror=alert(2)>';

    test('are text, never markup', () => {
        const hostile = gridReport();
        const grid = supervisorGrid();
        hostile.environments[0] = {
            ...hostile.environments[0]!,
            label: EVIL_NAME,
            grid: { ...grid, name: EVIL_NAME, x: EVIL_NAME, rows: [...grid.rows, EVIL_ROW], paths: grid.paths.map(p => ({ ...p, policy: EVIL_NAME })), witnesses: [{ optimizer: EVIL_NAME, x: 1, y: 2 }] },
        };
        const figure = gridMapFigure(hostile.environments[0], hostile);
        const elements = all(parse(figure) as unknown as Element);
        const allowed = new Set(['html', 'head', 'body', 'figure', 'div', 'figcaption', 'ul', 'li', 'code', 'span', 'svg', 'g', 'rect', 'text', 'title', 'circle', 'polyline', 'path', 'line']);
        for (const el of elements) {
            expect(allowed, `unexpected <${el.tagName}>`).toContain(el.tagName);
            for (const a of el.attrs ?? []) expect(a.name, `attribute ${a.name} on <${el.tagName}>`).not.toMatch(/^on/i);
        }
        // The row's characters are drawn one per cell, as text: `<`, `&`, `"` and `'` among them.
        const glyphs = elements.filter(e => e.tagName === 'text').map(textOf).join('');
        expect(glyphs).toContain('<script>alert(1)</script>&"\'');
        expect(mapOf(figure).elements.filter(e => e.tagName === 'rect' && classes(e).includes('cell'))).toHaveLength(7 * EVIL_ROW.length);
        expect(figure).not.toContain('<img');
        expect(figure).not.toContain('<script');
    });
});
