/**
 * Injection: a report whose names, messages and source text are HTML, script and DOT
 * fragments renders to a page whose only elements are the renderer's own (checked with
 * a spec-compliant HTML parser), with no event-handler attributes, no script but ours,
 * and the hostile strings present only as text.
 */
import { parse } from 'parse5';
import { describe, expect, test } from 'vitest';
import { environmentDot, renderReportHtml } from '../../language/report/html/index.js';
import type { Report } from '../../language/simulation/report.js';
import { buttonLampReport, gridReport } from './fixtures.js';

const EVIL = {
    lamp: '<img src=x onerror=alert(1)>',
    press: '</script><script>alert(2)</script>',
    Light: '"><b onmouseover=alert(3)>',
    Lab: "'--><svg onload=alert(4)>",
    Pressing: 'Pre"ss]\\N\n<x>{}; evil -> pwn',
} as const;

/** A grid row that is markup: drawn cell by cell, each character as text. */
const EVIL_ROW = '#</text><script>alert(9)</script>#';

/** The fixture, with a map in Lab, with every occurrence of some names replaced by hostile strings. */
function hostileReport(): Report {
    const source = gridReport();
    const grid = source.environments[0]!.grid!;
    grid.rows.push(EVIL_ROW);
    let json = JSON.stringify(source);
    for (const [name, evil] of Object.entries(EVIL)) {
        json = json.split(name).join(JSON.stringify(evil).slice(1, -1));
    }
    const report = JSON.parse(json) as Report;
    report.incomplete.push({ budget: 'states', limit: 1000, env: EVIL.Lab, optimizer: EVIL.press, message: '<iframe src=javascript:alert(5)></iframe> budget of 1000 states hit' });
    report.distinguishing.environments[0]!.source += '\n</pre><script>alert(6)</script>';
    // An enumerated candidate drawn in the EPIC scatter, its text and environment hostile.
    report.candidates.fitting = [{
        text: `${EVIL.press} - ${EVIL.Light}`, bits: 4, verdict: 'pseudo-aligned', regret: 0.5,
        epic: [{ env: EVIL.Lab, distance: 0.25 }], deploy: [],
    }];
    return report;
}

const HTML_ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'script', 'body', 'div', 'nav', 'h1', 'h2', 'h3', 'h5', 'ol', 'ul', 'li',
    'a', 'main', 'header', 'footer', 'section', 'article', 'p', 'span', 'strong', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'dl', 'dt', 'dd', 'figure', 'figcaption']);
const SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'polygon', 'polyline', 'ellipse', 'text', 'tspan', 'title', 'line', 'rect', 'circle', 'defs', 'clipPath', 'a']);

interface Node { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: Node; value?: string; namespaceURI?: string }

function elements(root: Node): Node[] {
    const out: Node[] = [];
    const walk = (n: Node) => {
        if (n.tagName) out.push(n);
        for (const c of n.childNodes ?? []) walk(c);
        if (n.content) walk(n.content);
    };
    walk(root);
    return out;
}

describe('hostile names inject nothing', () => {
    for (const mode of ['file', 'webview'] as const) {
        test(`${mode} mode`, async () => {
            const html = await renderReportHtml(hostileReport(), { mode, nonce: 'n0nce' });
            const doc = parse(html) as unknown as Node;
            const all = elements(doc);
            for (const el of all) {
                const svg = el.namespaceURI === 'http://www.w3.org/2000/svg';
                expect(svg ? SVG_ELEMENTS : HTML_ELEMENTS, `unexpected <${el.tagName}>`).toContain(el.tagName);
                for (const attr of el.attrs ?? []) {
                    expect(attr.name, `event handler on <${el.tagName}>`).not.toMatch(/^on/i);
                    if (['href', 'src', 'xlink:href'].includes(attr.name)) expect(attr.value).not.toMatch(/^\s*(javascript|data|https?):/i);
                }
            }
            const scripts = all.filter(e => e.tagName === 'script');
            expect(scripts).toHaveLength(mode === 'webview' ? 1 : 0);
            expect(html.match(/<script/gi) ?? []).toHaveLength(mode === 'webview' ? 1 : 0);
            expect(all.filter(e => e.tagName === 'style')).toHaveLength(1);
            // The hostile strings are there, as text.
            expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
            expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
            expect(html).toContain('&lt;iframe src=javascript:alert(5)&gt;');
            expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(6)&lt;/script&gt;');
            // The map: its hostile row drawn one character per cell, the hostile policy name (Pressing) as text.
            const glyphs = all.filter(e => e.tagName === 'text' && e.attrs?.some(a => a.name === 'class' && a.value === 'glyph'));
            expect(glyphs.map(g => g.childNodes?.[0]?.value ?? '').join('')).toContain(EVIL_ROW.slice(1, -1));
            expect(html).toContain(`data-policy="${EVIL.Pressing.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}"`);
        });
    }

    test('the incomplete banner names each budget message', async () => {
        const html = await renderReportHtml(hostileReport(), { mode: 'file' });
        expect(html).toContain('class="banner incomplete"');
        expect(html).toContain('budget of 1000 states hit');
    });

    test('Graphviz gets quoted names and escapes them in its SVG', async () => {
        const report = hostileReport();
        const dot = environmentDot(report.environments[0]!, report.objectives);
        expect(dot).toContain(JSON.stringify(EVIL.lamp));
        expect(dot).toContain('Pre\\"ss]\\\\N\\n<x>{}; evil -> pwn"');
        const html = await renderReportHtml(report, { mode: 'file' });
        const graphs = html.slice(html.indexOf('<section id="graphs">'), html.indexOf('<section id="samples">'));
        expect(graphs.match(/<figure class="graph"><svg /g)).toHaveLength(2);
        expect(graphs).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(graphs).not.toContain('<img');
        expect(graphs).not.toContain('could not be laid out');
    });

    test('links are followed only to file: URIs', async () => {
        const report = buttonLampReport();
        report.optimizers[0]!.location = { ...report.optimizers[0]!.location, uri: 'javascript:alert(7)' };
        const lab = report.environments[0]!;
        lab.declarations = { ...lab.declarations, lamp: { ...lab.declarations['lamp']!, uri: 'javascript:alert(8)' } };
        const html = await renderReportHtml(report, { mode: 'file' });
        expect(html).toContain('<a class="src" href="#" data-uri="javascript:alert(7)"');
        expect(html).toContain('<a class="src" href="#" data-uri="javascript:alert(8)"');
        expect(html).not.toMatch(/href="javascript:/);
    });
});
