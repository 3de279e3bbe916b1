/**
 * The distinguishing environments' cards in the HTML report: a declared environment
 * says so and has no source to insert; a synthesised one shows what it extends and its
 * source (docs/analyses.md, Distinguishing environments).
 */
import { describe, expect, test } from 'vitest';
import { distinguishingSection } from '../../language/report/html/candidates.js';
import type { DistinguishingEnvironment, Report } from '../../language/simulation/report.js';
import { buttonLampReport } from './fixtures.js';

const declared: DistinguishingEnvironment = {
    name: 'LabWithSwitch', extends: 'LabWithSwitch', intervention: 'is declared in the spec', source: '',
    rulesOut: ['press'], kind: 'declared', use: 'LabWithSwitch', widen: null, adds: 1,
};
const synthesised: DistinguishingEnvironment = {
    name: 'LabDistinguish1', extends: 'Lab', intervention: 'adds action raise_lamp, which raises lamp by 1 for a step',
    source: 'environment LabDistinguish1 extends Lab {\n  action raise_lamp\n}', rulesOut: ['press'],
    kind: 'intervention', use: 'LabDistinguish1', widen: null, adds: 1,
};

describe('distinguishing cards', () => {
    test('declared: no source; synthesised: what it extends and its source', () => {
        const report: Report = { ...buttonLampReport(), distinguishing: { computed: true, environments: [declared, synthesised], uncovered: [] } };
        const html = distinguishingSection(report);
        const [first, second] = html.split('<article').slice(1);
        expect(first).toContain('declared in the spec');
        expect(first).not.toContain('<pre>');
        expect(second).toContain('extends <code>Lab</code>');
        expect(second).toContain('<pre><code>environment LabDistinguish1 extends Lab {');
    });
});
