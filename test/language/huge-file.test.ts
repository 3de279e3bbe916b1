/**
 * A file too large for the editor is refused with one located error, not parsed for
 * seconds; the CLI's own limit is tested in test/cli.
 */
import { describe, expect, test } from 'vitest';
import { MAX_EDITOR_SPEC_BYTES } from '../../language/workspace/document-factory.js';
import { diagnostics, exampleText } from '../helpers/services.js';

describe('huge files in the editor', () => {
    test('over the limit: one file-too-large error at the start, nothing else', async () => {
        const text = exampleText('button-lamp') + '\n// padding\n'.repeat(Math.ceil(MAX_EDITOR_SPEC_BYTES / 11) + 10);
        const found = await diagnostics(text);
        expect(found).toHaveLength(1);
        expect(found[0]!.code).toBe('file-too-large');
        expect(found[0]!.message).toMatch(/^This file is too large for the editor \(1\.\d MB; the limit is 1 MB\), so it is not analysed\./);
        expect(found[0]!.range.start).toEqual({ line: 0, character: 0 });
    });

    test('under the limit: analysed as usual', async () => {
        const found = await diagnostics(exampleText('button-lamp') + '\n// padding\n'.repeat(1000));
        expect(found.map(d => d.code)).toContain('proxy-side-effect');
    });
});
