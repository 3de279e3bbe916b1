/**
 * Chance in the generated step (docs/simulation.md, Chance). Every draw of an
 * environment's rules is a numbered site; the step asks `draw(k)` which option site k
 * takes. To enumerate a step's outcomes exactly, the step is run once per outcome: the
 * first run takes option 0 at every site it reads, and each next run advances the sites
 * read last, like an odometer, and clears the ones read after them (what a step reads
 * after a draw may depend on it, so a run's sites are the ones it actually read). A draw
 * inside an untaken `if` branch or an unchosen option is never read, so it never
 * branches. The probability of a run is the product of its sites' option probabilities.
 */

export class Draws {
    /** Per site, the probability of each option. */
    private readonly probabilities: Float64Array[];
    private readonly choice: Int32Array;
    private readonly stamp: Int32Array;
    private readonly order: Int32Array;
    private nRead = 0;
    private run = 0;
    /** Some site may take an option other than 0 (an enumeration was left unfinished). */
    private dirty = false;
    /** The option site k takes in this run (called by the generated step). */
    readonly draw: (k: number) => number;

    constructor(sites: readonly (readonly number[])[]) {
        this.probabilities = sites.map(p => Float64Array.from(p));
        const n = Math.max(1, sites.length);
        this.choice = new Int32Array(n);
        this.stamp = new Int32Array(n).fill(-1);
        this.order = new Int32Array(n);
        this.draw = (k: number): number => {
            if (this.stamp[k] !== this.run) {
                this.stamp[k] = this.run;
                this.order[this.nRead++] = k;
            }
            return this.choice[k]!;
        };
    }

    get sites(): number {
        return this.probabilities.length;
    }

    /** Starts enumerating the outcomes of one step: option 0 everywhere (a finished enumeration leaves it so). */
    first(): void {
        if (this.dirty) this.choice.fill(0);
        this.next();
    }

    /** The probability of the run just made: the product over the sites it read. */
    probability(): number {
        let p = 1;
        for (let i = 0; i < this.nRead; i++) {
            const k = this.order[i]!;
            p *= this.probabilities[k]![this.choice[k]!]!;
        }
        return p;
    }

    /** How many sites the run just made read (its fan-out is their options' product). */
    get read(): number {
        return this.nRead;
    }

    /** Moves to the next outcome; false when the run just made was the last one. */
    advance(): boolean {
        for (let i = this.nRead - 1; i >= 0; i--) {
            const k = this.order[i]!;
            if (this.choice[k]! + 1 < this.probabilities[k]!.length) {
                this.choice[k] = this.choice[k]! + 1;
                this.dirty = true;
                this.next();
                return true;
            }
            this.choice[k] = 0;
        }
        this.dirty = false;
        return false;
    }

    private next(): void {
        this.nRead = 0;
        if (++this.run >= 0x3fffffff) {
            this.run = 0;
            this.stamp.fill(-1);
        }
    }
}

/** A node whose init draws: the slots holding its value at t = 0, and its outcomes. */
export interface InitDraw {
    slots: number[];
    values: number[];
    probabilities: number[];
}

/**
 * The initial states of an environment whose inits draw: every combination of the
 * nodes' outcomes (independent across nodes), written over `initial` into `out`, with
 * its probability, in odometer order (the last node fastest). A budget stops it by
 * throwing from `visit`.
 */
export function forEachInitial(initial: Float64Array, draws: readonly InitDraw[], out: Float64Array,
    visit: (p: number) => void): void {
    const at = new Int32Array(draws.length);
    for (;;) {
        out.set(initial);
        let p = 1;
        draws.forEach((d, i) => {
            const v = d.values[at[i]!]!;
            for (const s of d.slots) out[s] = v + 0;
            p *= d.probabilities[at[i]!]!;
        });
        visit(p);
        let i = draws.length - 1;
        for (; i >= 0; i--) {
            if (at[i]! + 1 < draws[i]!.values.length) { at[i] = at[i]! + 1; break; }
            at[i] = 0;
        }
        if (i < 0) return;
    }
}

/**
 * The outcomes of a graph's transitions as exploration finds them, as compressed sparse
 * rows (state-graph.ts, Outcomes): `begin(i)`, then `add` once per outcome of transition
 * i (outcomes reaching the same successor are merged, their probabilities summed), then
 * `end(i)`, which gives its most probable successor (the first on ties).
 */
export class OutcomeRows {
    private start: Int32Array<ArrayBuffer> = new Int32Array(1024);
    private next: Int32Array<ArrayBuffer> = new Int32Array(1024);
    private p = new Float64Array(1024);
    private count = 0;
    /** Per successor state, the last transition that reached it and where. */
    private seenAt = new Int32Array(1024).fill(-1);
    private at: Int32Array<ArrayBuffer> = new Int32Array(1024);

    /** Bytes held so far (for the memory bound of exploration). */
    get bytes(): number {
        return this.count * 12;
    }

    begin(tr: number): void {
        if (tr + 2 > this.start.length) this.start = grownInt(this.start, tr + 2);
        this.start[tr] = this.count;
    }

    add(tr: number, successor: number, p: number): void {
        if (successor >= this.seenAt.length) {
            const size = Math.max(successor + 1, 2 * this.seenAt.length);
            const seen = new Int32Array(size).fill(-1); seen.set(this.seenAt); this.seenAt = seen;
            this.at = grownInt(this.at, size);
        }
        if (this.seenAt[successor] === tr) {
            const k = this.at[successor]!;
            this.p[k] = this.p[k]! + p;
            return;
        }
        if (this.count >= this.next.length) {
            this.next = grownInt(this.next, this.count + 1);
            const q = new Float64Array(this.next.length); q.set(this.p); this.p = q;
        }
        this.seenAt[successor] = tr;
        this.at[successor] = this.count;
        this.next[this.count] = successor;
        this.p[this.count++] = p;
    }

    /** The most probable successor of transition tr (−1 when it has none). */
    end(tr: number): number {
        let best = -1, bestP = 0;
        for (let k = this.start[tr]!; k < this.count; k++) if (this.p[k]! > bestP) { bestP = this.p[k]!; best = this.next[k]!; }
        return best;
    }

    /** The rows of `transitions` transitions. */
    finish(transitions: number): { start: Int32Array; next: Int32Array; p: Float64Array } {
        if (transitions + 1 > this.start.length) this.start = grownInt(this.start, transitions + 1);
        this.start[transitions] = this.count;
        return { start: this.start.subarray(0, transitions + 1), next: this.next.subarray(0, this.count), p: this.p.subarray(0, this.count) };
    }
}

function grownInt(a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
    let size = Math.max(16, a.length);
    while (size < atLeast) size *= 2;
    const out = new Int32Array(size);
    out.set(a);
    return out;
}
