/**
 * The binary heap behind Dijkstra's searches and the evaluation order: against sorting,
 * over random keys with repeats, pushes and pops interleaved.
 */
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../language/simulation/index.js';
import { MinHeap } from '../../language/model/min-heap.js';

describe('MinHeap', () => {
    test('pops values in the order of their keys, whatever the order of pushes', () => {
        for (let seed = 1; seed <= 20; seed++) {
            const random = mulberry32(seed);
            const heap = new MinHeap<string>();
            const shadow: [number, string][] = [];
            const popped: number[] = [];
            for (let step = 0; step < 300; step++) {
                if (random() < 0.6 || shadow.length === 0) {
                    const key = Math.floor(random() * 50);
                    heap.push(key, `v${step}`);
                    shadow.push([key, `v${step}`]);
                } else {
                    const least = Math.min(...shadow.map(([k]) => k));
                    expect(heap.minKey).toBe(least);
                    const value = heap.popValue();
                    const at = shadow.findIndex(([k, v]) => k === least && v === value);
                    expect(at, `seed ${seed}, step ${step}`).toBeGreaterThanOrEqual(0);
                    shadow.splice(at, 1);
                    popped.push(least);
                }
                expect(heap.size).toBe(shadow.length);
            }
            const rest: number[] = [];
            while (heap.size > 0) {
                rest.push(heap.minKey!);
                heap.popValue();
            }
            expect(rest).toEqual(shadow.map(([k]) => k).sort((a, b) => a - b));
            expect(heap.minKey).toBeUndefined();
        }
    });
});
