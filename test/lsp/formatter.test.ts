/**
 * Formatting: the canonical layout, idempotent, keeping every comment; formatting any
 * example (and any whitespace variant of it) gives a spec with the same compiled model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFormatting, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMesaServices } from '../../language/mesa-module.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { compiled, EXAMPLES, exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const formatting = expectFormatting(services.Mesa);
afterEach(() => clearDocuments(services.shared));

async function format(text: string): Promise<string> {
    const document = await parseHelper(services.Mesa)(text);
    const edits = await services.Mesa.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: false },
    });
    await clearDocuments(services.shared, [document]);
    return TextDocument.applyEdits(TextDocument.create('file:///f.mesa', 'mesa', 1, text), edits);
}

const comments = (text: string) => text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];

/** The compiled model without source locations (and the document URI). */
function withoutLocations(spec: CompiledSpec): unknown {
    const isLocation = (value: unknown) => typeof value === 'object' && value !== null && 'uri' in value && 'range' in value;
    return JSON.parse(JSON.stringify({ ...spec, uri: '' }, (key, value) => key === 'locations' || isLocation(value) ? undefined : value));
}

describe('canonical layout', () => {
    test('members one per line, spaces around operators, tight delays, calls and signs', async () => {
        await formatting({
            before: 'environment   Lab(k:0 .. 3)extends Base{horizon 40 action press,flip\n'
                + '      node lamp init -1=press@ 10+flip>0 node q<-+ press , -flip\n'
                + 'node m = min( lamp ,k )*- lamp/(1+abs(k))  }\n'
                + 'environment Base { }\n'
                + 'objective  base Light=if lamp then 1 else not  flip\n\n\n\n'
                + 'optimizer O{objective Light depth 3}\n'
                + 'train Lab( k=1 ),Base deploy Lab(k in 0..3)\nselect{penalty depth 0.1   penalty length 1}',
            after: 'environment Lab(k: 0..3) extends Base {\n'
                + '  horizon 40\n'
                + '  action press, flip\n'
                + '  node lamp init -1 = press@10 + flip > 0\n'
                + '  node q <- +press, -flip\n'
                + '  node m = min(lamp, k) * -lamp / (1 + abs(k))\n'
                + '}\n'
                + 'environment Base { }\n'
                + 'objective base Light = if lamp then 1 else not flip\n\n'
                + 'optimizer O {\n'
                + '  objective Light\n'
                + '  depth 3\n'
                + '}\n'
                + 'train Lab(k = 1), Base\ndeploy Lab(k in 0..3)\nselect { penalty depth 0.1 penalty length 1 }\n',
        });
    });

    test('comments stay where they are: trailing ones on their line, own-line ones re-indented', async () => {
        await formatting({
            before: '// header\nenvironment A { // opens\n      // about the horizon\nhorizon 3 /* inline */ action a\n'
                + '    /* a block\n       comment */\n  node x = a   // x\n}\n// between\nobjective base O = x',
            after: '// header\nenvironment A { // opens\n  // about the horizon\n  horizon 3 /* inline */\n  action a\n'
                + '  /* a block\n     comment */\n  node x = a   // x\n}\n// between\nobjective base O = x\n',
        });
    });

    test('the examples in the design layout are already formatted, save one-line blocks', async () => {
        for (const name of ['button-lamp', 'cleaning', 'garden', 'evolution'] as const) {
            expect(await format(exampleText(name)), name).toBe(exampleText(name));
        }
        expect(await format(exampleText('believer'))).toContain('environment DustVanishes extends Room {\n  node bin = 0\n}\n');
    });
});

describe('tables, grids, chance and weights', () => {
    const messy = 'const   reward=[ 1 ,0,- 2 ]\nconst cost = [ [1,1] ,[ 1, 0 ] ]\ngrid maze{"#####"   "#A  #"\n"#####"}\n'
        + 'environment E{horizon 3 action a\nconst reward = [3]\ngrid g {}\nshow maze at(x ,y)\n'
        + 'node x init uniform( 0 ,3 )= choose(0.5:x@1 ,0.5 : 0)+bernoulli( 0.25 )\n'
        + "node y = maze [ y@1 ] [ x@1 ] == '#'}\ntrain E weight   0.98 , E weight 0.02";
    const tidy = 'const reward = [1, 0, -2]\nconst cost = [[1, 1], [1, 0]]\ngrid maze {\n  "#####"\n  "#A  #"\n  "#####"\n}\n'
        + 'environment E {\n  horizon 3\n  action a\n  const reward = [3]\n  grid g { }\n  show maze at (x, y)\n'
        + '  node x init uniform(0, 3) = choose(0.5: x@1, 0.5: 0) + bernoulli(0.25)\n'
        + "  node y = maze[y@1][x@1] == '#'\n}\ntrain E weight 0.98, E weight 0.02\n";

    test('tables on one line, grid rows one per line, show, choose, indexing and weights tight', async () => {
        expect(await format(messy)).toBe(tidy);
        expect(await format(tidy)).toBe(tidy);
    });

    test('a table of rows longer than 80 columns: one row per line, indented, `]` alone; back on one line when it fits', async () => {
        const long = 'environment M { horizon 2 const walls = [[1,1,1,1,1,1,1,1],[1,0,0,0,0,0,0,1],[1,1,1,1,1,1,1,1]] }';
        // On one line it would be 2 + 'const walls = [' (15) + 3 rows of 24 + 2 commas and spaces (4) + ']' (1) = 94 columns.
        const split = 'environment M {\n  horizon 2\n  const walls = [\n    [1, 1, 1, 1, 1, 1, 1, 1],\n    [1, 0, 0, 0, 0, 0, 0, 1],\n    [1, 1, 1, 1, 1, 1, 1, 1]\n  ]\n}\n';
        expect(await format(long)).toBe(split);
        expect(await format(split)).toBe(split);
        expect(await format('const t = [\n[1],\n    [2]\n]')).toBe('const t = [[1], [2]]\n');
    });

    test('80 columns is the limit: two rows of 11 digits fit, one more digit does not', async () => {
        // 'const t = [' (11) + two rows of 3 × 11 - 2 + 2 = 33 columns each, ', ' between (2) + ']' (1) = 80.
        const row = Array(11).fill(1).join(',');
        const fits = await format(`const t = [[${row}], [${row}]]`);
        expect(fits.trimEnd()).toHaveLength(80);
        expect(fits.split('\n')).toHaveLength(2);
        const wider = await format(`const t = [[${row}], [${row.replace('1', '10')}]]`);
        expect(wider).toBe(`const t = [\n  [${row.replaceAll(',', ', ')}],\n  [${row.replace('1', '10').replaceAll(',', ', ')}]\n]\n`);
    });

    test('comments in a grid stay, own-line ones indented like the rows', async () => {
        const once = await format('grid g { // the map\n"##" /* wall */\n  // row two\n     "#A"\n}');
        expect(once).toBe('grid g { // the map\n  "##" /* wall */\n  // row two\n  "#A"\n}\n');
        expect(await format(once)).toBe(once);
    });

    test('`//` and `/*` inside a row or character literal start no comment for the finishing', async () => {
        const once = await format('grid g { "/*" }\n\n\n\n// c\n\n\n\nobjective base O = x /* c */');
        expect(once).toBe('grid g {\n  "/*"\n}\n\n// c\n\nobjective base O = x /* c */\n');
        const char = await format("environment E { horizon 2 action a node x = a == '/'   \n\n\n\n node y = 1 /* c */ }");
        expect(char).toBe("environment E {\n  horizon 2\n  action a\n  node x = a == '/'\n\n  node y = 1 /* c */\n}\n");
    });

    const published = readdirSync(join(import.meta.dirname, '..', '..', 'examples', 'published')).filter(f => f.endsWith('.mesa'));
    test.each(published)('published/%s is in the canonical layout already', async file => {
        const text = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'published', file), 'utf8');
        expect(await format(text)).toBe(text);
    });

    test('property: any whitespace variant formats to the canonical layout, idempotently, with the same tokens', async () => {
        const tokens = (text: string) => services.Mesa.parser.Lexer.tokenize(text).tokens.map(t => t.image);
        const variant = fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '\n\n  ', ' \n\t'), { minLength: 1, maxLength: 30 });
        await fc.assert(fc.asyncProperty(variant, async spaces => {
            let i = 0;
            const text = tidy.replace(/("[^"]*"|'[^']')|[ \n]+/g, (whole, literal: string | undefined) => literal ?? spaces[i++ % spaces.length]!);
            const once = await format(text);
            expect(tokens(once)).toEqual(tokens(tidy));
            expect(await format(once)).toBe(once);
            // A blank line between declarations or members is the author's to keep (one at most).
            expect(once.replace(/\n\n/g, '\n')).toBe(tidy);
        }), { numRuns: 25 });
    });
});

describe('formatting preserves meaning', () => {
    test('a document with syntax errors is left alone', async () => {
        const broken = 'environment   A {  horizon 3 node x = }\nobjective base O=x';
        expect(await format(broken)).toBe(broken);
    });

    test.each(EXAMPLES)('%s: idempotent, keeps every comment, same compiled model', async name => {
        const text = exampleText(name);
        const once = await format(text);
        expect(await format(once)).toBe(once);
        expect(comments(once)).toEqual(comments(text));
        expect(withoutLocations(await compiled(once))).toEqual(withoutLocations(await compiled(text)));
    });

    test('property: any whitespace variant of an example formats like the example, idempotently', async () => {
        // Outside comments, runs of spaces become 1-3 spaces or tabs, line breaks 1-3 line
        // breaks with any indentation. The space before a trailing comment and single
        // blank lines are the author's: compare without them.
        const variant = fc.record({
            example: fc.constantFrom(...EXAMPLES),
            spaces: fc.array(fc.constantFrom(' ', '  ', '\t', '   '), { minLength: 1, maxLength: 20 }),
            breaks: fc.array(fc.constantFrom('\n', '\n\n', '\n    ', '\n\t', '\n\n\n  '), { minLength: 1, maxLength: 20 }),
        });
        const trailing = (text: string) => text.replace(/[ \t]+(?=\/\/|\/\*)/g, ' ').replace(/\n+/g, '\n');
        await fc.assert(fc.asyncProperty(variant, async ({ example, spaces, breaks }) => {
            let i = 0;
            const text = exampleText(example).split(/(\/\/[^\n]*|\/\*[\s\S]*?\*\/)/).map((part, k) => k % 2 === 1 ? part : part
                .replace(/(?<=\S)[ \t]+(?=\S)/g, () => spaces[i++ % spaces.length]!)
                .replace(/\n[ \t]*/g, () => breaks[i++ % breaks.length]!)).join('');
            const once = await format(text);
            expect(await format(once)).toBe(once);
            expect(comments(once)).toEqual(comments(text));
            expect(once).not.toMatch(/\n[ \t]*\n[ \t]*\n/);
            expect(trailing(once)).toBe(trailing(await format(exampleText(example))));
        }), { numRuns: 25 });
    });
});

describe('byte-order marks and line ends', () => {
    test('a block comment after a byte-order mark keeps its continuation lines, however often it is formatted', async () => {
        const text = '\uFEFF/* a block\n   comment\n     indented */\nenvironment E { horizon 2 }\n';
        const once = await format(text);
        expect(once).toBe('\uFEFF/* a block\n   comment\n     indented */\nenvironment E {\n  horizon 2\n}\n');
        expect(await format(once)).toBe(once);
    });

    test('the byte-order mark stays in front of a declaration', async () => {
        expect(await format('\uFEFF  environment E { horizon 2 }')).toBe('\uFEFFenvironment E {\n  horizon 2\n}\n');
    });

    test('a block comment with lone carriage returns is re-indented line by line as the editor counts lines, its text kept', async () => {
        const text = 'environment E {\n  horizon 2\n    /* a\rb\r       c\n       d */\n}\n';
        const once = await format(text);
        expect(once).toBe('environment E {\n  horizon 2\n  /* a\rb\r     c\n     d */\n}\n');
        expect(await format(once)).toBe(once);
    });
});

describe('comments inside a member', () => {
    test('a block comment between a keyword and its value moves once, and stays there when formatted again', async () => {
        const text = 'environment E {\n  horizon\n/* a\n     block */\n 12\n  action a\n}\n';
        const once = await format(text);
        expect(once).toBe('environment E {\n  horizon\n  /* a\n       block */\n 12\n  action a\n}\n');
        expect(await format(once)).toBe(once);
    });
});

describe('lone carriage returns in the layout', () => {
    // Langium's formatter writes LF between the tokens it places; the line breaks left are
    // those around comments, which the finishing tidies as the editor counts lines.
    test.each([
        ['trailing blanks before a lone CR', 'environment E {\n  horizon 3\n    \r \n  /* c */\n  action a\n}\n',
            'environment E {\n  horizon 3\r\n\r\n  /* c */\n  action a\n}\r\n'],
        ['blank lines made of lone CRs', 'environment E {\n  horizon 3\n\r\r\r\n  /* c */\n  action a\n}\n',
            'environment E {\n  horizon 3\r\n\r\n  /* c */\n  action a\n}\r\n'],
        ['a lone CR between two tokens of a rule', 'environment E {\n  node x = a \r+ b\n}\n', 'environment E {\n  node x = a + b\n}\n'],
        ['whitespace ending in a CRLF replaced by an LF', 'environment E { horizon 2 }\nobjective base B = x\uFEFF\r\ntrain E\n',
            'environment E {\n  horizon 2\n}\nobjective base B = x\ntrain E\n'],
        ['the line end at the end of the text', 'environment E {\r  horizon 3\r \n  /* a\r  b */\n action a\r // note\n  node x = a@1\r}\rtrain E\r',
            'environment E {\n  horizon 3\r\n  /* a\r  b */\n  action a\r  // note\n  node x = a@1\n}\ntrain E\r\n'],
    ])('%s: tidied once and for all', async (_name, text, expected) => {
        const once = await format(text);
        expect(once).toBe(expected);
        expect(await format(once)).toBe(once);
    });
});
