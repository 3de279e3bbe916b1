/**
 * The analysis scheduler with an inline runner: simulation-backed diagnostics reach the
 * editor after validation, stale results never overwrite fresh ones, carried-over
 * diagnostics follow their declarations, and the `off` trigger stops analyses.
 */
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';
import type { AnalysisSettings } from '../../server/analysis/scheduler.js';
import { AnalysisScheduler } from '../../server/analysis/scheduler.js';
import type { AnalysisRunner, RunResult } from '../../server/analysis/runner.js';
import { InlineRunner } from '../../server/analysis/runner.js';
import { exampleText, load } from '../helpers/services.js';
import { setupScheduler } from './scheduler-setup.js';

/** The shared scheduler set-up, with each analysis given as the diagnostics it published. */
function setup(settings: Partial<AnalysisSettings> = {}) {
    const { services, scheduler, published, open, analyzed } = setupScheduler(settings);
    return { services, scheduler, published, open, analyzed: () => analyzed().then(event => event.diagnostics) };
}

describe('analysis scheduler', () => {
    test('publishes static and simulation-backed diagnostics for button-lamp', async () => {
        const { open, analyzed } = setup();
        const done = analyzed();
        await open(exampleText('button-lamp'));
        const diagnostics = await done;
        const codes = diagnostics.map(d => d.code);
        expect(codes).toEqual(expect.arrayContaining(['proxy-side-effect', 'precomputation', 'unidentifiable', 'distribution-shift', 'selection-prefers-proxy']));
        const unidentifiable = diagnostics.find(d => d.code === 'unidentifiable')!;
        expect(unidentifiable.range).toEqual({ start: { line: 15, character: 15 }, end: { line: 15, character: 23 } });
        expect(unidentifiable.message).toContain("Light's per-step reward is Pressing's shifted by 10 steps");
        expect(diagnostics.filter(d => d.message.startsWith('Lighting'))).toEqual([]);
    });

    test('feeds the verdicts that hovers show', async () => {
        const { services, open, analyzed } = setup();
        const done = analyzed();
        await open(exampleText('button-lamp'));
        await done;
        const verdicts = services.analysis.VerdictCache;
        expect(verdicts.get('file:///work/button-lamp.mesa', 'Pressing')).toBe('pseudo-aligned (side-effect) · depth 1');
        expect(verdicts.get('file:///work/button-lamp.mesa', 'Lighting')).toBe('robust · depth 11');
    });

    test('carries simulation diagnostics over an edit, moved with their declaration', async () => {
        const { services, open } = setup({ trigger: 'off' });
        // Fill the store with a real analysis first.
        const first = setup();
        const done = first.analyzed();
        await first.open(exampleText('button-lamp'));
        const stored = await done;
        const anchored = first.services.analysis.SimulationStore.get('file:///work/button-lamp.mesa');
        expect(anchored.length).toBeGreaterThan(0);
        services.analysis.SimulationStore.set('file:///work/button-lamp.mesa', anchored);
        const edited = await open('// a new first line\n' + exampleText('button-lamp'));
        const carried = (edited.diagnostics ?? []).filter(d => d.code === 'unidentifiable');
        expect(carried).toHaveLength(1);
        expect(carried[0]!.range.start.line).toBe(16);
        expect(stored.find(d => d.code === 'unidentifiable')!.range.start.line).toBe(15);
    });

    test('a newer edit supersedes an older analysis: only the fresh result is published', async () => {
        const { open, published, analyzed } = setup({ debounceMs: 20 });
        const done = analyzed();
        await open(exampleText('button-lamp'));
        await open(exampleText('button-lamp').replace('objective mesa Pressing = press', 'objective mesa Pressing = lamp'));
        await done;
        await new Promise(resolve => setTimeout(resolve, 100));
        expect(published).toHaveLength(1);
        const codes = published[0]!.diagnostics.filter(d => d.message.startsWith('Pressing')).map(d => d.code);
        expect(codes).not.toContain('unidentifiable');
    });

    test('an edit cancels the running analysis as its build starts, before validation', async () => {
        const services = createMesaServices(EmptyFileSystem).Mesa;
        const events: string[] = [];
        const runner: AnalysisRunner = {
            run: () => {
                events.push('run');
                return { result: new Promise<RunResult>(() => undefined), cancel: () => events.push('cancel') };
            },
            dispose: () => undefined,
        };
        new AnalysisScheduler(services, runner, {
            publish: () => undefined,
            settings: async () => ({ trigger: 'onChange', maxStates: 1_000, timeBudgetMs: 1_000, debounceMs: 0 }),
            log: () => undefined,
        });
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Linked, () => { events.push('linked'); });
        const uri = URI.parse('file:///work/cancel.mesa');
        const build = async (text: string) => {
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
            if (services.shared.workspace.LangiumDocuments.hasDocument(uri)) services.shared.workspace.LangiumDocuments.deleteDocument(uri);
            services.shared.workspace.LangiumDocuments.addDocument(document);
            await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        };
        await build(exampleText('button-lamp'));
        await new Promise(resolve => setTimeout(resolve, 50));
        expect(events).toEqual(['linked', 'run']);
        await build(exampleText('button-lamp').replace('horizon 40', 'horizon 41'));
        expect(events.slice(0, 4)).toEqual(['linked', 'run', 'cancel', 'linked']);
    });

    test('a cancelled inline run says so and carries nothing', async () => {
        const { spec } = await load(exampleText('button-lamp'));
        const run = new InlineRunner().run(spec!, { maxStates: 200_000 });
        run.cancel();
        expect(await run.result).toEqual({ findings: [], ms: 0, cancelled: true });
    });

    test('trigger off: no analysis runs', async () => {
        const { open, published } = setup({ trigger: 'off' });
        await open(exampleText('button-lamp'));
        await new Promise(resolve => setTimeout(resolve, 100));
        expect(published).toEqual([]);
    });

    test('a spec with errors is not simulated', async () => {
        const { open, published } = setup();
        await open('environment E { horizon 2 action a node x = y }\nobjective base B = x\n');
        await new Promise(resolve => setTimeout(resolve, 100));
        expect(published).toEqual([]);
    });
});
