/**
 * The phases a run tells its `progress` option (docs/simulation.md, Progress): in order,
 * once each, and the report byte for byte the same as without it.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText } from '../helpers/services.js';
import { buttonLamp } from './fixtures.js';
import { BUTTON_LAMP_PHASES } from '../helpers/phases.js';

/** The stages a run of `spec` tells, and its report as JSON. */
function told(...args: Parameters<typeof simulate>): { stages: string[]; json: string } {
    const stages: string[] = [];
    const report = simulate(args[0], { ...args[1], progress: stage => stages.push(stage) });
    return { stages, json: JSON.stringify(report) };
}

describe('progress of a run', () => {
    test('button-lamp: each environment explored, each optimizer analysed, then the later phases; the same report', () => {
        const { stages, json } = told(buttonLamp);
        expect(stages).toEqual(BUTTON_LAMP_PHASES);
        expect(json).toBe(JSON.stringify(simulate(buttonLamp)));
    });

    test('phases turned off are not told; a run cancelled before it starts tells no sampling and no learning path', () => {
        expect(told(buttonLamp, { adversarial: false, learningPath: false }).stages).toEqual(BUTTON_LAMP_PHASES.slice(0, 6));
        const cancelled = told(buttonLamp, { signal: { cancelled: true } }).stages;
        expect(cancelled).not.toContain('sampling episodes');
        expect(cancelled).not.toContain('learning path');
        expect(cancelled[0]).toBe('exploring Lab');
    });

    test('range-limited optimizers: their objectives are chosen before any optimizer is analysed', async () => {
        const spec = await compiled(`${exampleText('button-lamp')}\noptimizer Four { range 4 }\n`);
        const { stages } = told(spec);
        const choosing = stages.indexOf('choosing the objectives of range-limited optimizers');
        expect(choosing).toBeGreaterThan(stages.lastIndexOf('exploring LabWithSwitch'));
        expect(choosing).toBeLessThan(stages.indexOf('analysing Pressing'));
        expect(stages).toContain('analysing Four');
    });
});
