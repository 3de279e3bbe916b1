/**
 * Breadth-first exploration of an environment's reachable states, layer by layer,
 * deduplicating the states of a layer by value in the state store (state-store.ts:
 * packed codes, an open-addressing hash table per layer). Produces an `EnvGraph`; stops
 * with `BudgetExceeded` when the state cap, the memory bound, the wall time or
 * cancellation is hit; the budget is charged per expanded state in proportion to the
 * step's size, so wide states are checked as often, in time, as narrow ones.
 *
 * The values of the layer being expanded and of the one being filled are also kept as
 * float64 rows (`LayerValues`, bounded in bytes): the generated step reads a state's
 * values there and writes each successor straight into the next free row, which the
 * store then encodes and looks up; a successor found already is overwritten by the next.
 * A layer too large for its rows is decoded from the store one state at a time instead.
 * The hot loop keeps its variables in locals (no closure captures what it mutates), so
 * that V8 keeps them in registers.
 *
 * A step that draws is run once per outcome (chance.ts), each outcome's successor
 * looked up like any other, outcomes reaching the same successor merged; the budget is
 * then charged per outcome, so a step of huge fan-out still meets the time budget and
 * cancellation. Inits that draw give layer 0 one state per distinct combination.
 */
import type { CompiledEnv } from './codegen.js';
import { forEachInitial, OutcomeRows, type Draws } from './chance.js';
import { BudgetExceeded, type Budget } from './errors.js';
import type { EnvGraph, Outcomes, PackedStates, Rewards } from './state-graph.js';
import { grownArray, RESERVE_BYTES, RESERVE_MANY_BYTES, StateStore, zeroed } from './state-store.js';
import { put, widened, type RewardArray } from './reward-arrays.js';
import { keepShape } from './shapes.js';

/** Bytes of graph data (packed states, transitions, rewards, hash table) one exploration may hold. */
const MEMORY_BYTES = 2 ** 31;
/** Bytes of hash table per state at most: the table of a layer has 2 to 4 slots of 4 bytes per state of the layer. */
const TABLE_BYTES = 16;
/** Bytes of float64 rows of one layer at most (two layers are kept). */
const LAYER_BYTES = 2 ** 25;
const NONE = new Float32Array(0);


export function explore(ce: CompiledEnv, budget: Budget, shared = false): EnvGraph {
    const { env, width: W, nChoices: C, step } = ce;
    // Budget units per expanded state: C steps, each hashing and copying a state of width W.
    const unitsPerState = C * ce.cost;
    const H = env.horizon;
    const nObj = ce.objectives.length;
    budget.check();
    // Wide states could exhaust memory long before the state cap: the store caps the states by bytes too.
    const store = new StateStore(W, ce.carried, budget.maxStates, C * (4 + 8 * nObj) + TABLE_BYTES, MEMORY_BYTES - 2 * LAYER_BYTES, shared);

    // Transitions and rewards start with room for 64 states and double, then are reserved at
    // their cap (grownArray); the rewards of many objectives only past 64 MB, since a derived
    // environment of the distinguishing search may carry hundreds of them over a few states.
    const reserveRewards = nObj <= 8 ? RESERVE_BYTES : RESERVE_MANY_BYTES;
    let next = zeroed<Int32Array<ArrayBuffer>>(Int32Array, 64 * C, shared);
    const rewards: RewardArray[] = [];
    for (let o = 0; o < nObj; o++) rewards.push(zeroed<Float32Array<ArrayBuffer>>(Float32Array, 64 * C, shared));
    let layerStart = new Int32Array(Math.min(H + 2, 1 << 16));
    const R = new Float64Array(Math.max(1, nObj));
    const gamma = env.discount;
    const layers = new LayerValues(W);
    const chance = ce.draws ? new Expansion(ce, ce.draws, store, layers, budget) : null;

    // Layer 0: the initial state, or one per distinct combination of the inits' outcomes.
    const start = initialLayer(ce, store, budget);
    layerStart[0] = 0;
    layerStart[1] = store.count;

    for (let t = 0; t < H; t++) {
        const layer = t + 1;
        const from = layerStart[t]!, to = layerStart[t + 1]!;
        budget.check();
        const g = Math.pow(gamma, t);
        const decode = layers.begin();
        const cur = layers.cur, target = layers.target;
        let nxt = layers.nxt, capacity = layers.capacity;
        // The first three objectives' rewards in locals: most environments have no more.
        let r0 = rewards[0] ?? NONE, r1 = rewards[1] ?? NONE, r2 = rewards[2] ?? NONE;
        for (let s = from; s < to; s++) {
            if ((s + 1) * C > next.length) {
                const cap = (store.maxStates + 1) * C;
                next = grownArray<Int32Array<ArrayBuffer>>(next, (s + 1) * C, cap, n => zeroed(Int32Array, n, shared));
                // In place: a new array (`map`) has another hidden class, and the loop's optimised
                // code would be thrown away at each growth.
                for (let o = 0; o < nObj; o++) {
                    const r = rewards[o]!;
                    rewards[o] = grownArray<RewardArray>(r, (s + 1) * C, cap, n => (r instanceof Float32Array ? zeroed(Float32Array, n, shared) : zeroed(Float64Array, n, shared)), reserveRewards);
                }
                r0 = rewards[0] ?? NONE; r1 = rewards[1] ?? NONE; r2 = rewards[2] ?? NONE;
            }
            // The state's values: its row of the layer, or decoded from the store.
            let I = cur, so = (s - from) * W;
            if (decode) { I = layers.source; so = 0; store.read(s, I); }
            if (chance) {
                for (let ch = 0; ch < C; ch++) next[s * C + ch] = chance.expand(I, so, rewards, s, ch, to, g, layer);
                nxt = layers.nxt; capacity = layers.capacity;
                continue;
            }
            budget.spend(unitsPerState);
            for (let ch = 0; ch < C; ch++) {
                // The successor goes to the next free row of the next layer, or to a scratch row.
                const row = store.count - to;
                let O = nxt, ko = row * W;
                if (row >= capacity) {
                    if (layers.make(row)) { O = nxt = layers.nxt; capacity = layers.capacity; } else { O = target; ko = 0; }
                }
                step(I, so, O, ko, ch, g, layer, R);
                const tr = s * C + ch;
                // Stored in single precision while every reward so far is exact there (see `widened`).
                if (nObj > 0) { r0[tr] = R[0]!; if (r0[tr] !== R[0]) r0 = widened(rewards, 0, tr, R[0]!); }
                if (nObj > 1) { r1[tr] = R[1]!; if (r1[tr] !== R[1]) r1 = widened(rewards, 1, tr, R[1]!); }
                if (nObj > 2) { r2[tr] = R[2]!; if (r2[tr] !== R[2]) r2 = widened(rewards, 2, tr, R[2]!); }
                for (let o = 3; o < nObj; o++) put(rewards, o, tr, R[o]!);
                next[tr] = store.intern(O, ko, to, s);
            }
        }
        if (t + 2 >= layerStart.length) {
            const grown = new Int32Array(Math.min(H + 2, layerStart.length * 2)); grown.set(layerStart); layerStart = grown;
        }
        layerStart[t + 2] = store.count;
    }

    return finished(ce, store, layerStart, next, rewards, start, chance?.rows);
}

/**
 * The graph of a finished exploration. Apart from the loop above, so that what it reads of
 * objects of many shapes (the objectives of a derived environment of the distinguishing
 * search are made elsewhere) never deoptimises the loop's compiled code.
 */
function finished(ce: CompiledEnv, store: StateStore, layerStart: Int32Array, next: Int32Array, rewards: RewardArray[],
    start: Float64Array | undefined, rows: OutcomeRows | undefined): EnvGraph {
    const { env, nChoices: C } = ce;
    const H = env.horizon;
    const inner = layerStart[H]! * C;
    const rewardMap = new Map<string, Rewards>();
    for (let o = 0; o < ce.objectives.length; o++) rewardMap.set(ce.objectives[o]!.name, rewards[o]!.subarray(0, inner));
    const outcomes: Outcomes | undefined = rows?.finish(inner);
    return envGraph(env.label, H, C, ce.choiceNames, store.count, layerStart.subarray(0, H + 2), next.subarray(0, inner), rewardMap,
        outcomes, start, ce.width, ce.slotNames, store.packed());
}

/**
 * A graph of its parts. One literal, every field always present (`outcomes` and `start`
 * undefined when absent), so that every graph has the one shape that shapes.ts keeps.
 */
function envGraph(label: string, horizon: number, nChoices: number, choiceNames: string[], nStates: number, layerStart: Int32Array,
    next: Int32Array, rewards: Map<string, Rewards>, outcomes: Outcomes | undefined, start: Float64Array | undefined,
    width: number, slotNames: string[], packed: PackedStates): EnvGraph {
    return {
        kind: 'env', label, horizon, nChoices, choiceNames, nStates, layerStart, next, rewards, outcomes, start, width, slotNames,
        codes: packed.codes, bits: packed.bits, stride: packed.stride, dictionary: packed.dictionary,
    };
}

/** Layer 0 in the store; with inits that draw, the probability of each initial state (undefined when there is one). */
function initialLayer(ce: CompiledEnv, store: StateStore, budget: Budget): Float64Array | undefined {
    if (ce.initDraws.length === 0) {
        store.intern(ce.initial, 0, 0, -1);
        return undefined;
    }
    const p: number[] = [];
    const candidate = new Float64Array(ce.width);
    forEachInitial(ce.initial, ce.initDraws, candidate, q => {
        budget.spend(ce.width + 1);
        const s = store.intern(candidate, 0, 0, -1);
        p[s] = (p[s] ?? 0) + q;
    });
    return store.count > 1 ? Float64Array.from(p) : undefined;
}

/**
 * The float64 values of the layer being expanded (`cur`, row s − from for state s) and of
 * the one being filled (`nxt`, row i for its i-th state), up to `LAYER_BYTES` each; a
 * layer that outgrows its rows is decoded from the store instead when expanded, and its
 * successors written to the scratch row `target`. Layer 0 is decoded.
 */
class LayerValues {
    cur: Float64Array;
    nxt: Float64Array;
    /** Rows of `nxt` (0 once the layer being filled has outgrown them). */
    capacity: number;
    /** A state decoded from the store, and a successor written outside the rows. */
    readonly source: Float64Array;
    readonly target: Float64Array;
    /** Whether `nxt` holds every state of the layer being filled. */
    private whole = false;
    private readonly maxRows: number;

    constructor(private readonly width: number) {
        this.maxRows = Math.max(1, Math.floor(LAYER_BYTES / 8 / Math.max(1, width)));
        // Room for 64 rows at first, fewer when wide (at most 1 MB); the rows double as a layer grows.
        const rows = Math.max(1, Math.min(this.maxRows, 64, Math.floor(2 ** 20 / 8 / Math.max(1, width))));
        this.cur = new Float64Array(Math.max(1, rows * width));
        this.nxt = new Float64Array(Math.max(1, rows * width));
        this.capacity = rows;
        this.source = new Float64Array(Math.max(1, width));
        this.target = new Float64Array(Math.max(1, width));
    }

    /** Starts expanding a layer: the rows just filled become `cur`. Returns whether its states must be decoded from the store. */
    begin(): boolean {
        const filled = this.whole;
        const c = this.cur; this.cur = this.nxt; this.nxt = c;
        this.capacity = Math.floor(this.nxt.length / Math.max(1, this.width));
        this.whole = true;
        return !filled;
    }

    /** Room for row `row` of `nxt` (the rows before it kept); false when the layer outgrows its rows. */
    make(row: number): boolean {
        if (!this.whole || row >= this.maxRows) {
            this.whole = false;
            this.capacity = 0;
            return false;
        }
        const rows = Math.min(this.maxRows, Math.max(row + 1, 2 * this.capacity));
        const grown = new Float64Array(Math.max(1, rows * this.width));
        grown.set(this.nxt);
        this.nxt = grown;
        this.capacity = rows;
        return true;
    }
}

/** The expansion of the steps of an environment that draws. */
class Expansion {
    readonly rows = new OutcomeRows();
    private readonly R: Float64Array;
    private readonly first: Float64Array;
    private readonly spread: Float64Array;

    constructor(private readonly ce: CompiledEnv, private readonly draws: Draws, private readonly store: StateStore,
        private readonly values: LayerValues, private readonly budget: Budget) {
        const n = Math.max(1, ce.objectives.length);
        this.R = new Float64Array(n);
        this.first = new Float64Array(n);
        this.spread = new Float64Array(n);
    }

    /**
     * Every outcome of choice ch at state s (its values at I[so..]; layer t, the next layer
     * from `to` on): each successor looked up, those reaching the same one merged; the
     * rewards are expected, written as the first outcome's plus the weighted differences,
     * so that outcomes that agree give exactly their reward. Returns the most probable
     * successor.
     */
    expand(I: Float64Array, so: number, rewards: RewardArray[], s: number, ch: number, to: number, g: number, layer: number): number {
        const { ce, draws, store, values, budget, rows, R, first, spread } = this;
        const nObj = ce.objectives.length, W = ce.width;
        const tr = s * ce.nChoices + ch;
        rows.begin(tr);
        let any = false;
        draws.first();
        do {
            budget.spend(ce.cost);
            const row = store.count - to;
            const O = row < values.capacity || values.make(row) ? values.nxt : values.target;
            const ko = O === values.target ? 0 : row * W;
            ce.step(I, so, O, ko, ch, g, layer, R);
            const p = draws.probability();
            if (!(p > 0)) continue;
            rows.add(tr, store.intern(O, ko, to, s), p);
            if (!any) {
                for (let o = 0; o < nObj; o++) { first[o] = R[o]!; spread[o] = 0; }
                any = true;
            } else {
                for (let o = 0; o < nObj; o++) spread[o] = spread[o]! + p * (R[o]! - first[o]!);
            }
            if (rows.bytes + store.count * store.bytesPerState > MEMORY_BYTES) throw new BudgetExceeded('states', store.maxStates, true);
        } while (draws.advance());
        for (let o = 0; o < nObj; o++) put(rewards, o, tr, first[o]! + spread[o]!);
        const best = rows.end(tr);
        if (best < 0) throw new Error(`every outcome of a step of ${ce.env.label} has probability 0`);
        return best;
    }
}

// The shapes of the store and of the rows outlive every exploration (shapes.ts).
const keptStore = keepShape(new StateStore(1, Int32Array.of(-1), 1, 0, 2 ** 20));
keptStore.intern(Float64Array.of(0), 0, 0, -1);
keepShape(new LayerValues(1));
keepShape(envGraph('', 0, 1, [], 1, Int32Array.of(0, 1), new Int32Array(0), new Map(), undefined, undefined, 1, [], keptStore.packed()));
