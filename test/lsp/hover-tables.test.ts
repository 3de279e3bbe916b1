/**
 * Hovers on tables, grids and chance (docs/editor.md, Features): a table's size and
 * values, a grid's size and rows, the character or number an index with constant
 * indices reads (as the environment it is written in sees the table), and what a
 * chance call draws. The figures are read off the spec below by hand.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';

const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));

const spec = [
    'const reward = [1, 0, 2]',
    'const cost = [[1, 1, 1], [1, 0, 1]]',
    'grid maze {',
    '  "#######"',
    '  "#A  # #"',
    '  "#   # #"',
    '  "#  G  #"',
    '  "#######"',
    '}',
    'environment Walk {',
    '  horizon 3',
    '  action right',
    '  node x init uniform(1, 3) = x@1 + right',
    '  node y init 1 = choose(0.5: y@1, 0.25: 2, 0.25: 3)',
    '  node wall = maze[y][x] == \'#\'',
    '  node start = maze[1][1] + maze[ 3 ][3] + maze[2][1]',
    '  node prize = reward[2] + cost[1][1] + reward[-1] * 0',
    '  node slip = bernoulli(0.25)',
    '}',
    'environment Home extends Walk {',
    '  grid maze {',
    '    "##"',
    '    "#B"',
    '  }',
    '  node seen = maze[1][1]',
    '}',
    'objective base Prize = prize',
    'train Walk',
].join('\n');

/** The hover at the `occurrence`-th `needle` of the spec, `shift` characters into it. */
async function hoverAt(needle: string, shift = 0, occurrence = 0, text = spec): Promise<string> {
    let from = -1;
    for (let i = 0; i <= occurrence; i++) from = text.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`no '${needle}'`);
    const document = await parseHelper(services.Mesa)(text, { validation: true });
    const result = await services.Mesa.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(from + shift),
    });
    return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
}

describe('tables and grids', () => {
    test('a list: how many numbers, its values, how it is read', async () => {
        expect(await hoverAt('reward =', 1)).toBe('**table** `reward`: 3 numbers\n\n```mesa\nconst reward = [1, 0, 2]\n```\n\n`reward[i]` reads the number at i, from 0');
    });

    test('a table of rows: rows × columns, one row per line', async () => {
        expect(await hoverAt('cost =', 1)).toBe('**table** `cost`: 2 × 3\n\n```mesa\nconst cost = [\n  [1, 1, 1],\n  [1, 0, 1]\n]\n```\n\n`cost[i][j]` reads row i, column j, from 0');
    });

    test('a grid: rows × columns and its rows', async () => {
        const value = await hoverAt('maze {', 1);
        expect(value).toContain('**grid** `maze`: 5 rows × 7 columns');
        expect(value).toContain('```mesa\ngrid maze {\n  "#######"\n  "#A  # #"\n  "#   # #"\n  "#  G  #"\n  "#######"\n}\n```');
        // The grid of an environment says where it is declared.
        expect(await hoverAt('maze {', 1, 1)).toContain('**grid** `maze` in environment `Home`: 2 rows × 2 columns');
    });

    test('a large grid shows its first 24 rows and counts the rest', async () => {
        const text = `grid big {\n${Array.from({ length: 30 }, (_, i) => `  "${String(i % 10).repeat(90)}"`).join('\n')}\n}`;
        const value = await hoverAt('big', 1, 0, text);
        expect(value).toContain('**grid** `big`: 30 rows × 90 columns');
        // 2 spaces, the quote and 76 characters, then an ellipsis: 80 characters.
        expect(value).toContain(`\n  "${'0'.repeat(76)}…\n`);
        expect(value).toContain(`\n  "${'3'.repeat(76)}…\n… 6 more rows\n}`);
    });

    test('backticks in a row or character literal neither end the code block nor the inline code', async () => {
        const text = 'grid g {\n  "```x"\n  "````"\n}\nenvironment E { horizon 2 action a node x = g[0][0] == \'`\' + g[1][3] }';
        const value = await hoverAt('g {', 0, 0, text);
        expect(value).toContain('`````mesa\ngrid g {\n  "```x"\n  "````"\n}\n`````');
        expect((await hoverAt('g[1][3]', 0, 0, text)).split('\n\n')[0]).toBe("`g[1][3]` = `` '`' `` (code 96)");
    });

    test('a grid read without constant indices: the grid, no value', async () => {
        const value = await hoverAt('maze[y]', 1);
        expect(value.startsWith('**grid** `maze`: 5 rows × 7 columns')).toBe(true);
        expect(value).not.toContain(' = ');
    });
});

describe('an index with constant indices', () => {
    test('the character under it, row first, and its code', async () => {
        // Row 1 is "#A  # #": column 1 is A (65). Row 3 is "#  G  #": column 3 is G (71). Row 2, column 1: a space (32).
        expect((await hoverAt('maze[1][1]', 1)).split('\n\n')[0]).toBe("`maze[1][1]` = `'A'` (code 65)");
        expect((await hoverAt('maze[ 3 ][3]', 1)).split('\n\n')[0]).toBe("`maze[3][3]` = `'G'` (code 71)");
        expect((await hoverAt('maze[2][1]', 1)).split('\n\n')[0]).toBe("`maze[2][1]` = `' '` (code 32)");
    });

    test('hovering an index says the same', async () => {
        expect((await hoverAt('maze[ 3 ][3]', 6)).split('\n\n')[0]).toBe("`maze[3][3]` = `'G'` (code 71)");
        expect(await hoverAt('maze[ 3 ][3]', 10)).toBe("`maze[3][3]` = `'G'` (code 71)");
    });

    test('the number under it in a table', async () => {
        expect((await hoverAt('reward[2]', 1)).split('\n\n')[0]).toBe('`reward[2]` = `2`');
        expect((await hoverAt('cost[1][1]', 1)).split('\n\n')[0]).toBe('`cost[1][1]` = `0`');
    });

    test('an index out of range says so', async () => {
        expect((await hoverAt('reward[-1]', 1)).split('\n\n')[0]).toBe('`reward[-1]`: index -1 is out of range (it is 0..2), an error when the rule runs');
    });

    test('as the environment it is written in sees the grid: Home\'s own replaces the top-level one', async () => {
        // Home's row 1 is "#B".
        expect((await hoverAt('maze[1][1]', 1, 1)).split('\n\n')[0]).toBe("`maze[1][1]` = `'B'` (code 66)");
    });
});

describe('chance', () => {
    test('bernoulli: 1 with probability p, else 0', async () => {
        expect((await hoverAt('bernoulli', 2)).split('\n\n')[0]).toBe('`bernoulli(0.25)`: 1 with probability 0.25, else 0');
    });

    test('uniform: each integer of the range, with probability one over their number', async () => {
        expect((await hoverAt('uniform', 2)).split('\n\n')[0]).toBe('`uniform(1, 3)`: an integer from 1 to 3, each with probability 1/3');
    });

    test('choose: each outcome with its probability', async () => {
        const value = await hoverAt('choose', 2);
        expect(value.split('\n\n')[0]).toBe('`choose(0.5: y@1, 0.25: 2, 0.25: 3)`: `y@1` with probability 0.5, 2 with probability 0.25, 3 with probability 0.25');
        expect(value).toContain('Not allowed in objectives.');
    });

    test('a probability given by a parameter is named', async () => {
        const text = 'environment P(k: 0..1) { horizon 2 action a node x = bernoulli(k) }';
        expect((await hoverAt('bernoulli', 1, 0, text)).split('\n\n')[0]).toBe('`bernoulli(k)`: 1 with probability `k`, else 0');
    });
});
