/**
 * The "How fast distinguishing grows" section of the HTML report (docs/analyses.md, How
 * fast distinguishing grows): the levels as a table, a chart of both counts against bits
 * when there is more than one level, a note when the search did not run, and its place
 * on the page after the distinguishing environments.
 */
import { describe, expect, test } from 'vitest';
import { distinguishingGrowthSection, growthSpec } from '../../language/report/html/distinguishing-growth.js';
import { renderReportHtml } from '../../language/report/html/index.js';
import type { Report } from '../../language/simulation/report.js';
import { buttonLampReport } from './fixtures.js';

// The boat race's levels (docs/analyses.md): 4, 12, 47, 47 candidates; covers of 3, 4, 8, 8.
const levels = [[4.86, 4, 3], [9.72, 12, 4], [14.57, 47, 8], [19.43, 47, 8]].map(([bits, pseudoAligned, coverSize]) => ({ bits: bits!, pseudoAligned: pseudoAligned!, coverSize: coverSize! }));
const report: Report = { ...buttonLampReport(), distinguishingGrowth: levels };

const cells = (html: string): string[][] => html.split('<tr>').slice(2).map(r => [...r.matchAll(/<td class="num">([^<]*)<\/td>/g)].map(m => m[1]!));

describe('how fast distinguishing grows', () => {
    test('a row per level, and a chart of both counts', async () => {
        const html = await distinguishingGrowthSection(report);
        expect(cells(html)).toEqual([['4.86', '4', '3'], ['9.72', '12', '4'], ['14.57', '47', '8'], ['19.43', '47', '8']]);
        expect(html).toContain('<svg');
        const values = (growthSpec(levels).data as { values: { series: string; count: number }[] }).values;
        expect(values.filter(v => v.series === 'pseudo-aligned candidates').map(v => v.count)).toEqual([4, 12, 47, 47]);
        expect(values.filter(v => v.series === 'environments to rule them out').map(v => v.count)).toEqual([3, 4, 8, 8]);
    });

    test('one level: the table alone; no search: a note', async () => {
        const one = await distinguishingGrowthSection({ ...report, distinguishingGrowth: [{ bits: Math.log2(14), pseudoAligned: 1, coverSize: 1 }] });
        expect(cells(one)).toEqual([['3.81', '1', '1']]);
        expect(one).not.toContain('<svg');
        expect(await distinguishingGrowthSection({ ...report, distinguishingGrowth: [] })).toContain('The distinguishing search did not run.');
    });

    test('on the page after the distinguishing environments, and in the contents', async () => {
        const page = await renderReportHtml(report, { mode: 'file' });
        expect(page.indexOf('<section id="distinguishing-growth">')).toBeGreaterThan(page.indexOf('<section id="distinguishing">'));
        expect(page).toContain('href="#distinguishing-growth"');
    });
});
