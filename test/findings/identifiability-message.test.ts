/**
 * The `unidentifiable` message says which training data would tell the objectives apart
 * (docs/analyses.md, Identifiability by data source), from the report's `distinguishedBy`;
 * without it (a budget stopped the analysis) it keeps the sampled reward-timing note.
 */
import { describe, expect, test } from 'vitest';
import { simulationFindings } from '../../language/findings/simulation-findings.js';
import { simulate } from '../../language/simulation/index.js';
import { distinguishedSentence } from '../../language/simulation/identifiability.js';
import { compiled, exampleText } from '../helpers/services.js';

async function unidentifiable(example: string, strip = false): Promise<Record<string, string>> {
    const spec = await compiled(exampleText(example));
    const report = simulate(spec);
    if (strip) for (const o of report.optimizers) o.distinguishedBy = null;
    const findings = simulationFindings(spec, report).filter(f => f.code === 'unidentifiable');
    return Object.fromEntries(findings.map(f => [report.optimizers.find(o => o.location === f.location)?.name ?? '?', f.message]));
}

describe('the unidentifiable message', () => {
    test('button-lamp: the lag, then behaviour cannot tell them apart, returns and per-step rewards can', async () => {
        const { Pressing } = await unidentifiable('button-lamp');
        expect(Pressing).toBe('Pressing fits Lab as well as Light does, but is a different objective: in Lab at step 31 (press@1..10 = 1), '
            + 'Pressing allows {press} where Light allows {wait, press}. Light\'s per-step reward is Pressing\'s shifted by 10 steps. '
            + 'Behaviour cannot tell them apart; returns and per-step rewards can.');
    });

    test('garden: only per-step rewards tell Hoarding apart; cleaning: all three tell Sweeping apart', async () => {
        expect((await unidentifiable('garden')).Hoarding).toMatch(/\. Behaviour and returns cannot tell them apart; per-step rewards can\.$/);
        expect((await unidentifiable('cleaning')).Sweeping).toMatch(/\. Behaviour, returns and per-step rewards can each tell them apart\.$/);
    });

    test('without the figures, the sampled reward timing is said as before', async () => {
        const { Pressing } = await unidentifiable('button-lamp', true);
        expect(Pressing).toMatch(/Light's per-step reward is Pressing's shifted by 10 steps: reward data could tell them apart, behaviour cannot\.$/);
    });

    test('every combination', () => {
        expect(distinguishedSentence({ behaviour: false, returns: false, rewards: false }))
            .toBe('Neither behaviour, returns nor per-step rewards can tell them apart in training.');
        expect(distinguishedSentence({ behaviour: true, returns: false, rewards: true }))
            .toBe('Returns cannot tell them apart; behaviour and per-step rewards can.');
    });
});
