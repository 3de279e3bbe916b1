/**
 * The learning path section of the HTML report (docs/analyses.md, Learning path): the SVG
 * drawn by code with each step where its score puts it, coloured by verdict, the table
 * step by step, and its place on the page (only when the report has a path).
 */
import { describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../language/report/html/index.js';
import { learningPathChart, learningPathSection } from '../../language/report/html/learning-path.js';
import type { LearningPathReport, Report } from '../../language/simulation/report.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText } from '../helpers/services.js';
import { buttonLampReport } from './fixtures.js';

// Button-lamp's path (test/simulation/learning-path.test.ts): 0 at 14.9, press at 29.9.
const path: LearningPathReport = {
    steps: [
        { objective: '0', move: 'start', score: 14.9, trainValue: 15, depth: 1, bits: 0, verdict: 'pseudo-aligned' },
        { objective: 'press', move: '+ press', score: 29.9, trainValue: 30, depth: 1, bits: Math.log2(14), verdict: 'pseudo-aligned' },
    ],
    proxyFirst: true,
    complete: true,
};
const report = { ...buttonLampReport(), learningPath: path } satisfies Report;

describe('learning path chart', () => {
    test('each step where its score puts it', () => {
        // Scores 14.9..29.9 padded by 12% of 15 (1.8): 13.1..31.7 over the 212-pixel plot from y = 28;
        // steps 0 and 1 at the ends of the 480-pixel plot from x = 56.
        // y(14.9) = 28 + 212 × 16.8 / 18.6 = 219.48; y(29.9) = 28 + 212 × 1.8 / 18.6 = 48.52.
        const svg = learningPathChart(path);
        const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="5" fill="([^"]+)" stroke/g)].map(m => [m[1], m[2], m[3]]);
        expect(circles).toEqual([['56.00', '219.48', '#f08c00'], ['536.00', '48.52', '#f08c00']]);
        expect(svg).toContain('<title>Learning path: 0 → press</title>');
        expect(svg).toContain('>press</text>');
    });

    test('a robust step is green, a misaligned one red', () => {
        const svg = learningPathChart({
            steps: [{ ...path.steps[0]!, verdict: 'misaligned' }, { ...path.steps[1]!, verdict: 'robust' }], proxyFirst: false, complete: true,
        });
        expect([...svg.matchAll(/r="5" fill="([^"]+)" stroke/g)].map(m => m[1])).toEqual(['#e03131', '#2f9e44']);
    });
});

describe('learning path section', () => {
    test('the table, step by step, and the sentence', () => {
        const html = learningPathSection(report);
        const body = html.slice(html.indexOf('<tbody>'));
        const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(r =>
            [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(c => c[1]!.replace(/<[^>]+>/g, '')).join(' '));
        expect(rows).toEqual(['0 start 0 15 1 0 14.9 pseudo-aligned', '1 + press press 30 1 3.81 29.9 pseudo-aligned']);
        expect(html).toContain('It becomes competent at the pseudo-aligned <code>press</code> before any robust objective.');
        expect(html).toContain('no single change improves its score');
    });

    test('an incomplete path says so', () => {
        const html = learningPathSection({ ...report, learningPath: { ...path, proxyFirst: null, complete: false } });
        expect(html).toContain('A budget stopped the search at <code>press</code>: the path is incomplete.');
        expect(learningPathSection({ ...report, learningPath: { steps: [], proxyFirst: null, complete: false } }))
            .toContain('A budget stopped the search before its first step.');
    });

    test('on the page and in the table of contents only when there is a path', async () => {
        const withPath = await renderReportHtml(report, { mode: 'file' });
        expect(withPath).toContain('<section id="learning-path">');
        expect(withPath).toContain('href="#learning-path"');
        const without = await renderReportHtml({ ...report, learningPath: null }, { mode: 'file' });
        expect(without).not.toContain('learning-path');
    });

    test('the real button-lamp report draws its path', async () => {
        const real = simulate(await compiled(exampleText('button-lamp')));
        const html = await renderReportHtml(real, { mode: 'file' });
        const section = html.slice(html.indexOf('<section id="learning-path">'));
        expect(section).toContain('<title>Learning path: 0 → press</title>');
        expect(section.slice(section.indexOf('<tbody>'), section.indexOf('</tbody>')).split('<tr').length - 1).toBe(2);
    });
});
