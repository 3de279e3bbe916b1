/**
 * Test helpers for adversarial training: simulate an example, insert its
 * distinguishing environments as the quick fix does, and simulate the edited text.
 */
import { asDistinguishingData } from '../../../language/findings/distinguishing-data.js';
import { applyInsertions, distinguishingInsertions } from '../../../language/findings/distinguishing-edits.js';
import { loadSpecText, unloadSpec } from '../../../language/compile/load.js';
import type { CompiledSpec } from '../../../language/model/spec.js';
import type { Report } from '../../../language/simulation/report.js';
import { simulate } from '../../../language/simulation/index.js';
import { services } from '../../helpers/services.js';

export interface Simulated {
    text: string;
    spec: CompiledSpec;
    report: Report;
    errors: string[];
}

export async function simulateText(text: string): Promise<Simulated> {
    const loaded = await loadSpecText(services, text);
    await unloadSpec(services, loaded);
    const errors = loaded.diagnostics.filter(d => d.severity === 1).map(d => d.message);
    if (!loaded.spec) throw new Error(`spec has errors: ${errors.join('; ')}`);
    return { text, spec: loaded.spec, report: simulate(loaded.spec), errors };
}

/** The text with the report's distinguishing environments inserted (as the quick fix does). */
export async function withDistinguishing(text: string, report: Report): Promise<string> {
    const data = asDistinguishingData({ environments: report.distinguishing.environments });
    if (!data) return text;
    const loaded = await loadSpecText(services, text);
    await unloadSpec(services, loaded);
    return applyInsertions(text, distinguishingInsertions(loaded.document, data));
}

/** Whether `small` is a subsequence of `big` (characters in order, possibly apart). */
export function isSubsequence(small: string, big: string): boolean {
    let i = 0;
    for (let j = 0; j < big.length && i < small.length; j++) if (big[j] === small[i]) i++;
    return i === small.length;
}

export function verdictOf(report: Report, name: string): string | undefined {
    return report.optimizers.find(o => o.name === name)?.verdict;
}
