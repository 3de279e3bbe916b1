/**
 * The layered state graph that every dynamic-programming pass runs over. States are
 * numbered layer by layer (layer t = the states after t steps, t = 0..H); the
 * transitions and per-step rewards of the non-terminal states are flat typed arrays
 * indexed by `state * nChoices + choice` (choice 0 = wait, i + 1 = action i).
 *
 * A graph that draws (docs/simulation.md, Chance) also has `outcomes`: the successors of
 * transition i, with their probabilities, are next[start[i] .. start[i + 1]) and
 * p[start[i] .. start[i + 1]) (compressed sparse rows); its rewards are expected rewards.
 * When the inits draw, layer 0 holds several states, with probabilities `start`.
 */

/**
 * Rewards per transition: single precision where every reward of the objective is exact in
 * it, double otherwise (explore.ts); either way, the exact rewards.
 */
export type Rewards = Float32Array | Float64Array;

/** The successors of each transition of a graph that draws, and their probabilities (> 0, summing to 1). */
export interface Outcomes {
    start: Int32Array;
    next: Int32Array;
    p: Float64Array;
}

export interface StateGraph {
    /** Label shown in witnesses and messages. */
    label: string;
    horizon: number;
    nChoices: number;
    choiceNames: string[];
    nStates: number;
    /** States of layer t are layerStart[t] .. layerStart[t+1]−1; length horizon + 2. */
    layerStart: Int32Array;
    /** Successor of (state, choice), for states of layers 0..H−1; with `outcomes`, its most probable one. */
    next: Int32Array;
    /** Reward of (state, choice) for each objective evaluable here, by objective name (expected, with `outcomes`). */
    rewards: Map<string, Rewards>;
    /** The successors of each transition with their probabilities; absent when the environment never draws. */
    outcomes?: Outcomes;
    /** The probability of each state of layer 0; absent when layer 0 is the one state 0. */
    start?: Float64Array;
}

/** The width of a packed state's codes, or 64 for values stored as they are. */
export type CodeBits = 1 | 2 | 4 | 8 | 16 | 64;

/**
 * The remembered values of a graph's states, packed (state-store.ts; read them with
 * `stateValue` or `readState` there). State s is `codes[s * stride ..]`: with `bits` 1
 * to 16, 32-bit words of 32 / bits codes, slot j's code in word j · bits / 32 from the
 * low bits on, its value `dictionary[code]`; with `bits` 64, the values themselves (too
 * many distinct values for codes; `dictionary` is empty).
 */
export interface PackedStates {
    codes: Uint32Array | Float64Array;
    bits: CodeBits;
    /** Elements of `codes` per state. */
    stride: number;
    /** The value of each code, in first-seen order. */
    dictionary: Float64Array;
}

/** A graph explored from an environment, with its remembered values (`width` per state, named by `slotNames`). */
export interface EnvGraph extends StateGraph, PackedStates {
    kind: 'env';
    width: number;
    slotNames: string[];
}

/** The product of a true environment and an optimizer's model, explored along the same action history. */
export interface ProductGraph extends StateGraph {
    kind: 'product';
    truth: EnvGraph;
    model: EnvGraph;
    /** For each product state, its state in `truth` and in `model`. */
    trueIndex: Int32Array;
    modelIndex: Int32Array;
    /** For each choice of the true environment, the model's choice (−1: the model lacks that action). */
    modelChoice: Int32Array;
}

export type AnyGraph = EnvGraph | ProductGraph;

/** The layer (number of steps taken) of a state. */
export function layerOf(g: StateGraph, s: number): number {
    let lo = 0, hi = g.horizon;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (g.layerStart[mid]! <= s) lo = mid; else hi = mid - 1;
    }
    return lo;
}

/** Whether a graph draws: several initial states, or several outcomes for some step. */
export function draws(g: StateGraph): boolean {
    return g.outcomes !== undefined || g.start !== undefined;
}
