/**
 * The `underdetermined-training` finding (docs/analyses.md, Simulation-backed analyses): how many enumerated candidate
 * objectives no longer than the base objective fit training without being robust,
 * naming the shortest few. Its `data` carries the distinguishing environments, cheapest
 * kind first, ready for the quick fix (and `mesa distinguish`), titled by what it does
 * ("Train also in Unwatched", or "Add distinguishing environments").
 */
import type { CompiledSpec } from '../model/spec.js';
import type { Report } from '../simulation/report.js';
import { IssueCodes } from '../validation/codes.js';
import { ADD_DISTINGUISHING_TITLE, fixOf, fixTitle, type DistinguishingData } from './distinguishing-data.js';
import type { Finding } from './finding.js';

/** Candidates named in the message. */
const SHORTEST = 5;

export function underdeterminedFinding(spec: CompiledSpec, report: Report): Finding | undefined {
    const c = report.candidates;
    const base = spec.objectives.find(o => o.name === spec.base);
    const location = spec.locations.train ?? spec.environments.find(e => e.label === spec.train[0])?.location;
    if (!c.computed || c.pseudoAligned === 0 || !base || !location) return undefined;
    const baseBits = report.objectives.find(o => o.name === base.name)?.bits;
    const shortest = c.byBits.flatMap(b => b.examples).slice(0, SHORTEST);
    const more = c.pseudoAligned > shortest.length ? ', ...' : '';
    const one = c.pseudoAligned === 1;
    let message = `${c.pseudoAligned} enumerated objective${one ? '' : 's'} no longer than ${base.name}`
        + `${baseBits !== undefined ? ` (${baseBits.toFixed(2)} bits)` : ''} fit${one ? 's' : ''} training without being robust: `
        + `${shortest.join(', ')}${more}.`;
    const d = report.distinguishing;
    const data: DistinguishingData = { environments: d.environments.map(fixOf) };
    if (d.computed && d.environments.length > 0) {
        const names = d.environments.map(e => e.name).join(', ');
        const ruledOut = [...new Set(d.environments.flatMap(e => e.rulesOut))].join(', ');
        // The title says what a fix that only trains in the spec's environments does; naming it again adds nothing.
        const title = fixTitle(data);
        message += ` Training also in ${names} (quick fix${title === ADD_DISTINGUISHING_TITLE ? ` "${title}"` : ''}) rules out ${ruledOut}`
            + `${d.uncovered.length > 0 ? `; no environment rules out ${d.uncovered.join(', ')}` : ''}.`;
    }
    return {
        code: IssueCodes.UnderdeterminedTraining, severity: 'warning', message, location,
        related: [{ message: `base objective ${base.name}`, location: base.location }],
        ...(data.environments.length > 0 ? { data } : {}),
    };
}
