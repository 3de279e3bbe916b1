/**
 * The claim words the pool's threads share (pool.ts, sweeps.ts, core-worker.ts): one
 * 32-bit word per piece of work, 0 while it is free. A thread claims a piece by swapping
 * its word from 0 for its own mark, the main thread's −1 or a worker's 1 + its slot, so
 * each piece runs once, on whichever thread swapped first, and the word then says where.
 */

/** The main thread's mark. */
export const HERE = -1;

/** The mark of the worker at `slot`. */
export function workerMark(slot: number): number {
    return 1 + slot;
}

/** Whether `mark` has just claimed piece j (false: someone had already). */
export function claim(claims: Int32Array, j: number, mark: number): boolean {
    return Atomics.compareExchange(claims, j, 0, mark) === 0;
}

/** The first piece `mark` can claim, now claimed; −1 when none is free. */
export function claimFirst(claims: Int32Array, mark: number): number {
    for (let j = 0; j < claims.length; j++) if (claim(claims, j, mark)) return j;
    return -1;
}

/** The slot of the worker that claimed piece j; negative when it is free or the main thread's. */
export function holder(claims: Int32Array, j: number): number {
    return Atomics.load(claims, j) - 1;
}

/** Gives the main thread every piece below `end` still free, so that no worker starts one. */
export function closeFree(claims: Int32Array, end = claims.length): void {
    for (let j = 0; j < end; j++) claim(claims, j, HERE);
}
