/** The tree walk that replaces Langium's streams visits the same nodes and references in the same order. */
import { AstUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import { largeSpec } from '../../bench/generated-spec.js';
import { forEachReference, referencesKept, walkAst, walkAstKept } from '../../language/parse/ast-walk.js';
import { services, EXAMPLES, exampleText } from '../helpers/services.js';

describe('walkAst and forEachReference', () => {
    test.each([...EXAMPLES, 'generated'])('%s: same nodes and references as streamAst and streamReferences', name => {
        const text = name === 'generated' ? largeSpec(100) : exampleText(name);
        const root = services.parser.LangiumParser.parse(text).value;
        const walked = [...walkAst(root)];
        expect(walked).toEqual(AstUtils.streamAst(root).toArray());
        // Twice: the second walk reads what the first kept.
        expect([...walkAstKept(root)]).toEqual(walked);
        expect([...walkAstKept(root)]).toEqual(walked);
        expect(walked.length).toBeGreaterThan(20);
        const references = walked.flatMap(node => {
            const found: string[] = [];
            forEachReference(node, info => found.push(`${info.property}:${info.reference.$refText}`));
            return found;
        });
        expect(references).toEqual(walked.flatMap(node => AstUtils.streamReferences(node).map(info => `${info.property}:${info.reference.$refText}`).toArray()));
        for (let pass = 0; pass < 2; pass++) {
            const kept: string[] = [];
            for (const info of referencesKept(root)) kept.push(`${info.property}:${info.reference.$refText}`);
            expect(kept).toEqual(references);
        }
    });
});
