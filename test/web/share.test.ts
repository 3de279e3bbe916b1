/**
 * The playground's shared links (docs/browser.md, The playground): the spec travels in
 * the URL fragment as raw DEFLATE in base64url. A fragment made by another DEFLATE
 * (Python's zlib, wbits -15) decodes to its text, the playground's own fragments inflate
 * with Node's zlib, and a damaged link gives a message instead of throwing.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodeFragment, encodeSpec } from '../../web/playground/share.js';

const TEXT = '// café → lamp\nenvironment Lab { horizon 3 action press node lamp = press }\n';
/** TEXT compressed by Python: zlib.compressobj(9, zlib.DEFLATED, -15), then urlsafe base64 without padding. */
const BY_ZLIB = '#spec=09dXSE5MO7xS4VHbJIWcxNwCrtS8ssyi_Lzc1LwSBZ_EJIVqhYz8osyq_DwFY4XE5JJMIKOgKLW4WCEvPyUVrEXBFipSywUA';

describe('the spec in the URL fragment', () => {
    test('a fragment compressed by zlib decodes to its text', async () => {
        expect(await decodeFragment(BY_ZLIB)).toEqual({ spec: TEXT });
    });

    test('the playground\'s fragment inflates with zlib to the same text', async () => {
        const fragment = await encodeSpec(TEXT);
        expect(fragment).toMatch(/^#spec=[A-Za-z0-9_-]+$/);
        expect(inflateRawSync(Buffer.from(fragment.slice('#spec='.length), 'base64url')).toString('utf8')).toBe(TEXT);
    });

    test('every example survives the round trip', async () => {
        const { EXAMPLES, exampleText } = await import('../helpers/services.js');
        for (const name of EXAMPLES) {
            expect(await decodeFragment(await encodeSpec(exampleText(name)))).toEqual({ spec: exampleText(name) });
        }
    });

    test('an example is named; no fragment is nothing', async () => {
        expect(await decodeFragment('#example=garden')).toEqual({ example: 'garden' });
        expect(await decodeFragment('')).toBeUndefined();
        expect(await decodeFragment('#section-2')).toBeUndefined();
    });

    test('a damaged link gives a message, never an exception', async () => {
        const message = { error: 'This link\'s spec is damaged (cut short, or not made by the playground): the playground opened an example instead.' };
        expect(await decodeFragment(BY_ZLIB.slice(0, 30))).toEqual(message);
        expect(await decodeFragment('#spec=not base64!')).toEqual(message);
        expect(await decodeFragment('#spec=')).toEqual(message);
        // zlib's DEFLATE of bytes that are not UTF-8 (0xff 0xfe), and of nothing.
        expect(await decodeFragment('#spec=-_8PAA')).toEqual(message);
        expect(await decodeFragment('#spec=AwA')).toEqual({ spec: '' });
    });
});
