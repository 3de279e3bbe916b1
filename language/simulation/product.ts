/**
 * The product of a true environment and an optimizer's model environment: pairs
 * (true state, model state) reached by the same action history, deduplicated by
 * pair, layer by layer. A model-mismatched optimizer's choice at a true state is
 * computed at the corresponding model state, which can differ between histories
 * that the true environment merges, hence the product. An action the model lacks
 * moves the model as a wait would; the optimizer never takes it.
 *
 * The true environment may draw (the model may not: its state follows from the action
 * history): each outcome of a true transition pairs with the model's one successor, and
 * each initial state of the truth with the model's.
 */
import { OutcomeRows } from './chance.js';
import { BudgetExceeded, type Budget } from './errors.js';
import { draws, type EnvGraph, type ProductGraph, type Rewards } from './state-graph.js';

export function productGraph(truth: EnvGraph, model: EnvGraph, budget: Budget): ProductGraph {
    const H = truth.horizon;
    budget.check();
    if (model.horizon < H) {
        throw new Error(`model ${model.label} has a shorter horizon than ${truth.label}`);
    }
    if (draws(model)) throw new Error(`model ${model.label} draws`);
    const C = truth.nChoices;
    const modelChoice = new Int32Array(C);
    const mapped = new Int32Array(C);
    for (let c = 0; c < C; c++) {
        const m = c === 0 ? 0 : model.choiceNames.indexOf(truth.choiceNames[c]!);
        modelChoice[c] = m;
        mapped[c] = m < 0 ? 0 : m;
    }
    const MC = model.nChoices;
    // As in explore: cap the states by the bytes they need too (indices, transitions, rewards).
    const memoryStates = Math.floor(2 ** 31 / (8 + C * (4 + 8 * truth.rewards.size)));
    const maxStates = Math.min(budget.maxStates, memoryStates);

    let trueIndex = new Int32Array(1024);
    let modelIndex = new Int32Array(1024);
    let next = new Int32Array(1024 * C);
    const layerStart = new Int32Array(H + 2);
    // Layer 0: each initial state of the truth, with the model's.
    let n = truth.layerStart[1]!;
    const ensure = (k: number): void => {
        if (k <= trueIndex.length) return;
        let size = trueIndex.length;
        while (size < k) size *= 2;
        const a = new Int32Array(size); a.set(trueIndex); trueIndex = a;
        const b = new Int32Array(size); b.set(modelIndex); modelIndex = b;
    };
    ensure(n);
    for (let s = 0; s < n; s++) { trueIndex[s] = s; modelIndex[s] = 0; }
    layerStart[1] = n;
    const out = truth.outcomes, rows = out ? new OutcomeRows() : undefined;
    // The pairs of the layer being filled, by key.
    let seen = new Map<number, number>();
    const mStates = model.nStates;
    /** The product state of a true state and a model state of the layer being filled. */
    const pair = (nt: number, nm: number): number => {
        const key = nt * mStates + nm;
        let q = seen.get(key);
        if (q === undefined) {
            q = n++;
            if (n > maxStates) throw new BudgetExceeded('states', maxStates, memoryStates < budget.maxStates);
            ensure(n);
            trueIndex[q] = nt; modelIndex[q] = nm;
            seen.set(key, q);
        }
        return q;
    };
    for (let t = 0; t < H; t++) {
        const from = layerStart[t]!, to = layerStart[t + 1]!;
        budget.check();
        seen = new Map<number, number>();
        if (to * C > next.length) {
            let size = next.length;
            while (size < to * C) size *= 2;
            const grown = new Int32Array(size); grown.set(next); next = grown;
        }
        for (let p = from; p < to; p++) {
            budget.spend(16 * C);
            const st = trueIndex[p]!, sm = modelIndex[p]!;
            for (let c = 0; c < C; c++) {
                const nm = model.next[sm * MC + mapped[c]!]!;
                const tr = st * C + c;
                if (!out || !rows) { next[p * C + c] = pair(truth.next[tr]!, nm); continue; }
                rows.begin(p * C + c);
                for (let k = out.start[tr]!; k < out.start[tr + 1]!; k++) {
                    budget.spend(16);
                    rows.add(p * C + c, pair(out.next[k]!, nm), out.p[k]!);
                }
                next[p * C + c] = rows.end(p * C + c);
            }
        }
        layerStart[t + 2] = n;
    }

    const inner = layerStart[H]!;
    const rewards = new Map<string, Rewards>();
    for (const [name, r] of truth.rewards) {
        // The truth's precision (explore.ts): the same rewards, as many bytes.
        const pr = r instanceof Float32Array ? new Float32Array(inner * C) : new Float64Array(inner * C);
        for (let p = 0; p < inner; p++) {
            const base = trueIndex[p]! * C;
            for (let c = 0; c < C; c++) pr[p * C + c] = r[base + c]!;
        }
        rewards.set(name, pr);
    }
    return {
        ...(rows ? { outcomes: rows.finish(inner * C) } : {}),
        ...(truth.start ? { start: truth.start } : {}),
        kind: 'product',
        label: truth.label,
        horizon: H,
        nChoices: C,
        choiceNames: truth.choiceNames,
        nStates: n,
        layerStart,
        next: next.subarray(0, inner * C),
        rewards,
        truth,
        model,
        trueIndex: trueIndex.subarray(0, n),
        modelIndex: modelIndex.subarray(0, n),
        modelChoice,
    };
}
