/**
 * Mutations of a spec for the fuzz test: what an author does half-way through typing
 * (a token inserted or deleted anywhere, a line cut short, a line copied from another
 * spec) and what a hostile or broken file holds (lone carriage returns, byte-order
 * marks, control characters, deep nesting, huge numbers). All randomness comes from the
 * `random` passed in, so a seed replays a run exactly (see docs/testing.md, Fuzzing).
 */

export type Random = () => number;

export const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;
const spot = (text: string, random: Random) => Math.floor(random() * (text.length + 1));
const insertAt = (text: string, at: number, piece: string) => text.slice(0, at) + piece + text.slice(at);

/** Pieces typed into a spec: keywords, names, punctuation, numbers, line ends, garbage. */
const PIECES = [
    'environment ', 'extends ', 'horizon ', 'discount ', 'action ', 'node ', 'init ', ' = ', ' <- ', 'objective ', 'base ',
    'mesa ', 'optimizer ', 'model ', 'depth ', 'train ', 'deploy ', 'select { ', 'penalty ', 'length ', ' in ', 'if ', ' then ',
    ' else ', ' and ', 'not ', 'final(', 'sum(', 'min(', 'clamp(', 'true',
    'x', 'a', 'E', 'Route', 'su', 'p', 'é', 'zz', '_',
    '(', ')', '{', '}', ',', '=', '@', '..', ':', '+', '-', '*', '/', '<', '==', '//', '/*', '*/',
    '0', '1', '-1', '0.5', '1e308', '1e-308', '10000000', '1000000000', '99999999999999999999', '1.', '.5',
    '\n', '\r', '\r\n', '\t', ' ', '\uFEFF', '\u2028', '\u00a0',
    '\u0000', '\u0007', '\uFFFD', '\uD83D', '😀', '#', '$', '\\', '"', "'", '\u0301',
];

/** Layout an author may type between two tokens: it keeps a valid spec valid, and gives the formatter work. */
const LAYOUT = [' ', '   ', '\t', '\n', '\n\n\n', '\r\n', '\r', '\n    ', ' // note\n', ' /* c */ ', '\n/* a\n     block */\n', '\n  /* a\r  b */\n', '\uFEFF'];

/** Every mutation: each takes a text and gives another. */
const MUTATIONS: ((text: string, random: Random, donors: readonly string[]) => string)[] = [
    // layout where there is already some (four times as likely as the others)
    ...Array.from({ length: 4 }, () => layoutAt),
    // type a piece anywhere (thrice as likely as the others)
    (text, random) => insertAt(text, spot(text, random), pick(PIECES, random)),
    (text, random) => insertAt(text, spot(text, random), pick(PIECES, random)),
    (text, random) => insertAt(text, spot(text, random), pick(PIECES, random)),
    // delete a few characters, or a whole run
    (text, random) => {
        const at = spot(text, random);
        return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * (random() < 0.8 ? 4 : 60)));
    },
    // cut the text short (a declaration half typed at the end)
    (text, random) => text.slice(0, spot(text, random)),
    // copy a piece of the text elsewhere
    (text, random) => {
        const from = spot(text, random);
        return insertAt(text, spot(text, random), text.slice(from, from + 1 + Math.floor(random() * 30)));
    },
    // a line of another spec
    (text, random, donors) => {
        const lines = pick(donors, random).split(/\r\n|\r|\n/);
        return insertAt(text, spot(text, random), `${pick(lines, random)}\n`);
    },
    // swap two lines
    (text, random) => {
        const lines = text.split('\n');
        const [i, j] = [Math.floor(random() * lines.length), Math.floor(random() * lines.length)];
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        return lines.join('\n');
    },
    // a number becomes huge, tiny or negative
    (text, random) => {
        const numbers = [...text.matchAll(/\d+(\.\d+)?([eE][+-]?\d+)?/g)];
        if (numbers.length === 0) return text;
        const m = pick(numbers, random);
        return text.slice(0, m.index) + pick(['1e308', '0', '1000000000', '10000000', '99999999999999999999', '0.000001', '2.5'], random)
            + text.slice(m.index + m[0].length);
    },
    // a name replaced by another name of the text (a rename, a typo that hits a namesake)
    (text, random) => {
        const words = [...text.matchAll(/\b[A-Za-z_]\w*\b/g)];
        if (words.length === 0) return text;
        const m = pick(words, random);
        const to = random() < 0.5 ? pick(words, random)[0] : `${m[0].slice(0, -1)}`;
        return text.slice(0, m.index) + to + text.slice(m.index + m[0].length);
    },
    // every line end in one style
    (text, random) => text.replace(/\r\n|\r|\n/g, pick(['\n', '\r\n', '\r'], random)),
    // a byte-order mark in front
    text => `\uFEFF${text}`,
    // parentheses nested deep around a spot
    (text, random) => {
        const depth = pick([20, 99, 101, 150], random);
        const at = spot(text, random);
        return insertAt(insertAt(text, at, `${'('.repeat(depth)}x`), at + depth + 1, random() < 0.7 ? ')'.repeat(depth) : '');
    },
];

/** Layout inserted next to whitespace already in the text (so between tokens, or inside a comment). */
function layoutAt(text: string, random: Random): string {
    const blanks = [...text.matchAll(/\s/g)];
    if (blanks.length === 0) return text;
    return insertAt(text, pick(blanks, random).index, pick(LAYOUT, random));
}

/** One to three mutations of `text`; `donors` are specs to copy lines from. */
export function mutate(text: string, random: Random, donors: readonly string[]): string {
    let mutated = text;
    const count = 1 + Math.floor(random() * random() * 3);
    for (let k = 0; k < count; k++) mutated = pick(MUTATIONS, random)(mutated, random, donors);
    return mutated;
}
