/**
 * Per-transition arrays of rewards (and of name values, adversarial/values.ts) as they are
 * filled: single precision while every value written is exact there, widened to double at
 * the first that is not. The values are exact either way, and most objectives (counts,
 * indicators, small integers and halves) take 4 bytes per transition instead of 8
 * (docs/simulation.md, Exploration).
 */
import { zeroed } from './state-store.js';

/** An array being filled: single precision until a value needs double. */
export type RewardArray = Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/**
 * Array o of `arrays` in double precision (replaced there), with v at index tr: called when
 * single precision did not hold v exactly (1/3, 0.1, 2^24 + 1); each array widens once.
 */
export function widened(arrays: RewardArray[], o: number, tr: number, v: number): Float64Array<ArrayBuffer> {
    return (arrays[o] = widen(arrays[o]!, tr, v));
}

/**
 * `r` in double precision (a copy when it was single), with v at index tr. Every caller
 * fills its array in order, so only the entries before tr are copied: the pages of a
 * reserved array past the states explored so far stay unmapped (state-store.ts, `grownArray`).
 */
export function widen(r: RewardArray, tr: number, v: number): Float64Array<ArrayBuffer> {
    let out: Float64Array<ArrayBuffer>;
    if (r instanceof Float64Array) out = r;
    else {
        // In shared memory when r is (a graph born there, state-store.ts `zeroed`).
        out = zeroed<Float64Array<ArrayBuffer>>(Float64Array, r.length, r.buffer instanceof SharedArrayBuffer);
        out.set(r.subarray(0, tr));
    }
    out[tr] = v;
    return out;
}

/** Writes v at index tr of array o, widening it when single precision does not hold v. */
export function put(arrays: RewardArray[], o: number, tr: number, v: number): void {
    const r = arrays[o]!;
    r[tr] = v;
    if (r[tr] !== v) widened(arrays, o, tr, v);
}
