/**
 * Breadth-first exploration of an environment's reachable states, layer by layer,
 * deduplicating the states of a layer by value with an open-addressing hash table
 * over the float64 bits of their remembered values. Produces an `EnvGraph`; stops
 * with `BudgetExceeded` when the state cap, the wall time or cancellation is hit; the
 * budget is charged per expanded state in proportion to the step's size, so wide
 * states are checked as often, in time, as narrow ones.
 */
import type { CompiledEnv } from './codegen.js';
import { BudgetExceeded, type Budget } from './errors.js';
import type { EnvGraph } from './state-graph.js';

const EMPTY = -1;
/** Bytes of graph data (remembered values, transitions, rewards) one exploration may hold. */
const MEMORY_BYTES = 2 ** 30;

export function explore(ce: CompiledEnv, budget: Budget): EnvGraph {
    const { env, width: W, nChoices: C, step } = ce;
    // Budget units per expanded state: C steps, each hashing and copying a state of width W.
    const unitsPerState = C * ce.cost;
    const H = env.horizon;
    const nObj = ce.objectives.length;
    // Wide states could exhaust memory long before the state cap: cap the states by bytes too.
    const bytesPerState = W * 8 + C * (4 + 8 * nObj);
    const memoryStates = Math.floor(MEMORY_BYTES / bytesPerState);
    const maxStates = Math.min(budget.maxStates, memoryStates);
    const memoryBound = memoryStates < budget.maxStates;
    budget.check();

    // Room for 1,024 states at first, fewer when the caps allow fewer or when they are wide:
    // a state of 100,000 values would otherwise reserve 800 MB, then copy it to grow.
    const firstStates = Math.max(1, Math.min(1024, maxStates + 1, Math.floor(RESERVE_BYTES / 8 / Math.max(1, W))));
    let states = new Float64Array(Math.max(16, W * firstStates));
    let bits = new Uint32Array(states.buffer);
    let next = new Int32Array(1024 * C);
    let rewards: Float64Array[] = ce.objectives.map(() => new Float64Array(1024 * C));
    let layerStart = new Int32Array(Math.min(H + 2, 1 << 16));
    const R = new Float64Array(Math.max(1, nObj));

    // Hash table of the layer being filled: slot -> state index. States are numbered layer
    // by layer, so an entry belongs to the layer being filled iff its index >= that layer's
    // start; older entries count as empty and the table is never cleared.
    let capacity = 1024;
    let table = new Int32Array(capacity).fill(EMPTY);

    states.set(ce.initial, 0);
    let nStates = 1;
    layerStart[0] = 0;
    layerStart[1] = 1;
    const gamma = env.discount;

    const rehash = (from: number, to: number): void => {
        capacity *= 2;
        table = new Int32Array(capacity).fill(EMPTY);
        const mask = capacity - 1;
        for (let s = from; s < to; s++) {
            let i = hashAt(bits, s * W * 2, W * 2) & mask;
            while (table[i]! >= from) i = (i + 1) & mask;
            table[i] = s;
        }
    };

    for (let t = 0; t < H; t++) {
        const layer = t + 1;
        const from = layerStart[t]!, to = layerStart[t + 1]!;
        budget.check();
        const g = Math.pow(gamma, t);
        for (let s = from; s < to; s++) {
            budget.spend(unitsPerState);
            if ((s + 1) * C > next.length) {
                const grown = new Int32Array(next.length * 2); grown.set(next); next = grown;
                rewards = rewards.map(r => { const x = new Float64Array(r.length * 2); x.set(r); return x; });
            }
            for (let ch = 0; ch < C; ch++) {
                if ((nStates + 1) * W > states.length) {
                    states = grown(states, (maxStates + 1) * W); bits = new Uint32Array(states.buffer);
                }
                const ko = nStates * W;
                step(states, s * W, states, ko, ch, g, layer, R);
                const tr = s * C + ch;
                for (let o = 0; o < nObj; o++) rewards[o]![tr] = R[o]!;
                // Look the candidate up among the states of layer t+1.
                const mask = capacity - 1;
                let i = hashAt(bits, ko * 2, W * 2) & mask;
                let found = -1;
                while (table[i]! >= to) {
                    const co = table[i]! * W;
                    let k = 0;
                    while (k < W && states[co + k] === states[ko + k]) k++;
                    if (k === W) { found = table[i]!; break; }
                    i = (i + 1) & mask;
                }
                if (found < 0) {
                    found = nStates++;
                    table[i] = found;
                    if (nStates > maxStates) throw new BudgetExceeded('states', maxStates, memoryBound);
                    if ((nStates - to) * 2 > capacity) rehash(to, nStates);
                }
                next[tr] = found;
            }
        }
        if (t + 2 >= layerStart.length) {
            const grown = new Int32Array(Math.min(H + 2, layerStart.length * 2)); grown.set(layerStart); layerStart = grown;
        }
        layerStart[t + 2] = nStates;
    }

    const inner = layerStart[H]! * C;
    const rewardMap = new Map<string, Float64Array>();
    ce.objectives.forEach((o, i) => rewardMap.set(o.name, rewards[i]!.subarray(0, inner)));
    return {
        kind: 'env',
        label: env.label,
        horizon: H,
        nChoices: C,
        choiceNames: ce.choiceNames,
        nStates,
        layerStart: layerStart.subarray(0, H + 2),
        next: next.subarray(0, inner),
        rewards: rewardMap,
        width: W,
        slotNames: ce.slotNames,
        states: states.subarray(0, nStates * W),
    };
}

/** Above this many bytes, the state store is not doubled any more but reserved at its cap at once. */
const RESERVE_BYTES = 2 ** 26;

/**
 * The state store grown: doubled while small; past `RESERVE_BYTES`, reserved at once for
 * every state the caps allow (`cap` doubles), so wide states are never copied again:
 * large zeroed buffers are mapped lazily, so only the pages used cost memory. Falls back
 * to doubling when the reservation is refused.
 */
function grown(states: Float64Array<ArrayBuffer>, cap: number): Float64Array<ArrayBuffer> {
    const doubled = Math.min(cap, states.length * 2);
    let out: Float64Array<ArrayBuffer> | undefined;
    if (doubled * 8 > RESERVE_BYTES && cap > doubled) {
        try { out = new Float64Array(cap); } catch { out = undefined; }
    }
    out ??= new Float64Array(doubled);
    out.set(states);
    return out;
}

/**
 * MurmurHash3-style hash of the n doubles at word offset o (one round per double, its
 * two 32-bit words folded together): every bit of every value reaches the low bits.
 */
function hashAt(bits: Uint32Array, o: number, n: number): number {
    let h = 0x9747b28c | 0;
    const end = o + n;
    for (let i = o; i < end; i += 2) {
        let k = Math.imul(bits[i]! ^ Math.imul(bits[i + 1]!, 0x2c1b3c6d), 0xcc9e2d51);
        k = (k << 15) | (k >>> 17);
        h ^= Math.imul(k, 0x1b873593);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    h ^= n;
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h;
}
