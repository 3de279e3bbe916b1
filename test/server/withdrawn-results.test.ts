/**
 * Stale simulation-backed results are never shown as current (docs/editor.md,
 * Diagnostics while typing): while the spec has errors they are withdrawn, with one
 * info saying the analysis waits for the errors to be fixed; once fixed, a fresh
 * analysis brings them back. A spec that was never analysed gets no such info.
 */
import { describe, expect, test } from 'vitest';
import { exampleText, load } from '../helpers/services.js';
import { codesOf, setupScheduler, URI_OF_SPEC } from './scheduler-setup.js';

const SIMULATION_CODES = ['unidentifiable', 'distribution-shift', 'selection-prefers-proxy', 'underdetermined-training'];
const TYPO = exampleText('button-lamp').replace('train Lab\n', 'train Labb\n');

describe('simulation-backed results while the spec has errors', () => {
    test('a typo withdraws them and leaves one info on train; the fix brings fresh ones back', async () => {
        const { open, analyzed } = setupScheduler();
        const first = analyzed();
        await open(exampleText('button-lamp'));
        expect(codesOf((await first).diagnostics)).toEqual(expect.arrayContaining(SIMULATION_CODES));

        const broken = await open(TYPO);
        const diagnostics = broken.diagnostics ?? [];
        expect(codesOf(diagnostics).filter(c => SIMULATION_CODES.includes(c))).toEqual([]);
        expect(diagnostics.filter(d => d.severity === 1).map(d => d.code)).toContain('unresolved-name');
        const waiting = diagnostics.filter(d => d.code === 'analysis-waiting');
        expect(waiting).toHaveLength(1);
        expect(waiting[0]).toMatchObject({
            severity: 3,
            source: 'mesa',
            // `train` on line 19 (18 from 0).
            range: { start: { line: 18, character: 0 }, end: { line: 18, character: 5 } },
            message: 'The simulation-backed analysis waits for the errors to be fixed: its 5 earlier results are withdrawn until then.',
        });

        const fresh = analyzed();
        const fixed = await open(exampleText('button-lamp'));
        expect(codesOf(fixed.diagnostics ?? [])).not.toContain('analysis-waiting');
        const after = (await fresh).diagnostics;
        expect(codesOf(after)).toEqual(expect.arrayContaining(SIMULATION_CODES));
        expect(codesOf(after)).not.toContain('analysis-waiting');
    });

    test('the info stays while the errors stay, edit after edit', async () => {
        const { open, analyzed } = setupScheduler();
        const first = analyzed();
        await open(exampleText('button-lamp'));
        await first;
        await open(TYPO);
        const again = await open(TYPO.replace('horizon 40', 'horizon 41'));
        expect(codesOf(again.diagnostics ?? []).filter(c => c === 'analysis-waiting' || SIMULATION_CODES.includes(c))).toEqual(['analysis-waiting']);
    });

    test('a spec with errors that was never analysed gets no info (mesa check, a fresh editor)', async () => {
        expect(codesOf((await load(TYPO)).diagnostics)).not.toContain('analysis-waiting');
        const { open } = setupScheduler({ trigger: 'off' });
        const opened = await open(TYPO, URI_OF_SPEC);
        expect(codesOf(opened.diagnostics ?? [])).not.toContain('analysis-waiting');
    });
});
