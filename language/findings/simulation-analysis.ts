/**
 * Runs the simulation core on a compiled spec and turns the outcome into findings: the
 * analyses of §5.2, or one `runtime-error` (`index-out-of-range` for a bad index) at the
 * source location of a division by zero, a value that is not finite or a bad index.
 * Shared by `mesa check`, `mesa simulate` and the editor's analysis worker.
 */
import type { CompiledSpec } from '../model/spec.js';
import type { Report } from '../simulation/report.js';
import type { SimulateOptions } from '../simulation/index.js';
import { simulate, SimulationError } from '../simulation/index.js';
import type { Finding } from './finding.js';
import { simulationFindings } from './simulation-findings.js';

export interface SimulationOutcome {
    report?: Report;
    findings: Finding[];
}

export function analyzeBySimulation(spec: CompiledSpec, options: SimulateOptions): SimulationOutcome {
    try {
        const report = simulate(spec, options);
        return { report, findings: simulationFindings(spec, report) };
    } catch (error) {
        if (error instanceof SimulationError) {
            const location = error.location ?? spec.environments[0]?.location;
            if (!location) throw error;
            return { findings: [{ code: error.code, severity: 'error', message: error.message, location, related: [] }] };
        }
        throw error;
    }
}
