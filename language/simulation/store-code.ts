/**
 * The hash of the state store's rows, and the store's fast path compiled for one row
 * layout (state-store.ts, docs/simulation.md, Exploration). Looking up a step's successor
 * is most of exploring; written for a given layout, as the step itself is (codegen.ts),
 * it is straight-line code: each word of the row is built in a register from the source
 * row's words by constant shifts and masks, the codes of the computed values are read from
 * the small-integer table, the words are hashed and compared to the table's candidates
 * without a loop. A value the table does not hold (new, a fraction, large) returns −1 and
 * the store takes its general path. Compiled functions are kept by their source, so an
 * environment explored again, or one with the same layout, compiles nothing.
 */
import type { CodeBits } from './state-graph.js';

/** What the compiled fast path reads and calls of the store. */
export interface FastStore {
    words: Uint32Array;
    table: Int32Array;
    readonly lut: Int32Array;
    readonly key: Uint32Array;
    /** Appends the row in `key` as a new state at slot i of the table (checks the caps, grows, rehashes). */
    add(i: number, from: number): number;
}

/**
 * The index of the successor of state `source` whose values are T[at..] among the states
 * from `from` on (added when new), or −1 when a computed value has no code in the table.
 */
export type FastIntern = (st: FastStore, T: Float64Array, at: number, from: number, source: number) => number;

/** Integers in [LUT_LOW, LUT_LOW + LUT_SIZE) find their code + 1 in `lut` (0: none yet). */
export const LUT_LOW = -1024;
export const LUT_SIZE = 2048;

/** The hash of the n words of a at o: a multiply-rotate round per word, then MurmurHash3's finaliser. */
export function hashWords(a: Uint32Array, n: number, o = 0): number {
    let h = n;
    for (let i = o, end = o + n; i < end; i++) {
        h = Math.imul(h ^ a[i]!, 0x9e3779b1);
        h = (h << 15) | (h >>> 17);
    }
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h;
}

/** Rows longer than this many words take the general path. */
const MAX_WORDS = 32;
const cache = new Map<string, FastIntern>();
const CACHE = 1024;

/**
 * The fast path for rows of `rowWords` words of `bits`-bit codes: slots `computed` are
 * looked up, the others built from the source row: `shifted[i]` marks the bits of word i
 * that hold the previous slot's code of the source, `kept[i]` those holding the same
 * slot's. Null when the rows are too long.
 */
export function fastIntern(bits: Exclude<CodeBits, 64>, rowWords: number, computed: Int32Array, shifted: Uint32Array, kept: Uint32Array): FastIntern | null {
    if (rowWords > MAX_WORDS) return null;
    const perWord = 32 / bits, rw = rowWords;
    const lines = [`const words = st.words, lut = st.lut, o = source * ${rw};`, 'let v = 0, x = 0, c = 0;'];
    const codes: string[][] = Array.from({ length: rw }, () => []);
    computed.forEach((k, q) => {
        lines.push(`v = T[at + ${k}]; x = (v | 0) - (${LUT_LOW}); c = x >= 0 && x < ${LUT_SIZE} && x + (${LUT_LOW}) === v ? lut[x] : 0;`,
            `if (c === 0) return -1;`, `const c${q} = (c - 1) << ${(k % perWord) * bits};`);
        codes[Math.floor(k / perWord)]!.push(`c${q}`);
    });
    const read = new Set<number>();
    for (let i = 0; i < rw; i++) {
        if (shifted[i] !== 0) { read.add(i); if (i > 0) read.add(i - 1); }
        if (kept[i] !== 0) read.add(i);
    }
    for (const i of [...read].sort((a, b) => a - b)) lines.push(`const s${i} = words[o + ${i}] | 0;`);
    for (let i = 0; i < rw; i++) {
        const parts = [...codes[i]!];
        if (shifted[i] !== 0) parts.push(`(((s${i} << ${bits}) | ${i > 0 ? `(s${i - 1} >>> ${32 - bits})` : '0'}) & ${shifted[i]! | 0})`);
        if (kept[i] !== 0) parts.push(`(s${i} & ${kept[i]! | 0})`);
        lines.push(`const k${i} = ${parts.length > 0 ? parts.join(' | ') : '0'};`);
    }
    // hashWords, unrolled.
    lines.push(`let h = ${rw};`);
    for (let i = 0; i < rw; i++) lines.push(`h = Math.imul(h ^ k${i}, 0x9e3779b1); h = (h << 15) | (h >>> 17);`);
    lines.push('h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;');
    const same = Array.from({ length: rw }, (_, i) => `(words[p + ${i}] | 0) === k${i}`).join(' && ') || 'true';
    lines.push('const table = st.table, mask = table.length - 1;', 'let i = h & mask;',
        `for (;;) { const e = table[i]; if (e < from) break; const p = e * ${rw}; if (${same}) return e; i = (i + 1) & mask; }`,
        'const key = st.key;', ...Array.from({ length: rw }, (_, i) => `key[${i}] = k${i};`), 'return st.add(i, from);');
    const source = lines.join('\n');
    let fast = cache.get(source);
    if (!fast) {
        if (cache.size >= CACHE) cache.clear();
        fast = new Function(`"use strict";return function fast(st, T, at, from, source) {\n${source}\n};`)() as FastIntern;
        cache.set(source, fast);
    }
    return fast;
}
