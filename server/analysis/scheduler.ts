/**
 * Schedules the simulation-backed analyses of open documents (docs/analyses.md, Simulation-backed analyses): after a
 * debounce following an edit (or on save, or never, per the `mesa.analysis.trigger`
 * setting), within the editor's budgets, off the main thread. A newer edit cancels an
 * older analysis, and a result whose document has changed since is dropped, so stale
 * results never overwrite fresh ones.
 */
import type { LangiumDocument } from 'langium';
import { DocumentState, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { anchorOf, isCarried } from '../../language/findings/simulation-store.js';
import type { AnchoredDiagnostic } from '../../language/findings/simulation-store.js';
import { CompileError } from '../../language/compile/compile-spec.js';
import { compiledModelOf } from '../../language/compile/model-cache.js';
import { findingToDiagnostic } from '../../language/findings/finding-to-diagnostic.js';
import type { Spec } from '../../language/generated/ast.js';
import type { MesaServices } from '../../language/mesa-module.js';
import type { Report } from '../../language/simulation/report.js';
import type { MesaSettings } from '../../language/protocol.js';
import { DEFAULT_SETTINGS } from '../../language/protocol.js';
import type { AnalysisRunner, RunHandle } from './runner.js';

export type AnalysisSettings = MesaSettings['analysis'];

export interface AnalysisEvent {
    uri: string;
    version: number;
    report?: Report;
    diagnostics: Diagnostic[];
    ms: number;
}

export interface SchedulerHost {
    publish(uri: string, diagnostics: Diagnostic[]): void;
    settings(): Promise<AnalysisSettings>;
    log(message: string): void;
}

export class AnalysisScheduler {
    private readonly timers = new Map<string, NodeJS.Timeout>();
    private readonly running = new Map<string, RunHandle>();
    private readonly listeners: ((event: AnalysisEvent) => void)[] = [];

    constructor(private readonly services: MesaServices, private readonly runner: AnalysisRunner, private readonly host: SchedulerHost) {
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.Validated, document => this.documentValidated(document));
        builder.onUpdate((changed, deleted) => {
            // An edit stops the analysis of the text before it at once, so the worker
            // does not compete with the build of the new text for the CPU.
            for (const uri of changed) this.cancel(uri.toString());
            deleted.forEach(uri => this.forget(uri.toString()));
        });
    }

    /** Called after every analysis that reached the editor (for tests and latency measurements). */
    onAnalyzed(listener: (event: AnalysisEvent) => void): void {
        this.listeners.push(listener);
    }

    /** A save: analyse now when the trigger is `onSave`. */
    async documentSaved(uri: string): Promise<void> {
        const settings = await this.host.settings();
        if (settings.trigger === 'onSave') this.schedule(uri, 0, settings);
    }

    dispose(): void {
        for (const uri of [...this.timers.keys(), ...this.running.keys()]) this.forget(uri);
        this.runner.dispose();
    }

    private async documentValidated(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        // The document changed: whatever runs for it is stale now.
        this.cancel(uri);
        const settings = await this.host.settings();
        if (settings.trigger === 'off') {
            this.services.analysis.SimulationStore.delete(uri);
            return;
        }
        if (settings.trigger === 'onChange') this.schedule(uri, settings.debounceMs, settings);
    }

    private schedule(uri: string, delay: number, settings: AnalysisSettings): void {
        clearTimeout(this.timers.get(uri));
        this.timers.set(uri, setTimeout(() => {
            this.timers.delete(uri);
            void this.analyze(uri, settings);
        }, delay));
    }

    private async analyze(uri: string, settings: AnalysisSettings): Promise<void> {
        const document = this.document(uri);
        if (!document || document.state < DocumentState.Validated) return;
        if ((document.diagnostics ?? []).some(d => d.severity === 1 && !isCarried(d))) return;
        const spec = compiledModelOf(document as LangiumDocument<Spec>);
        if (spec instanceof CompileError) return;
        const version = document.textDocument.version;
        const parse = document.parseResult;
        this.cancel(uri);
        const handle = this.runner.run(spec, { maxStates: settings.maxStates, timeBudgetMs: settings.timeBudgetMs });
        this.running.set(uri, handle);
        let result;
        try {
            result = await handle.result;
        } catch (error) {
            this.host.log(`Analysis of ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
            return;
        } finally {
            if (this.running.get(uri) === handle) this.running.delete(uri);
        }
        if (result.cancelled) return;
        const current = this.document(uri);
        if (!current || current.textDocument.version !== version || current.parseResult !== parse || result.report?.incomplete.some(i => i.budget === 'cancelled')) {
            return; // superseded: a newer analysis is scheduled or running
        }
        const anchored: AnchoredDiagnostic[] = [];
        for (const finding of result.findings) {
            const anchor = anchorOf(spec, finding.location);
            if (anchor) anchored.push({ diagnostic: findingToDiagnostic(finding), anchor });
        }
        this.services.analysis.SimulationStore.set(uri, anchored);
        if (result.report) this.services.analysis.VerdictCache.setFromReport(uri, result.report);
        const diagnostics = [...(current.diagnostics ?? []).filter(d => !isCarried(d)), ...anchored.map(a => a.diagnostic)];
        this.host.publish(uri, diagnostics);
        const event: AnalysisEvent = { uri, version, diagnostics, ms: result.ms, ...(result.report ? { report: result.report } : {}) };
        for (const listener of this.listeners) listener(event);
    }

    private document(uri: string): LangiumDocument | undefined {
        const documents = this.services.shared.workspace.LangiumDocuments;
        const parsed = URI.parse(uri);
        return documents.hasDocument(parsed) ? documents.getDocument(parsed) : undefined;
    }

    private cancel(uri: string): void {
        this.running.get(uri)?.cancel();
        this.running.delete(uri);
    }

    private forget(uri: string): void {
        clearTimeout(this.timers.get(uri));
        this.timers.delete(uri);
        this.cancel(uri);
        this.services.analysis.SimulationStore.delete(uri);
        this.services.analysis.VerdictCache.delete(uri);
    }
}

/** Reads `mesa.analysis.*` through Langium's configuration provider, falling back to the defaults. */
export async function readAnalysisSettings(services: MesaServices): Promise<AnalysisSettings> {
    const configured = await services.shared.workspace.ConfigurationProvider.getConfiguration('mesa', 'analysis') as Partial<AnalysisSettings> | undefined;
    const defaults = DEFAULT_SETTINGS.analysis;
    const positive = (value: unknown, fallback: number) => typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
    const trigger = configured?.trigger;
    return {
        trigger: trigger === 'onSave' || trigger === 'off' || trigger === 'onChange' ? trigger : defaults.trigger,
        maxStates: positive(configured?.maxStates, defaults.maxStates),
        timeBudgetMs: positive(configured?.timeBudgetMs, defaults.timeBudgetMs),
        debounceMs: typeof configured?.debounceMs === 'number' && configured.debounceMs >= 0 ? configured.debounceMs : defaults.debounceMs,
    };
}
