/**
 * A binary min-heap of (key, value) pairs, for Dijkstra and topological orders.
 */

/** A binary min-heap of (key, value) pairs. */
export class MinHeap<T> {
    private readonly keys: number[] = [];
    private readonly values: T[] = [];

    get size(): number {
        return this.keys.length;
    }

    push(key: number, value: T): void {
        let i = this.keys.length;
        this.keys.push(key);
        this.values.push(value);
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (this.keys[parent]! <= key) break;
            this.swap(i, parent);
            i = parent;
        }
    }

    /** The least key (undefined when empty). */
    get minKey(): number | undefined {
        return this.keys[0];
    }

    /** Removes the entry with the least key and returns its value (no pair allocated). */
    popValue(): T {
        const top = this.values[0]!;
        const lastKey = this.keys.pop()!;
        const lastValue = this.values.pop()!;
        if (this.keys.length > 0) {
            this.keys[0] = lastKey;
            this.values[0] = lastValue;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < this.keys.length && this.keys[l]! < this.keys[m]!) m = l;
                if (r < this.keys.length && this.keys[r]! < this.keys[m]!) m = r;
                if (m === i) break;
                this.swap(i, m);
                i = m;
            }
        }
        return top;
    }

    private swap(a: number, b: number): void {
        const key = this.keys[a]!;
        this.keys[a] = this.keys[b]!;
        this.keys[b] = key;
        const value = this.values[a]!;
        this.values[a] = this.values[b]!;
        this.values[b] = value;
    }
}
