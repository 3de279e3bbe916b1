/**
 * Every expected diagnostic of docs/analyses.md (Expected verdicts of the examples), through the same pipeline as the editor and
 * `mesa check` (static analyses, then the simulation-backed ones within the editor's
 * budgets), and the absence of any warning on a robust objective.
 */
import { describe, expect, test } from 'vitest';
import { CHECK_DEFAULTS, diagnoseText } from '../../cli/check.js';
import type { PlainDiagnostic } from '../../language/findings/report-diagnostic.js';
import { exampleText, services } from '../helpers/services.js';

async function diagnose(example: string): Promise<PlainDiagnostic[]> {
    return diagnoseText(services, exampleText(example), `examples/${example}.mesa`, CHECK_DEFAULTS);
}

/** Diagnostics whose range is the declaration named `name` (its first occurrence after `keyword`). */
function on(list: PlainDiagnostic[], text: string, declaration: string): PlainDiagnostic[] {
    const index = text.indexOf(declaration);
    const before = text.slice(0, index + declaration.length - declaration.split(' ').pop()!.length);
    const line = before.split('\n').length - 1;
    const character = before.length - before.lastIndexOf('\n') - 1;
    return list.filter(d => d.range.start.line === line && d.range.start.character === character);
}

function codes(list: PlainDiagnostic[]): string[] {
    return list.map(d => d.code).sort();
}

describe('expected diagnostics of the examples', () => {
    test('button-lamp', async () => {
        const text = exampleText('button-lamp');
        const all = await diagnose('button-lamp');
        const pressing = on(all, text, 'objective mesa Pressing');
        expect(codes(pressing)).toEqual(['distribution-shift', 'precomputation', 'proxy-side-effect', 'unidentifiable']);
        expect(pressing.find(d => d.code === 'unidentifiable')!.message).toContain("Light's per-step reward is Pressing's shifted by 10 steps");
        expect(pressing.find(d => d.code === 'distribution-shift')!.message).toBe(
            "In deployment environment LabWithSwitch, Pressing scores [30, 30] against Light's optimum 40 (worst 0): normalized regret 0.25.");
        expect(pressing.find(d => d.code === 'precomputation')!.message).toContain("0 steps and 0 links from an action, Light's are 10 steps and 1 link");
        // Lighting is robust: no diagnostic of any kind.
        expect(on(all, text, 'objective mesa Lighting')).toEqual([]);
        const selection = all.filter(d => d.code === 'selection-prefers-proxy');
        expect(selection).toHaveLength(1);
        expect(selection[0]!.message).toContain('Pressing 29.9, Lighting 28.9');
        expect(all.filter(d => d.severity === 'error')).toEqual([]);
    });

    test('cleaning', async () => {
        const text = exampleText('cleaning');
        const all = await diagnose('cleaning');
        const sweeping = on(all, text, 'objective mesa Sweeping');
        expect(codes(sweeping)).toEqual(expect.arrayContaining(['distribution-shift', 'proxy-side-effect', 'unidentifiable']));
        expect(sweeping.find(d => d.code === 'distribution-shift')!.message).toBe(
            "In deployment environment Home, Sweeping scores [-36, -36] against Clean's optimum -15 (worst -72): normalized regret 0.368.");
        const vacuuming = on(all, text, 'objective mesa Vacuuming');
        expect(vacuuming.find(d => d.code === 'proxy-general')!.message).toMatch(/dusty_sweeps raises both/);
        expect(vacuuming.find(d => d.code === 'unidentifiable')).toBeDefined();
    });

    test('garden', async () => {
        const text = exampleText('garden');
        const hoarding = on(await diagnose('garden'), text, 'objective mesa Hoarding');
        expect(codes(hoarding)).toEqual(['distribution-shift', 'proxy-instrumental', 'unidentifiable']);
        expect(hoarding.find(d => d.code === 'distribution-shift')!.message).toContain('Hoarding scores [0, 0] against Cleaning\'s optimum 6 (worst 0): normalized regret 1.');
    });

    test('believer', async () => {
        const text = exampleText('believer');
        const all = await diagnose('believer');
        const believer = on(all, text, 'optimizer Believer');
        const sub = believer.find(d => d.code === 'suboptimality-alignment')!;
        expect(sub.message).toContain('its model DustVanishes keeps it aligned: with the true model it would score Room [-72, -15] of -15');
        expect(on(all, text, 'objective mesa Minimalism').map(d => d.code)).toContain('unidentifiable');
    });

    test('shop', async () => {
        const text = exampleText('shop');
        const all = await diagnose('shop');
        const novice = on(all, text, 'optimizer Novice');
        expect(novice.find(d => d.code === 'suboptimality-alignment')!.message).toContain('from depth 5 some of its behaviour stops being base-optimal in training (Shop [-40, -40])');
        const commission = on(all, text, 'objective mesa Commission');
        expect(commission.find(d => d.code === 'misaligned')!.message).toBe(
            "Commission does not fit training: in Shop its behaviour scores [-40, -40] against Satisfaction's optimum 12, so selection would reject it.");
    });

    test('thermostat', async () => {
        const text = exampleText('thermostat');
        const rough = on(await diagnose('thermostat'), text, 'objective mesa RoughComfort');
        expect(codes(rough)).toEqual(['approximate-target', 'distribution-shift', 'unidentifiable']);
        expect(rough.find(d => d.code === 'distribution-shift')!.message).toContain('[-6.2, -6.2] against Comfort\'s optimum -4.4 (worst -63.2): normalized regret 0.031');
    });

    test('evolution', async () => {
        const text = exampleText('evolution');
        const all = await diagnose('evolution');
        const pleasure = on(all, text, 'objective mesa Pleasure');
        expect(codes(pleasure)).toEqual(['precomputation', 'proxy-side-effect']);
        expect(pleasure.find(d => d.code === 'proxy-side-effect')!.message).toContain('through food');
        expect(pleasure.find(d => d.code === 'precomputation')!.message).toContain("0 steps and 1 link from an action, Fitness's are 0 steps and 2 links");
        expect(all.filter(d => d.code === 'qualitative-only')).toHaveLength(1);
    });
});
