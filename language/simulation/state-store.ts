/**
 * The store of states that exploration fills (docs/simulation.md, Exploration): each
 * state's remembered values packed as one row of fixed-width codes in 32-bit words, and
 * the hash table that deduplicates the states of the layer being filled.
 *
 * Every value stored is encoded through one dictionary shared by all slots, codes in
 * first-seen order: an integer in [−1024, 1024) finds its code in a small table, any
 * other value in a Map. Codes start at 1 bit (32 to a word, the first in the low bits)
 * and are widened as the dictionary grows: its 3rd, 5th, 17th, 257th distinct value
 * re-encodes every row once at 2, 4, 8, 16 bits, and the 65,537th switches the store to
 * the values themselves (float64, the dictionary dropped, so that millions of distinct
 * values cost no Map entry each). A row is whole words, so hashing and comparing run
 * over words.
 *
 * A step copies most of a state's values unchanged (a history moves one slot back,
 * codegen.ts): their codes are moved within the words by shifts and masks, and only the
 * values the step computes are looked up. That lookup, when those values are small
 * integers seen before, runs as code compiled for the row layout (store-code.ts).
 *
 * Two states are the same iff their values are equal by `===`: −0 is stored as 0 (the
 * generated step writes `x + 0` anyway), so equal codes, or equal bits of raw values,
 * mean `===`-equal values. NaN, which is not `===` itself, never reaches the store: the
 * step throws on a value that is not finite before it is stored (codegen.ts), and a coded
 * NaN is refused.
 *
 * The free functions at the end read the packed states of a finished graph.
 */
import { BudgetExceeded } from './errors.js';
import type { CodeBits, PackedStates } from './state-graph.js';
import { fastIntern, hashWords, LUT_LOW, LUT_SIZE, type FastIntern, type FastStore } from './store-code.js';

/** The widths of codes, narrowest first; past the last, values are stored raw (64). */
const WIDER: Record<CodeBits, CodeBits> = { 1: 2, 2: 4, 4: 8, 8: 16, 16: 64, 64: 64 };
const EMPTY = -1;
/**
 * Above this many bytes, an array is not doubled any more but reserved at its cap at once
 * (`grownArray`). A doubling writes every page of its new block (the allocator zeroes a
 * block it reuses, and the copy fills half of it); a reservation costs a fixed fraction of
 * a millisecond, and its pages are mapped only as the states reach them. At 1 MB, graphs of
 * millions of states explore about a fifth faster, with about 40% fewer page faults, and
 * small ones pay nothing (docs/simulation.md, Exploration).
 */
export const RESERVE_BYTES = 2 ** 20;
/** The threshold for arrays that come by the hundred (an objective's rewards each): a reservation counts in full against the engine's external memory. */
export const RESERVE_MANY_BYTES = 2 ** 26;

/** 32-bit words of a row of `width` values of `bits` bits each. */
function rowWordsOf(width: number, bits: number): number {
    return Math.ceil((width * bits) / 32);
}

/** The code of slot k of the row at o, in words of `bits`-bit codes (bits divides 32, so no code spans two words). */
function codeAt(codes: Uint32Array | Float64Array, o: number, k: number, bits: number): number {
    const bit = k * bits;
    return (codes[o + (bit >>> 5)]! >>> (bit & 31)) & (2 ** bits - 1);
}

export class StateStore implements FastStore {
    /** Bits of a value in a row: 1 to 16 (a code), 64 (the value itself). */
    bits: CodeBits = 1;
    /** 32-bit words per row. */
    rowWords: number;
    /** The rows, `rowWords` words each; the first `count` are states. */
    words: Uint32Array<ArrayBuffer>;
    /** With raw values, the rows as values (the same buffer as `words`). */
    private f64 = new Float64Array(0);
    /** States stored. */
    count = 0;
    /** How many states the caps allow at the current row size, and whether memory, not the state cap, sets it. */
    maxStates = 0;
    memoryBound = false;

    /** Code + 1 of each integer of the small range (0: none yet), the codes of other values, the value of each code. */
    readonly lut = new Int32Array(LUT_SIZE);
    private map = new Map<number, number>();
    private dict = new Float64Array(64);
    private nCodes = 0;

    /** The row being looked up: words, or raw values over the same buffer. */
    private readonly key64: Float64Array;
    readonly key: Uint32Array;

    /** Open addressing over the states of the layer being filled: older entries count as empty. */
    table = new Int32Array(1024).fill(EMPTY);

    /** The slots a step computes (the others are copied), and every slot. */
    private readonly computed: Int32Array;
    private readonly every: Int32Array;
    /** Per word of a row, the bits copied from the previous slot of the source, and from the same slot. */
    private shifted = new Uint32Array(0);
    private kept = new Uint32Array(0);
    /** The lookup compiled for the current layout (store-code.ts); null with raw values or very long rows. */
    private fast: FastIntern | null = null;

    /**
     * A store of states of `width` values, for at most `stateCap` states and `memoryBytes`
     * bytes of graph data, each state costing its row plus `otherBytes` (transitions,
     * rewards, its share of the hash table). `carried[j]` is the slot of the previous state
     * that a step copies into slot j unchanged, or −1 (codegen.ts, CompiledEnv). With
     * `shared`, the rows are kept in shared memory (`zeroed`).
     */
    constructor(readonly width: number, private readonly carried: Int32Array, private readonly stateCap: number,
        private readonly otherBytes: number, private readonly memoryBytes: number, private readonly shared = false) {
        this.rowWords = rowWordsOf(width, this.bits);
        // A copy from anywhere but the previous slot or the same one is looked up like a computed value.
        const computed: number[] = [];
        for (let j = 0; j < width; j++) if (carried[j]! < 0 || (carried[j] !== j - 1 && carried[j] !== j)) computed.push(j);
        this.computed = Int32Array.from(computed);
        this.every = Int32Array.from({ length: width }, (_, j) => j);
        // Float64Arrays are made by length only, the words over their buffers.
        this.key64 = new Float64Array(Math.max(1, width));
        this.key = new Uint32Array(this.key64.buffer);
        this.setCaps();
        this.setMasks();
        // Room for 1,024 states at first, fewer when the caps allow fewer or when rows are wide.
        const first = Math.max(1, Math.min(1024, this.maxStates + 1, Math.floor(RESERVE_BYTES / 4 / Math.max(1, this.rowWords))));
        this.words = this.allocate(first);
    }

    /** Bytes one state costs in the graph: its row, its transitions and rewards, its share of the table. */
    get bytesPerState(): number {
        return this.rowWords * 4 + this.otherBytes;
    }

    /**
     * The index of the state with the values `T[at..at + width)` among the states from
     * `from` on (the layer being filled); a new one is added. The values are the successor
     * of state `source` written by a step, or any state when `source` is −1.
     */
    intern(T: Float64Array, at: number, from: number, source: number): number {
        const fast = this.fast;
        if (source >= 0 && fast !== null) {
            const found = fast(this, T, at, from, source);
            if (found >= 0) return found;
        }
        this.encode(T, at, from, source);
        // Read after encoding, which may have promoted the store.
        const rw = this.rowWords, key = this.key, words = this.words, table = this.table;
        const mask = table.length - 1;
        let i = hashWords(key, rw) & mask;
        for (;;) {
            const e = table[i]!;
            if (e < from) break;
            const o = e * rw;
            let k = 0;
            while (k < rw && words[o + k] === key[k]) k++;
            if (k === rw) return e;
            i = (i + 1) & mask;
        }
        return this.add(i, from);
    }

    /** Writes the values of state s into out[0..width). */
    read(s: number, out: Float64Array): void {
        const raw = this.bits === 64;
        decodeRow(raw ? this.f64 : this.words, this.dict, this.bits, raw ? this.width : this.rowWords, this.width, s, out);
    }

    /** The packed states, as a graph holds them (plain typed arrays). */
    packed(): PackedStates {
        const raw = this.bits === 64;
        const codes: Uint32Array | Float64Array = raw ? this.f64 : this.words;
        const stride = raw ? this.width : this.rowWords;
        const used = this.count * stride;
        // A view, never a copy: the pages of a reservation that no state reached cost nothing,
        // and a copy would map every used page once more (graphs are handed between threads
        // by moving their buffers, never cloned).
        return { codes: codes.subarray(0, used), bits: this.bits, stride, dictionary: raw ? new Float64Array(0) : this.dict.slice(0, this.nCodes) };
    }

    /**
     * Writes the row of T[at..] into `key`, at the current width: the slots the step copied from
     * state `source` take its codes, moved by shifts and masks; the others are looked up
     * (every slot when `source` is −1). A value that needs a wider code promotes the store,
     * and the row is written again.
     */
    private encode(T: Float64Array, at: number, from: number, source: number): void {
        const lut = this.lut, key = this.key;
        const slots = source < 0 ? this.every : this.computed, n = slots.length;
        for (;;) {
            const bits = this.bits, rw = this.rowWords;
            if (bits === 64) {
                const key64 = this.key64, W = this.width;
                for (let k = 0; k < W; k++) key64[k] = T[at + k]! + 0;
                return;
            }
            if (source < 0) {
                key.fill(0, 0, rw);
            } else {
                const words = this.words, shifted = this.shifted, kept = this.kept, o = source * rw;
                const back = 32 - bits;
                let prev = 0;
                for (let i = 0; i < rw; i++) {
                    const w = words[o + i]!;
                    key[i] = (((w << bits) | (prev >>> back)) & shifted[i]!) | (w & kept[i]!);
                    prev = w;
                }
            }
            let q = 0;
            for (; q < n; q++) {
                const k = slots[q]!, v = T[at + k]!, x = (v | 0) - LUT_LOW;
                let c = x >= 0 && x < LUT_SIZE && x + LUT_LOW === v ? lut[x]! - 1 : -1;
                if (c < 0) {
                    c = this.codeOf(v, from);
                    if (this.bits !== bits) break;
                }
                const bit = k * bits;
                key[bit >>> 5] = key[bit >>> 5]! | (c << (bit & 31));
            }
            if (q === n) return;
        }
    }

    /** The code of v, a new one if v was never seen; promotes the store when the codes outgrow their width. */
    private codeOf(v: number, from: number): number {
        if (v !== v) throw new Error('a state holds NaN');
        const x = (v | 0) - LUT_LOW;
        const small = x >= 0 && x < LUT_SIZE && x + LUT_LOW === v;
        const known = small ? this.lut[x]! - 1 : this.map.get(v) ?? -1;
        if (known >= 0) return known;
        const c = this.nCodes;
        if (c === 2 ** this.bits) {
            this.promote(from);
            if (this.bits === 64) return -1;
        }
        this.nCodes = c + 1;
        if (small) this.lut[x] = c + 1; else this.map.set(v, c);
        if (c >= this.dict.length) {
            const d = new Float64Array(this.dict.length * 2); d.set(this.dict); this.dict = d;
        }
        // x + LUT_LOW is v with −0 turned into 0.
        this.dict[c] = small ? x + LUT_LOW : v;
        return c;
    }

    /**
     * Re-encodes every row at the next width (twice as many bits; past 16 bits, raw values)
     * and rehashes the layer from `from` on. The memory bound follows the width: when the
     * rows stored already exceed it, the exploration ends here, as the next state would end
     * it, and the new rows are reserved for the states it allows, not for the old ones'.
     */
    private promote(from: number): void {
        const W = this.width, n = this.count, old = this.words, oldWords = this.rowWords, oldBits = this.bits;
        const oldRows = Math.floor(old.length / Math.max(1, oldWords));
        this.bits = WIDER[oldBits];
        this.rowWords = rowWordsOf(W, this.bits);
        this.setCaps();
        if (n > this.maxStates) throw new BudgetExceeded('states', this.maxStates, this.memoryBound);
        this.words = this.allocate(Math.max(n, Math.min(oldRows, this.maxStates + 1)));
        const rw = this.rowWords, words = this.words, dict = this.dict;
        for (let s = 0; s < n; s++) {
            const a = s * oldWords;
            for (let k = 0; k < W; k++) {
                const c = codeAt(old, a, k, oldBits);
                if (this.bits === 64) { this.f64[s * W + k] = dict[c]!; continue; }
                const bit = k * this.bits;
                words[s * rw + (bit >>> 5)] = words[s * rw + (bit >>> 5)]! | (c << (bit & 31));
            }
        }
        if (this.bits === 64) {
            // Raw values need no dictionary.
            this.map = new Map();
            this.dict = new Float64Array(0);
            this.lut.fill(0);
            this.nCodes = 0;
        }
        this.setMasks();
        this.rehash(from, this.table.length);
    }

    /** Appends the row in `key` as a new state, at slot i of the table. */
    add(i: number, from: number): number {
        const s = this.count;
        if (s >= this.maxStates) throw new BudgetExceeded('states', this.maxStates, this.memoryBound);
        const rw = this.rowWords;
        if ((s + 1) * rw > this.words.length) this.grow(s + 1);
        const words = this.words, key = this.key, o = s * rw;
        for (let k = 0; k < rw; k++) words[o + k] = key[k]!;
        this.table[i] = s;
        this.count = s + 1;
        if ((s + 1 - from) * 2 > this.table.length) this.rehash(from, this.table.length * 2);
        return s;
    }

    /** Room for at least `rows` rows (see `grownArray`). */
    private grow(rows: number): void {
        const rw = this.rowWords;
        this.words = grownArray(this.words, rows * rw, (this.maxStates + 1) * rw, n => this.allocate(n / rw));
    }

    /** A table of `capacity` slots holding the states from `from` on. */
    private rehash(from: number, capacity: number): void {
        const table = capacity === this.table.length ? this.table.fill(EMPTY) : new Int32Array(capacity).fill(EMPTY);
        const mask = capacity - 1, rw = this.rowWords, words = this.words;
        for (let s = from; s < this.count; s++) {
            let i = hashWords(words, rw, s * rw) & mask;
            while (table[i]! >= from) i = (i + 1) & mask;
            table[i] = s;
        }
        this.table = table;
    }

    /** Zeroed words for `rows` rows at the current width (raw values: a Float64Array made by length, the words over it). */
    private allocate(rows: number): Uint32Array<ArrayBuffer> {
        if (this.bits === 64) {
            this.f64 = zeroed(Float64Array, Math.max(1, rows * this.width), this.shared);
            return new Uint32Array(this.f64.buffer);
        }
        return zeroed(Uint32Array, Math.max(4, rows * this.rowWords), this.shared);
    }

    /** The masks of the copied slots at the current width. */
    private setMasks(): void {
        const bits = this.bits, rw = this.rowWords;
        this.shifted = new Uint32Array(rw);
        this.kept = new Uint32Array(rw);
        this.fast = null;
        if (bits === 64) return;
        const perWord = 32 / bits, ones = 2 ** bits - 1;
        for (let j = 0; j < this.width; j++) {
            const at = j / perWord | 0, bit = (j % perWord) * bits;
            if (this.carried[j]! < 0) continue;
            if (this.carried[j] === j - 1) this.shifted[at] = this.shifted[at]! | (ones << bit);
            else if (this.carried[j] === j) this.kept[at] = this.kept[at]! | (ones << bit);
        }
        this.fast = fastIntern(bits, rw, this.computed, this.shifted, this.kept);
    }

    private setCaps(): void {
        const memoryStates = Math.floor(this.memoryBytes / this.bytesPerState);
        this.maxStates = Math.min(this.stateCap, memoryStates);
        this.memoryBound = memoryStates < this.stateCap;
    }
}

/** The value of slot j of state s of a graph's packed states. */
export function stateValue(g: PackedStates, s: number, j: number): number {
    const o = s * g.stride;
    if (g.bits === 64) return g.codes[o + j]!;
    return g.dictionary[codeAt(g.codes, o, j, g.bits)]!;
}

/** Writes the `width` values of state s into out[0..width). */
export function readState(g: PackedStates & { width: number }, s: number, out: Float64Array): void {
    decodeRow(g.codes, g.dictionary, g.bits, g.stride, g.width, s, out);
}

/**
 * The one decoder of packed rows, for the store while it explores and for a graph after:
 * the `width` values of row s (rows of `stride` elements: words of `bits`-bit codes of
 * `dict`, or the values themselves) into out[0..width).
 */
function decodeRow(codes: Uint32Array | Float64Array, dict: Float64Array, bits: CodeBits, stride: number, width: number,
    s: number, out: Float64Array): void {
    const o = s * stride;
    if (bits === 64) {
        for (let k = 0; k < width; k++) out[k] = codes[o + k]!;
        return;
    }
    const mask = 2 ** bits - 1;
    for (let k = 0, bit = 0; k < width; k++, bit += bits) out[k] = dict[(codes[o + (bit >>> 5)]! >>> (bit & 31)) & mask]!;
}

/** Every state's values, nStates × width (for tests and tools). */
export function stateValues(g: PackedStates & { width: number; nStates: number }): Float64Array {
    const out = new Float64Array(g.nStates * g.width);
    for (let s = 0; s < g.nStates; s++) for (let j = 0; j < g.width; j++) out[s * g.width + j] = stateValue(g, s, j);
    return out;
}

type Kind<T> = { new (length: number): T; new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/**
 * A zeroed typed array of n elements, in shared memory when `shared`: a graph explored for
 * the pool's threads is born there, so that handing it to a worker copies nothing
 * (cli/parallel/sweeps.ts). Its pages are mapped as they are written either way.
 */
export function zeroed<T>(Kind: Kind<T>, n: number, shared: boolean): T {
    return shared ? new Kind(new SharedArrayBuffer(n * Kind.BYTES_PER_ELEMENT)) : new Kind(n);
}

/**
 * `old` with room for at least `need` elements, its elements kept: doubled while small;
 * past `reserveAbove` bytes, reserved at once for `cap` elements (everything the caps
 * allow), so that it is never copied again: large zeroed buffers are mapped lazily, only
 * the pages used cost memory, and a doubling would hold the old and the new copy at once.
 * Doubles when the reservation is refused.
 */
export function grownArray<T extends Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(
    old: T, need: number, cap: number, make: (length: number) => T, reserveAbove = RESERVE_BYTES): T {
    if (need <= old.length) return old;
    const doubled = Math.min(Math.max(cap, need), Math.max(need, 2 * old.length));
    let out: T | undefined;
    if (doubled * old.BYTES_PER_ELEMENT > reserveAbove && cap > doubled) {
        try { out = make(cap); } catch { out = undefined; }
    }
    out ??= make(doubled);
    out.set(old);
    return out;
}
