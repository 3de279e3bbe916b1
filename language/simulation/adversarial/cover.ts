/**
 * The cheapest-first cover of docs/analyses.md (Distinguishing environments): the
 * objectives to rule out are covered stage by stage, each stage a greedy choice among
 * environments of one kind, the cheaper kinds first: environments the spec declares, then
 * other values of a training environment's parameters (a widened binding), then
 * synthesised interventions, singles then pairs. A stage only sees what the stages before
 * it left, and a greedy stage stops only when no environment of its kind rules out
 * anything left; so what a stage leaves is what no environment of it and the earlier
 * ones rules out, whatever they chose. That is why the same options, judged once, also
 * give the cover of any part of the objectives (`coverSize`, for the growth by
 * description length): a part meets each stage's options on what they were judged
 * against.
 */
import type { Budget } from '../errors.js';

/** An environment the cover may add, with the objectives (indices into the universe) it makes misfit. */
export interface Option {
    covers: Set<number>;
}

/** Greedy set cover: most newly covered first, the earlier option on ties; removes what it covers from `uncovered`. */
export function greedy<O extends Option>(options: readonly O[], uncovered: Set<number>, budget: Budget): O[] {
    const chosen: O[] = [];
    for (;;) {
        budget.spend(options.length);
        let best: O | undefined, bestGain = 0;
        for (const o of options) {
            let gain = 0;
            for (const i of o.covers) if (uncovered.has(i)) gain++;
            if (gain > bestGain) { best = o; bestGain = gain; }
        }
        if (!best) return chosen;
        chosen.push(best);
        for (const i of best.covers) uncovered.delete(i);
    }
}

/**
 * Other values of one parameter of the training environments of one declaration whose
 * other parameters are equal: the values the spec compiles (in a deployment, say) and
 * those of the declared range the compiler hands over (the nearest ones to the trained
 * values) can be judged; a widened binding trains in every value of its range.
 */
export interface ParameterGroup {
    /** The training environment whose use a widening rewrites (the group's first). */
    train: string;
    parameter: string;
    /** The trained values, ascending. */
    trained: number[];
    /** The judged values outside them, ascending, with what each rules out. */
    values: { value: number; covers: Set<number> }[];
}

/** A group's binding widened to low..high, which adds `adds` values beyond the trained range. */
export interface Widening {
    group: ParameterGroup;
    low: number;
    high: number;
    adds: number;
    /** What the judged values it adds rule out. */
    covers: Set<number>;
}

/**
 * Greedy widening: each round extends one group's range to one more judged value, the
 * extension ruling out the most objectives left first (with every judged value it passes
 * over), then the one adding the fewest values, then the earlier group and the lower
 * value; removes what the widenings rule out from `uncovered`.
 */
export function widen(groups: readonly ParameterGroup[], uncovered: Set<number>, budget: Budget): Widening[] {
    const hulls = groups.map(g => ({ low: g.trained[0]!, high: g.trained[g.trained.length - 1]! }));
    const initial = hulls.map(h => ({ ...h }));
    for (;;) {
        let best: { group: number; low: number; high: number; gain: number; adds: number } | undefined;
        groups.forEach((g, gi) => {
            const h = hulls[gi]!;
            budget.spend(g.values.length);
            // Outward from the range on each side, what an extension to each value gains.
            const below = g.values.filter(v => v.value < h.low).reverse(), above = g.values.filter(v => v.value > h.high);
            for (const side of [below, above]) {
                const gained = new Set<number>();
                for (const v of side) {
                    for (const i of v.covers) if (uncovered.has(i)) gained.add(i);
                    const low = Math.min(h.low, v.value), high = Math.max(h.high, v.value);
                    const adds = high - low - (h.high - h.low);
                    const better = !best || gained.size > best.gain || (gained.size === best.gain && (adds < best.adds
                        || (adds === best.adds && gi === best.group && low < best.low)));
                    if (gained.size > 0 && better) best = { group: gi, low, high, gain: gained.size, adds };
                }
            }
        });
        if (!best) break;
        const g = groups[best.group]!, h = hulls[best.group]!;
        for (const v of g.values) {
            if (v.value >= best.low && v.value <= best.high && (v.value < h.low || v.value > h.high)) for (const i of v.covers) uncovered.delete(i);
        }
        h.low = best.low;
        h.high = best.high;
    }
    return groups.flatMap((g, gi) => {
        const h = hulls[gi]!, from = initial[gi]!;
        if (h.low === from.low && h.high === from.high) return [];
        const covers = new Set<number>();
        for (const v of g.values) if (v.value >= h.low && v.value <= h.high) for (const i of v.covers) covers.add(i);
        return [{ group: g, low: h.low, high: h.high, adds: h.high - h.low - (from.high - from.low), covers }];
    });
}

/** The options of every stage, cheapest kind first, as the search judged them. */
export interface Stages {
    declared: Option[];
    parameters: ParameterGroup[];
    /** Single interventions, then the pairs of each training environment in turn. */
    interventions: Option[][];
}

/** How many environments the stages' cover of `items` adds to training (a widening counts the values it adds). */
export function coverSize(stages: Stages, items: Iterable<number>, budget: Budget): number {
    const uncovered = new Set(items);
    let size = greedy(stages.declared, uncovered, budget).length;
    for (const w of widen(stages.parameters, uncovered, budget)) size += w.adds;
    for (const options of stages.interventions) size += greedy(options, uncovered, budget).length;
    return size;
}
