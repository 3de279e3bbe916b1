/**
 * Incremental reparsing against the brute force: after each of many random edits to the
 * examples and a generated spec, the spliced tree must be the one a full parse of the
 * new text gives — the same AST, the same CST leaves with the same offsets and ranges,
 * every node's source range, container and index. Edits it declines are parsed in full
 * (as the editor does), and enough must be taken for the test to mean something.
 */
import { describe, expect, test } from 'vitest';
import { largeSpec } from '../../bench/generated-spec.js';
import { mulberry32 } from '../../language/simulation/index.js';
import { reparseIncrementally } from '../../language/parse/incremental/index.js';
import { EXAMPLES, exampleText } from '../helpers/services.js';
import { EDITS, parse, parser, pick, SEEDS, snapshot } from './incremental-support.js';

/**
 * Applies `count` random edits from `text`; returns how many the incremental reparse
 * took. Like an author, it often goes back to the last text without syntax errors
 * (an undo), since a broken text is reparsed in full until it is mended.
 */
function editRandomly(text: string, seed: number, count: number, normalize: (text: string) => string = t => t): number {
    const random = mulberry32(seed);
    let current = parse(text);
    let lastGood = text;
    let taken = 0;
    for (let step = 0; step < count; step++) {
        const oldText = current.value.$cstNode!.root.fullText;
        const broken = current.parserErrors.length + current.lexerErrors.length > 0;
        if (!broken) lastGood = oldText;
        const newText = broken && random() < 0.6 ? lastGood : normalize(pick(EDITS, random)(oldText, random));
        const full = parse(newText);
        const patched = reparseIncrementally(parser, current, oldText, newText);
        if (patched) {
            taken++;
            const [got, want] = [snapshot(patched), snapshot(full)] as { leaves: unknown[]; nodes: unknown[] }[];
            const firstDiff = (a: unknown[], b: unknown[]) => {
                const i = a.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(b[k]));
                return i < 0 && a.length === b.length ? undefined : { at: i, got: a[i], want: b[i], lengths: [a.length, b.length] };
            };
            let from = 0;
            while (oldText[from] === newText[from]) from++;
            const where = `seed ${seed}, step ${step}: at ${from} ${JSON.stringify(oldText.slice(from - 30, from + 30))} -> ${JSON.stringify(newText.slice(from - 30, from + 30))}`;
            expect(JSON.stringify(firstDiff(got!.leaves, want!.leaves)), where).toBeUndefined();
            expect(JSON.stringify(firstDiff(got!.nodes, want!.nodes)), where).toBeUndefined();
            expect(got, where).toEqual(want);
        }
        current = patched ?? full;
    }
    return taken;
}

describe('incremental reparse equals a full parse', () => {
    test.each(EXAMPLES)('random edits to %s', name => {
        for (let k = 0; k < SEEDS; k++) {
            const taken = editRandomly(exampleText(name), name.length * 7919 + k, 150);
            expect(taken).toBeGreaterThan(40);
        }
    });

    test('random edits to a spec with CRLF line ends', () => {
        for (let k = 0; k < SEEDS; k++) {
            // Every line end stays CRLF, as an editor keeps them.
            const crlf = (t: string) => t.replace(/\r\n|\r|\n/g, '\r\n');
            const taken = editRandomly(crlf(exampleText('cleaning')), 7 + k, 150, crlf);
            expect(taken).toBeGreaterThan(40);
        }
    });

    test('random edits to a spec with lone carriage returns (old Mac line ends) for line ends', () => {
        for (let k = 0; k < SEEDS; k++) {
            const cr = (t: string) => t.replace(/\r\n|\r|\n/g, '\r');
            const taken = editRandomly(cr(exampleText('garden')), 11 + k, 150, cr);
            expect(taken).toBeGreaterThan(40);
        }
    });

    test('random edits to a spec whose line ends are mixed, lone carriage returns among them', () => {
        for (let k = 0; k < SEEDS; k++) {
            let n = 0;
            const mixed = (t: string) => t.replace(/\r\n|\r|\n/g, () => ['\n', '\r', '\r\n'][n++ % 3]!);
            const taken = editRandomly(mixed(exampleText('cleaning')), 13 + k, 150, mixed);
            expect(taken).toBeGreaterThan(40);
        }
    });

    test('a comment with lone carriage returns deleted in one edit: the later lines move up by as many lines as LSP counts', () => {
        const before = 'environment E {\n  horizon 2\n  action a\n  node x = a\n}\n/* one\rtwo\rthree */\nobjective base B = x\nobjective mesa M = a\ntrain E\n';
        const after = before.replace('/* one\rtwo\rthree */', '');
        const patched = reparseIncrementally(parser, parse(before), before, after);
        expect(patched).toBeDefined();
        const train = patched!.value.declarations[3]!.$cstNode!;
        expect(train.text).toBe('train E');
        expect(train.range.start).toEqual({ line: 8, character: 0 });
        expect(snapshot(patched!)).toEqual(snapshot(parse(after)));
    });

    test('random edits to a generated 80-line spec', () => {
        for (let k = 0; k < SEEDS; k++) {
            const taken = editRandomly(largeSpec(80), 42 + k, 150);
            expect(taken).toBeGreaterThan(60);
        }
    });
});
