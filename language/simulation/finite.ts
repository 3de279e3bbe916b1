/**
 * The located run-time errors for sums that are not finite numbers (docs/simulation.md,
 * Run-time errors): an objective's return over the rest of the episode, and its return
 * over a planner's window. Node values and rewards are checked where they are computed
 * (codegen.ts), selection scores in select.ts.
 */
import type { CompiledSpec } from '../model/spec.js';
import { NonFiniteValue, SimulationError } from './errors.js';
import { layerOf, type StateGraph } from './state-graph.js';

/**
 * The error for an objective whose best or worst return is not finite: from the last
 * layer holding such a value, the sum of the rewards from the next step on overflows.
 */
export function returnOverflow(spec: CompiledSpec, g: StateGraph, objective: string, ...values: Float64Array[]): SimulationError {
    let from = 1;
    for (let t = g.horizon - 1; t >= 0 && from === 1; t--) {
        for (let s = g.layerStart[t]!; s < g.layerStart[t + 1]!; s++) {
            if (values.some(v => !Number.isFinite(v[s]!))) { from = t + 1; break; }
        }
    }
    return new SimulationError(
        `The return of objective ${objective} in ${g.label} is not a finite number: summed from step ${from} to the horizon, its rewards overflow the range of double-precision numbers (about ±1.8e308).`,
        spec.objectives.find(o => o.name === objective)?.location);
}

/**
 * Runs `plan`, a pass of planning `objective` `depth` steps ahead over windows of
 * `window` steps; a window value that is not finite becomes a located error (at the
 * declared optimizer, else the objective) naming the steps it sums.
 */
export function planning<T>(spec: CompiledSpec, g: StateGraph, objective: string, depth: number, window: number, plan: () => T,
    location = spec.objectives.find(o => o.name === objective)?.location): T {
    try {
        return plan();
    } catch (e) {
        if (!(e instanceof NonFiniteValue)) throw e;
        const t = layerOf(g, e.state);
        const last = Math.min(g.horizon, t + window);
        throw new SimulationError(
            `Planning ${objective} ${depth} step${depth === 1 ? '' : 's'} ahead in ${g.label}: its return over steps ${t + 1} to ${last} is not a finite number (it overflows the range of double-precision numbers, about ±1.8e308).`,
            location);
    }
}
