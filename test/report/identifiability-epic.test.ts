/**
 * The report's identifiability table and EPIC section (docs/analyses.md) on button-lamp
 * simulated from examples/button-lamp.mesa: Pressing told apart by returns and per-step
 * rewards only, at EPIC distance 1/√2 ≈ 0.707 with deployment regret 0.25; Lighting by
 * nothing, at distance 0 with regret 0; the enumerated candidate press, the same objective
 * as Pressing, drawn beside them as a triangle.
 */
import { describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../language/report/html/index.js';
import { epicCandidatePoints, epicPoints, epicScatterSpec, MAX_CANDIDATE_POINTS, withHoverTitles } from '../../language/report/html/epic-scatter.js';
import type { Report } from '../../language/simulation/report.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText } from '../helpers/services.js';

const report = simulate(await compiled(exampleText('button-lamp')), { samples: 10 });
const html = await renderReportHtml(report, { mode: 'file' });

/** The text of a section, tags stripped, whitespace collapsed. */
function section(id: string): string {
    const start = html.indexOf(`<section id="${id}">`);
    expect(start).toBeGreaterThan(0);
    return html.slice(start, html.indexOf('</section>', start)).replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('identifiability table', () => {
    test('one row per fitting optimizer: behaviour, returns, per-step rewards', () => {
        const text = section('identifiability');
        expect(text).toContain('Pressing Pressing pseudo-aligned no yes yes Behaviour cannot tell them apart; returns and per-step rewards can.');
        expect(text).toContain('Lighting Lighting robust no no no Neither behaviour, returns nor per-step rewards can tell them apart in training.');
    });

    test('listed in the table of contents', () => {
        expect(html).toContain('href="#identifiability"');
        expect(html).toContain('href="#epic"');
    });
});

describe('EPIC section', () => {
    test('table: distance per training environment and the largest deployment regret', () => {
        const text = section('epic');
        expect(text).toContain('Pressing Lab 0.707 0.25');
        expect(text).toContain('Lighting Lab 0 0');
    });

    test('the objectives table has the distance too, and none for the base objective', () => {
        const text = section('objectives');
        expect(text).toContain('EPIC distance');
        expect(text).toMatch(/Pressing .* Lab 0\.707/);
        expect(text).toMatch(/Light base .* —/);
    });

    test('the scatter has one point per mesa objective and training environment, drawn as SVG', () => {
        expect(epicPoints(report).map(p => [p.objective, p.env, Number(p.distance.toFixed(6)), p.regret]))
            .toEqual([['Pressing', 'Lab', 0.707107, 0.25], ['Lighting', 'Lab', 0, 0]]);
        const start = html.indexOf('<section id="epic">');
        expect(html.slice(start, html.indexOf('</section>', start))).toContain('<svg');
        expect(section('epic')).toContain('Pressing 0.707 → 0.25, Lighting 0 → 0');
    });

    test('a report without the fields (an older one) renders without them', async () => {
        const older = structuredClone(report);
        for (const o of older.optimizers) delete o.distinguishedBy;
        for (const o of older.objectives) delete o.epic;
        delete older.candidates.fitting;
        delete older.candidates.fittingTotal;
        const page = await renderReportHtml(older, { mode: 'file' });
        expect(page).toContain('No optimizer fits training');
        const start = page.indexOf('<section id="epic">');
        const epic = page.slice(start, page.indexOf('</section>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        expect(epic).toContain('Pressing — 0.25');
        expect(epic).not.toContain('→');
    });
});

describe('the enumerated candidates in the EPIC section', () => {
    test('press is one triangle: the chart data, its shape, its hover title and the legend', async () => {
        expect(epicCandidatePoints(report).map(p => [p.objective, p.env, Number(p.distance.toFixed(6)), p.regret, p.kind]))
            .toEqual([['press', 'Lab', 0.707107, 0.25, 'candidate']]);
        const spec = epicScatterSpec(epicPoints(report), epicCandidatePoints(report)) as { layer: { data: { values: { kind: string; label: string }[] }; encoding?: { shape?: { scale: unknown } } }[]; title: { subtitle: string[] } };
        expect(spec.layer[0]!.data.values.map(v => [v.kind, v.label])).toEqual([['candidate', 'press (candidate) in Lab: EPIC distance 0.707, deployment regret 0.25']]);
        expect(spec.layer[1]!.data.values.map(v => v.kind)).toEqual(['mesa objective', 'mesa objective']);
        expect(spec.layer[0]!.encoding!.shape!.scale).toEqual({ domain: ['mesa objective', 'candidate'], range: ['circle', 'triangle-up'] });
        expect(spec.title.subtitle).toEqual(['2 points · one per mesa objective and training environment', '1 triangle · enumerated candidates that fit training']);
        const start = html.indexOf('<section id="epic">');
        const svg = html.slice(start, html.indexOf('</section>', start));
        // The candidate's mark is a triangle (a path of three corners), titled for hover.
        expect(svg).toMatch(/<path aria-label="press \(candidate\) in Lab: EPIC distance 0\.707, deployment regret 0\.25"[^>]* d="M[^"LZ]*L[^"LZ]*L[^"LZ]*Z"[^>]*><title>press \(candidate\) in Lab: EPIC distance 0\.707, deployment regret 0\.25<\/title><\/path>/);
        expect(svg).toContain('<title>Pressing (mesa objective) in Lab: EPIC distance 0.707, deployment regret 0.25</title>');
        // The shape legend names both kinds.
        expect(svg).toMatch(/<text[^>]*>candidate<\/text>/);
        expect(svg).toMatch(/<text[^>]*>mesa objective<\/text>/);
    });

    test('caption and table', () => {
        const text = section('epic');
        expect(text).toContain('Pressing 0.707 → 0.25, Lighting 0 → 0; candidates (triangles): press 0.707 → 0.25');
        expect(text).toContain('The enumerated candidates that fit training, drawn as triangles in the scatter: Candidate Verdict EPIC distance Deployment regret press pseudo-aligned Lab 0.707 0.25');
    });

    test('at most MAX_CANDIDATE_POINTS are drawn, and the subtitle says how many are not', () => {
        // 60 candidates in two training environments: 120 points, the first 100 drawn.
        const many: Report = structuredClone(report);
        many.candidates.fitting = Array.from({ length: 60 }, (_, i) => ({
            text: `c${i}`, bits: 4, verdict: 'pseudo-aligned' as const, regret: i / 60,
            epic: [{ env: 'A', distance: i / 60 }, { env: 'B', distance: 1 - i / 60 }], deploy: [],
        }));
        const points = epicCandidatePoints(many);
        expect(MAX_CANDIDATE_POINTS).toBe(100);
        expect(points).toHaveLength(100);
        expect(points[99]).toMatchObject({ objective: 'c49', env: 'B' });
        const spec = epicScatterSpec([], points, 20) as { title: { subtitle: string[] } };
        expect(spec.title.subtitle[1]).toBe('100 triangles · enumerated candidates that fit training (20 more not drawn)');
    });

    test('a hover title is added to every labelled point, and only there', () => {
        expect(withHoverTitles('<g><path aria-label="a &quot;b&quot;" d="M0,0Z"/><path d="M1,1Z"/></g>'))
            .toBe('<g><path aria-label="a &quot;b&quot;" d="M0,0Z"><title>a &quot;b&quot;</title></path><path d="M1,1Z"/></g>');
    });
});
