/**
 * The product of a true environment and an optimizer's model environment: pairs
 * (true state, model state) reached by the same action history, deduplicated by
 * pair, layer by layer. A model-mismatched optimizer's choice at a true state is
 * computed at the corresponding model state, which can differ between histories
 * that the true environment merges, hence the product. An action the model lacks
 * moves the model as a wait would; the optimizer never takes it.
 */
import { BudgetExceeded, type Budget } from './errors.js';
import type { EnvGraph, ProductGraph } from './state-graph.js';

export function productGraph(truth: EnvGraph, model: EnvGraph, budget: Budget): ProductGraph {
    const H = truth.horizon;
    budget.check();
    if (model.horizon < H) {
        throw new Error(`model ${model.label} has a shorter horizon than ${truth.label}`);
    }
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
    const memoryStates = Math.floor(2 ** 30 / (8 + C * (4 + 8 * truth.rewards.size)));
    const maxStates = Math.min(budget.maxStates, memoryStates);

    let trueIndex = new Int32Array(1024);
    let modelIndex = new Int32Array(1024);
    let next = new Int32Array(1024 * C);
    const layerStart = new Int32Array(H + 2);
    trueIndex[0] = 0; modelIndex[0] = 0;
    let n = 1;
    layerStart[1] = 1;
    const ensure = (k: number): void => {
        if (k <= trueIndex.length) return;
        let size = trueIndex.length;
        while (size < k) size *= 2;
        const a = new Int32Array(size); a.set(trueIndex); trueIndex = a;
        const b = new Int32Array(size); b.set(modelIndex); modelIndex = b;
    };
    for (let t = 0; t < H; t++) {
        const from = layerStart[t]!, to = layerStart[t + 1]!;
        budget.check();
        const seen = new Map<number, number>();
        const mStates = model.nStates;
        if (to * C > next.length) {
            let size = next.length;
            while (size < to * C) size *= 2;
            const grown = new Int32Array(size); grown.set(next); next = grown;
        }
        for (let p = from; p < to; p++) {
            budget.spend(16 * C);
            const st = trueIndex[p]!, sm = modelIndex[p]!;
            for (let c = 0; c < C; c++) {
                const nt = truth.next[st * C + c]!;
                const nm = model.next[sm * MC + mapped[c]!]!;
                const key = nt * mStates + nm;
                let q = seen.get(key);
                if (q === undefined) {
                    q = n++;
                    if (n > maxStates) throw new BudgetExceeded('states', maxStates, memoryStates < budget.maxStates);
                    ensure(n);
                    trueIndex[q] = nt; modelIndex[q] = nm;
                    seen.set(key, q);
                }
                next[p * C + c] = q;
            }
        }
        layerStart[t + 2] = n;
    }

    const inner = layerStart[H]!;
    const rewards = new Map<string, Float64Array>();
    for (const [name, r] of truth.rewards) {
        const pr = new Float64Array(inner * C);
        for (let p = 0; p < inner; p++) {
            const base = trueIndex[p]! * C;
            for (let c = 0; c < C; c++) pr[p * C + c] = r[base + c]!;
        }
        rewards.set(name, pr);
    }
    return {
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
