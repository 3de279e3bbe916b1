/**
 * The generated spec and its edits (the editor benchmark and the incremental-parse tests
 * make them): each edit applies, at the sizes they use.
 */
import { describe, expect, test } from 'vitest';
import { largeSpec, largeSpecEdits } from '../../bench/generated-spec.js';

describe('edits to the generated spec', () => {
    test.each([60, 200, 2_000])('every edit changes the %i-line spec', lines => {
        const text = largeSpec(lines);
        for (const [kind, edited] of Object.entries(largeSpecEdits(lines))) expect(edited, kind).not.toBe(text);
        // The rule edited in the middle is one with `max(...) - pull` (at 2,000 lines, n1000's).
        if (lines === 2_000) expect(largeSpecEdits(lines).ruleOperand).toContain('node n1000 = max(n999, n500@2) - push');
    });
});
