/**
 * Breadth-first exploration of an environment's reachable states, layer by layer,
 * deduplicating the states of a layer by value with an open-addressing hash table
 * over the float64 bits of their remembered values. Produces an `EnvGraph`; stops
 * with `BudgetExceeded` when the state cap, the wall time or cancellation is hit; the
 * budget is charged per expanded state in proportion to the step's size, so wide
 * states are checked as often, in time, as narrow ones.
 *
 * A step that draws is run once per outcome (chance.ts), each outcome's successor
 * looked up like any other, outcomes reaching the same successor merged; the budget is
 * then charged per outcome, so a step of huge fan-out still meets the time budget and
 * cancellation. Inits that draw give layer 0 one state per distinct combination.
 */
import type { CompiledEnv } from './codegen.js';
import { forEachInitial, OutcomeRows } from './chance.js';
import { BudgetExceeded, type Budget } from './errors.js';
import type { EnvGraph, Outcomes } from './state-graph.js';

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
    // Transitions and rewards start with room for 64 states and double: a derived environment
    // of the distinguishing search may carry hundreds of objectives over a few states.
    let next = new Int32Array(64 * C);
    let rewards: Float64Array[] = ce.objectives.map(() => new Float64Array(64 * C));
    let layerStart = new Int32Array(Math.min(H + 2, 1 << 16));
    const R = new Float64Array(Math.max(1, nObj));

    // Hash table of the layer being filled: slot -> state index. States are numbered layer
    // by layer, so an entry belongs to the layer being filled iff its index >= that layer's
    // start; older entries count as empty and the table is never cleared.
    let capacity = 1024;
    let table = new Int32Array(capacity).fill(EMPTY);

    let nStates = 0;
    const gamma = env.discount;
    const draws = ce.draws;
    const rows = draws ? new OutcomeRows() : undefined;
    const first = new Float64Array(Math.max(1, nObj)), spread = new Float64Array(Math.max(1, nObj));

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

    /** The index of the state written at ko among the states of the layer from `from` on; a new one keeps it. */
    const intern = (ko: number, from: number): number => {
        const mask = capacity - 1;
        let i = hashAt(bits, ko * 2, W * 2) & mask;
        while (table[i]! >= from) {
            const co = table[i]! * W;
            let k = 0;
            while (k < W && states[co + k] === states[ko + k]) k++;
            if (k === W) return table[i]!;
            i = (i + 1) & mask;
        }
        const found = nStates++;
        table[i] = found;
        if (nStates > maxStates) throw new BudgetExceeded('states', maxStates, memoryBound);
        if ((nStates - from) * 2 > capacity) rehash(from, nStates);
        return found;
    };

    // Layer 0: the initial state, or one per distinct combination of the inits' outcomes.
    let start: Float64Array | undefined;
    if (ce.initDraws.length === 0) {
        states.set(ce.initial, 0);
        nStates = 1;
    } else {
        const p: number[] = [];
        const candidate = new Float64Array(W);
        forEachInitial(ce.initial, ce.initDraws, candidate, q => {
            budget.spend(W + 1);
            if ((nStates + 1) * W > states.length) { states = grown(states, (maxStates + 1) * W); bits = new Uint32Array(states.buffer); }
            states.set(candidate, nStates * W);
            const s = intern(nStates * W, 0);
            p[s] = (p[s] ?? 0) + q;
        });
        if (nStates > 1) start = Float64Array.from(p);
    }
    layerStart[0] = 0;
    layerStart[1] = nStates;

    /**
     * Every outcome of choice ch at state s (layer t, the next layer from `to` on): each
     * successor looked up, those reaching the same one merged; the rewards are expected,
     * written as the first outcome's plus the weighted differences, so that outcomes that
     * agree give exactly their reward. Returns the most probable successor.
     */
    const expand = (s: number, ch: number, to: number, g: number, layer: number): number => {
        const tr = s * C + ch;
        const out = rows!, chance = draws!;
        out.begin(tr);
        let any = false;
        chance.first();
        do {
            budget.spend(ce.cost);
            if ((nStates + 1) * W > states.length) { states = grown(states, (maxStates + 1) * W); bits = new Uint32Array(states.buffer); }
            const ko = nStates * W;
            step(states, s * W, states, ko, ch, g, layer, R);
            const p = chance.probability();
            if (!(p > 0)) continue;
            out.add(tr, intern(ko, to), p);
            if (!any) {
                for (let o = 0; o < nObj; o++) { first[o] = R[o]!; spread[o] = 0; }
                any = true;
            } else {
                for (let o = 0; o < nObj; o++) spread[o] = spread[o]! + p * (R[o]! - first[o]!);
            }
            if (out.bytes + nStates * bytesPerState > MEMORY_BYTES) throw new BudgetExceeded('states', maxStates, true);
        } while (chance.advance());
        for (let o = 0; o < nObj; o++) rewards[o]![tr] = first[o]! + spread[o]!;
        const best = out.end(tr);
        if (best < 0) throw new Error(`every outcome of a step of ${env.label} has probability 0`);
        return best;
    };

    for (let t = 0; t < H; t++) {
        const layer = t + 1;
        const from = layerStart[t]!, to = layerStart[t + 1]!;
        budget.check();
        const g = Math.pow(gamma, t);
        for (let s = from; s < to; s++) {
            if ((s + 1) * C > next.length) {
                const grown = new Int32Array(next.length * 2); grown.set(next); next = grown;
                rewards = rewards.map(r => { const x = new Float64Array(r.length * 2); x.set(r); return x; });
            }
            if (rows) {
                for (let ch = 0; ch < C; ch++) next[s * C + ch] = expand(s, ch, to, g, layer);
                continue;
            }
            budget.spend(unitsPerState);
            for (let ch = 0; ch < C; ch++) {
                if ((nStates + 1) * W > states.length) {
                    states = grown(states, (maxStates + 1) * W); bits = new Uint32Array(states.buffer);
                }
                const ko = nStates * W;
                step(states, s * W, states, ko, ch, g, layer, R);
                const tr = s * C + ch;
                for (let o = 0; o < nObj; o++) rewards[o]![tr] = R[o]!;
                // Look the candidate up among the states of layer t+1 (as `intern` does, inline in this hot loop).
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
    const outcomes: Outcomes | undefined = rows?.finish(inner);
    return {
        ...(outcomes ? { outcomes } : {}),
        ...(start ? { start } : {}),
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
