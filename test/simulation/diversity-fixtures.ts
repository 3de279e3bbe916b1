/**
 * Hand-built inputs for the selection and diversity-sweep tests: optimizer reports with
 * given training his, optima and depths, and a compiled spec with given training
 * weights and penalties. Only the fields selection and the sweep read are meaningful.
 */
import type { CompiledSpec, SourceLocation } from '../../language/model/spec.js';
import type { OptimizerReport, Verdict } from '../../language/simulation/report.js';
import { buildSpec } from './fixtures.js';

const at = (line: number): SourceLocation => ({ uri: 'test:///sweep.mesa', range: { start: { line, character: 0 }, end: { line, character: 5 } } });

/** An optimizer with, per training environment, [label, hi, optimum]. */
export function optimizer(name: string, verdict: Verdict, train: [string, number | null, number][], depth: number, bits = 0): OptimizerReport {
    return {
        name, objective: name, implicit: true, model: null, declaredDepth: null, verdict,
        kind: verdict === 'pseudo-aligned' ? 'side-effect' : null, via: null, signUnknown: false,
        train: train.map(([env, hi, optimum]) => ({ env, lo: hi, hi, optimum, worst: 0 })),
        deploy: [], deployAverage: null, depth, bits, witness: null, limits: null, sweep: [], incomplete: false, location: at(20),
    };
}

/**
 * A spec training in the given environments (each `Name` or `Name(p=v)`) with the given
 * weights (normalised here) and depth penalty.
 */
export function weightedSpec(train: [string, number][], depthPenalty: number, weighted = true): CompiledSpec {
    const labels = train.map(([label]) => label);
    const spec = buildSpec({
        name: 'sweep',
        envs: labels.map(label => {
            const m = /^(\w+)(?:\((\w+)=(\d+)\))?$/.exec(label)!;
            return { label, name: m[1]!, params: m[2] ? { [m[2]]: Number(m[3]) } : {}, horizon: 1, actions: ['go'] };
        }),
        objectives: [['base', 'Base', 'go']],
        train: labels,
        select: { depth: depthPenalty },
    });
    const total = train.reduce((sum, [, w]) => sum + w, 0);
    return {
        ...spec,
        weights: { train: train.map(([, w]) => w / total), deploy: [] },
        weighted,
        locations: { train: at(30) },
    };
}
