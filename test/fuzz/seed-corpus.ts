/**
 * The fuzz test's fixed seeds: every robustness case found so far (half-typed input,
 * lone carriage returns, byte-order marks, garbage bytes, deep nesting, huge numbers)
 * next to the bundled examples. Each stays here for good, so a case that once broke the
 * parser, linker, validator or formatter is checked on every run; the mutations start
 * from these texts (see docs/testing.md, Fuzzing). Written as escaped strings: a file
 * of samples would not survive editors and git normalising line ends and BOMs.
 */
import { EXAMPLES, exampleText, PUBLISHED, publishedText } from '../helpers/services.js';

/** A small spec around which most cases are written. */
const BASE = 'environment E {\n  horizon 2\n  action a\n  node x = a\n}\n';
const ROUTE = 'environment Route(supervised: 0..1, speed: 0..2) {\n  horizon 3\n  action go\n  node arrived = go@1 + supervised\n}\n'
    + 'objective base Arrive = arrived\nobjective mesa Go = go\n';

export const SEED_CORPUS: readonly { name: string; text: string }[] = [
    // Lone carriage returns: inside a comment (deleted in one edit, every later line moved), and as every line end.
    { name: 'lone CRs in a comment', text: `${BASE}/* one\rtwo\rthree */\nobjective base B = x\nobjective mesa M = a\ntrain E\n` },
    { name: 'lone CR line ends', text: 'environment E {\r  horizon 3\r  action a\r  node x = a@1\r}\robjective base B = x\rtrain E\r' },
    { name: 'mixed line ends', text: 'environment E {\r\n  horizon 3\r  action a\n  node x = a\r\n}\robjective base B = x\ntrain E' },
    // Half-typed uses and settings.
    { name: 'train (x)', text: `${BASE}train (x)\nobjective base B = x\nobjective mesa M = a\n` },
    { name: 'deploy (', text: `${BASE}objective base B = x\ntrain E\ndeploy (` },
    { name: 'objective model', text: `${BASE}objective base B = x\noptimizer O { objective model E }\ntrain E\n` },
    { name: 'train é(p = 0)', text: 'environment E(p: 0..3) { horizon 2 action a node x = a + p }\nobjective base B = x\ntrain é(p = 0)\n' },
    { name: 'deploy Route(su', text: `${ROUTE}train Route(supervised = 1)\ndeploy Route(su` },
    { name: 'train Route(s', text: `${ROUTE}train Route(s` },
    { name: 'Route(x = 1, s', text: `${ROUTE}train Route(x = 1, s` },
    { name: 'train Rout(supervised = 1)', text: `${ROUTE}train Rout(supervised = 1)\n` },
    { name: 'a signed parent without its name', text: 'environment E { horizon 2 action a node x <- +a, -\n node y <- +node, +x }\nobjective base B = y\n' },
    { name: 'extends a typo', text: 'environment A { horizon 2 action a node x = a }\nenvironment B extends Aa { node y = x + a }\nobjective base O = x\ntrain B\n' },
    // Byte-order marks, before a multi-line block comment and elsewhere.
    { name: 'BOM before a block comment', text: `\uFEFF/* a block\n   comment\n     indented */\n${BASE}objective base B = x\ntrain E\n` },
    { name: 'BOM then an indented block comment', text: `\uFEFFenvironment E {\n  horizon 2\n  /* a\n     b */\n  action a\n  node x = a\n}\nobjective base B = x\n` },
    { name: 'BOM in the middle', text: `${BASE}\uFEFFobjective base B = x\uFEFF\ntrain E\n` },
    // Huge parameter ranges, delays and numbers.
    { name: 'a billion concrete environments', text: 'environment E(p: 0..1000000000) { horizon 2  action a  node x = a }\nobjective base B = x\n' },
    // Simulated in the long campaign only (see oracles.ts, smallEnough).
    { name: 'a ten-million-step delay', text: 'environment E { horizon 2 action a node x = a@10000000 }\nobjective base B = x\ntrain E\n' },
    { name: 'huge numbers', text: 'environment E(p: -1e308..1e308) { horizon 1e308 discount 1e308 action a node x = a * 1e308 + 99999999999999999999 }\n'
        + 'objective base B = x / 1e-308\noptimizer O { objective B depth 1e308 }\ntrain E(p = 1e308)\nselect { penalty depth 1e308 }\n' },
    { name: 'a horizon of a million', text: 'environment E { horizon 1000000 action a node x = x@1 + a }\nobjective base B = x\ntrain E\n' },
    // Garbage and deep nesting.
    { name: 'garbage bytes', text: `${BASE}\u0000\u0001\uFFFD\uD83D\u2028#$\\"'\u00e9\u0301 objective base B = x\ntrain E\n` },
    { name: 'deep parentheses', text: `environment E { horizon 2 action a node x = ${'('.repeat(99)}a${')'.repeat(99)} }\nobjective base B = x\ntrain E\n` },
    { name: 'too deep parentheses', text: `environment E { horizon 2 action a node x = ${'('.repeat(150)}a }\nobjective base B = x\n` },
    { name: 'a long sum', text: `environment E { horizon 2 action a node x = ${Array.from({ length: 600 }, () => 'a').join(' + ')} }\nobjective base B = x\ntrain E\n` },
    { name: 'unclosed block comment', text: `${BASE}/* never closed\nobjective base B = x\n` },
    { name: 'empty', text: '' },
    { name: 'only whitespace', text: ' \r\n\t\r \uFEFF' },
    // Tables, grids and chance at their edges.
    { name: 'a ragged grid', text: 'grid g { "###" "#" "" }\nenvironment E { horizon 2 action a node x = g[a][a] }\nobjective base B = x\ntrain E\n' },
    { name: 'an unclosed grid row', text: 'grid g { "### \n "#A#" }\nenvironment E { horizon 2 action a node x = g[0][0] == \'#\' }\nobjective base B = x\n' },
    { name: 'odd character literals', text: `${BASE}objective base B = x + '\u00e9' + '"' + ' '\nconst t = [1e308, -1e308]\ntrain E weight 1e308\n` },
    { name: 'huge draws', text: 'environment E { horizon 2 action a node x = uniform(0, 1000000000) + choose(1e-300: a, 1: 0) node y init uniform(-5, 5) * uniform(0, 999) = bernoulli(2) }\nobjective base B = x\ntrain E\n' },
    { name: 'indices far out', text: 'const t = [[1, 2], [3, 4]]\nenvironment E { horizon 2 action a node x = t[a * 1e9][-1] + t[0.5][1] }\nobjective base B = x\ntrain E\n' },
    ...EXAMPLES.map(name => ({ name: `example ${name}`, text: exampleText(name) })),
    ...PUBLISHED.map(name => ({ name: `published ${name}`, text: publishedText(name) })),
];

/** Edits the incremental reparse is checked on besides the mutations: each turns `from` into `to`. */
export const SEED_EDITS: readonly { name: string; from: string; to: string }[] = [
    {
        name: 'a comment with lone CRs deleted in one edit',
        from: `${BASE}/* one\rtwo\rthree */\nobjective base B = x\nobjective mesa M = a\ntrain E\n`,
        to: `${BASE}\nobjective base B = x\nobjective mesa M = a\ntrain E\n`,
    },
    {
        name: 'a member typed in an environment with lone CR line ends',
        from: 'environment E {\r  horizon 3\r  action a\r}\robjective base B = a\r',
        to: 'environment E {\r  horizon 3\r  action a\r  node x = a\r}\robjective base B = a\r',
    },
    {
        name: 'a lone CR typed before a line feed (it becomes a CRLF)',
        from: `${BASE}objective base B = x\ntrain E\n`,
        to: `${BASE}objective base B = x\r\ntrain E\n`,
    },
];
