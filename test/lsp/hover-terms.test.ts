/**
 * Hovers say in plain words what `bits` and `depth` mean (docs/editor.md, Features):
 * once per hover, right after the line where the term first appears; and the keywords
 * `depth` and `length` explain themselves.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectHover, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { TERM_EXPLANATIONS } from '../../language/lsp/hover-content.js';
import { createMesaServices } from '../../language/mesa-module.js';
import { exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const hover = expectHover(services.Mesa);
afterEach(() => clearDocuments(services.shared));

/** The hover's markdown at the first `needle` of `text` (one character in), with `verdicts` known for the document. */
async function hoverAt(text: string, needle: string, verdicts: Record<string, string> = {}): Promise<string> {
    const uri = `file:///terms-${Math.random().toString(36).slice(2)}.mesa`;
    services.Mesa.analysis.VerdictCache.set(uri, verdicts);
    try {
        const document = await parseHelper(services.Mesa)(text, { documentUri: uri, validation: true });
        const result = await services.Mesa.lsp.HoverProvider.getHoverContent(document, {
            textDocument: { uri }, position: document.textDocument.positionAt(text.indexOf(needle) + 1),
        });
        return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
    } finally {
        services.Mesa.analysis.VerdictCache.delete(uri);
    }
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('bits', () => {
    test('an objective\'s hover explains bits right after its bits', async () => {
        const value = await hoverAt(exampleText('cleaning'), 'Clean =');
        expect(value).toContain(`**Bits:** 8.00 (size 2 × log2(4 names + 12))\n\n${TERM_EXPLANATIONS.bits}`);
        expect(TERM_EXPLANATIONS.bits).toMatch(/how long the objective is to write down/);
        expect(value).not.toContain('_Depth_');
    });
});

describe('depth', () => {
    test('an optimizer\'s hover explains its depth once, though its verdict names one too', async () => {
        await hover({
            text: exampleText('believer').replace('optimizer Believer', 'optimizer B<|>eliever'), index: 0,
            hover: '**optimizer** `Believer`\n\n**Objective:** `Minimalism` · **model:** `DustVanishes` · **depth:** unlimited\n\n'
                + TERM_EXPLANATIONS.depth,
        });
        const value = await hoverAt(exampleText('believer'), 'Believer {', { Believer: 'robust · depth 3' });
        expect(count(value, TERM_EXPLANATIONS.depth)).toBe(1);
        expect(value.indexOf(TERM_EXPLANATIONS.depth)).toBeLessThan(value.indexOf('**Verdict:**'));
        expect(TERM_EXPLANATIONS.depth).toMatch(/how many steps ahead an optimizer looks/);
    });

    test('an objective\'s hover explains the depth its verdict names, after the verdict, and bits first', async () => {
        const value = await hoverAt(exampleText('button-lamp'), 'Pressing =', { Pressing: 'pseudo-aligned (side-effect) · depth 1' });
        expect(value).toContain(`**Verdict:** pseudo-aligned (side-effect) · depth 1\n\n${TERM_EXPLANATIONS.depth}`);
        expect(value.indexOf(TERM_EXPLANATIONS.bits)).toBeLessThan(value.indexOf(TERM_EXPLANATIONS.depth));
        expect(count(value, TERM_EXPLANATIONS.bits)).toBe(1);
    });

    test('no verdict, no depth: nothing to explain', async () => {
        expect(await hoverAt(exampleText('button-lamp'), 'Pressing =')).not.toContain(TERM_EXPLANATIONS.depth);
    });
});

describe('the keywords', () => {
    test('`depth` in an optimizer and in select, `length` in select', async () => {
        const text = `${exampleText('button-lamp')}optimizer Short { objective Lighting depth 2 }\nselect { penalty length 0.5 }\n`;
        expect(await hoverAt(text, 'depth 0.1')).toBe(`**depth**\n\n${TERM_EXPLANATIONS.depth}`);
        expect(await hoverAt(text, 'depth 2')).toBe(`**depth**\n\n${TERM_EXPLANATIONS.depth}`);
        expect(await hoverAt(text, 'length 0.5')).toBe(`**length**: the objective's description length, in bits\n\n${TERM_EXPLANATIONS.bits}`);
        expect(await hoverAt(text, 'horizon')).toBe('');
    });
});
