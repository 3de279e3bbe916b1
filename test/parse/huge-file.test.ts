/**
 * A file too large for the editor is refused with one located error, not parsed for
 * seconds; the CLI's own limit is tested in test/cli.
 */
import { describe, expect, test } from 'vitest';
import { MAX_EDITOR_SPEC_BYTES } from '../../language/parse/document-factory.js';
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

describe('expressions nested too deep', () => {
    const wrap = (body: string) => `environment E { horizon 2 action a node x = ${body} }\nobjective base B = x\ntrain E\n`;

    test('300 nested parentheses: one nesting-too-deep error at the 101st, no stack overflow', async () => {
        const text = wrap('('.repeat(300) + 'a' + ')'.repeat(300));
        const found = await diagnostics(text);
        expect(found).toHaveLength(1);
        expect(found[0]!.code).toBe('nesting-too-deep');
        expect(found[0]!.range.start).toEqual({ line: 0, character: 'environment E { horizon 2 action a node x = '.length + 100 });
    });

    test('after lone carriage returns (old Mac line ends), and a line comment ended by one: located where the editor counts it', async () => {
        const text = `environment E {\r  horizon 2 // two steps\r  action a\r  node x = ${'('.repeat(300)}a${')'.repeat(300)}\r}\robjective base B = x\r`;
        const found = await diagnostics(text);
        expect(found.map(d => d.code)).toEqual(['nesting-too-deep']);
        expect(found[0]!.range.start).toEqual({ line: 3, character: '  node x = '.length + 100 });
    });

    test('a sum of 3,000 terms is refused before it can overflow', async () => {
        const found = await diagnostics(wrap(Array(3000).fill('a').join(' + ')));
        expect(found.map(d => d.code)).toEqual(['nesting-too-deep']);
    });

    test('a sum of 800 terms parses, and validation says it is too deep to compile', async () => {
        const found = await diagnostics(wrap(Array(800).fill('a').join(' + ')));
        expect(found.map(d => d.code)).toEqual(['expression-too-deep']);
        expect(found[0]!.message).toBe('This expression nests 800 operations deep; Mesa handles at most 500. Name intermediate results as nodes (split a long sum into partial sums).');
    });

    test('comments do not count', async () => {
        const found = await diagnostics(`// ${'('.repeat(500)}\n/* ${'+'.repeat(5000)} */\n` + wrap('a'));
        expect(found.filter(d => d.severity === 1)).toEqual([]);
    });
});
