/**
 * `mesa distinguish FILE [--write] [--max-states N] [--time-budget MS] [--workers N]`: runs the
 * simulation (on worker threads, as `mesa simulate` does), and applies the distinguishing environments it chooses, cheapest kind
 * first, as the quick fix does (docs/cli.md, mesa distinguish): declared environments
 * added to `train`, a training environment's binding widened, new `environment X extends
 * Train {...}` declarations after the last environment with their names added to
 * `train`. Prints the edited spec on stdout, or with --write rewrites the file in place;
 * what each adds and rules out goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { asDistinguishingData } from '../language/findings/distinguishing-data.js';
import { applyInsertions, distinguishingInsertions } from '../language/findings/distinguishing-edits.js';
import type { MesaServices } from '../language/mesa-module.js';
import type { Report } from '../language/simulation/report.js';
import { SimulationError } from '../language/simulation/index.js';
import { simulateShown } from './simulate.js';
import type { Output } from './check.js';
import { UserError } from './user-error.js';
import { loadSpecFile } from './load-spec.js';

export interface DistinguishCliOptions {
    write: boolean;
    maxStates: number;
    timeBudgetMs?: number;
    /** Threads exploring environments at once; default the machine's cores. */
    workers?: number;
}

export async function runDistinguish(services: MesaServices, path: string, options: DistinguishCliOptions, out: Output): Promise<number> {
    const file = await loadSpecFile(services, path, out, 'first');
    if (!file) return 1;
    const { text, spec, loaded } = file;
    let report: Report;
    try {
        report = await simulateShown(spec, options, out);
    } catch (error) {
        if (!(error instanceof SimulationError)) throw error;
        const at = error.location ? `:${error.location.range.start.line + 1}:${error.location.range.start.character + 1}` : '';
        out.stderr(`${path}${at}: error [runtime-error] ${error.message}\n`);
        return 1;
    }
    const d = report.distinguishing;
    const data = asDistinguishingData({ environments: d.environments });
    if (!d.computed || !data) {
        const why = !d.computed
            ? 'the candidate analysis did not run (a budget was hit, or the training environments are not simulated)'
            : report.candidates.pseudoAligned === 0 && d.uncovered.length === 0
                ? 'no enumerated or declared objective fits training without being robust'
                : `no environment rules out ${d.uncovered.join(', ')}`;
        out.stderr(`mesa: ${path}: nothing to add: ${why}\n`);
        if (!options.write) out.stdout(text);
        return 0;
    }
    const edited = applyInsertions(text, distinguishingInsertions(loaded.document, data));
    for (const e of d.environments) out.stderr(`mesa: ${e.name} ${e.intervention}; rules out ${e.rulesOut.join(', ')}\n`);
    if (d.uncovered.length > 0) out.stderr(`mesa: still not ruled out: ${d.uncovered.join(', ')}\n`);
    if (options.write) {
        try {
            writeFileSync(path, edited);
        } catch (error) {
            throw new UserError(`${path}: cannot write (${(error as { code?: string }).code ?? String(error)})`);
        }
        out.stderr(`mesa: wrote ${path}\n`);
    } else {
        out.stdout(edited);
    }
    return 0;
}
