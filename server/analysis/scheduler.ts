/**
 * Schedules the simulation-backed analyses of open documents (docs/analyses.md, Simulation-backed analyses): after a
 * debounce following an edit (or on save, or never, per the `mesa.analysis.trigger`
 * setting), within the editor's budgets, off the main thread. A newer edit cancels an
 * older analysis, and a result whose document has changed since is dropped, so stale
 * results never overwrite fresh ones. A result also settles the document's static proxy
 * warnings by its verdicts; a failed analysis (its worker died) withdraws the last
 * results and says why (docs/editor.md, Diagnostics while typing).
 */
import type { LangiumDocument } from 'langium';
import { DocumentState, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { anchorOf, isCarried, settleByVerdicts, wholeSpecLocation } from '../../language/findings/simulation-store.js';
import type { AnchoredDiagnostic } from '../../language/findings/simulation-store.js';
import { settledVerdicts } from '../../language/findings/simulation-findings.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import { IssueCodes } from '../../language/validation/codes.js';
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
    /** Why the analysis failed (its worker died), when it did: `diagnostics` then say so instead of results. */
    failed?: string;
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
        const current = () => {
            const now = this.document(uri);
            // A newer text is scheduled or being analysed: this result is not for it.
            return now && now.textDocument.version === version && now.parseResult === parse ? now : undefined;
        };
        let result;
        try {
            result = await handle.result;
        } catch (error) {
            const why = error instanceof Error ? error.message : String(error);
            this.host.log(`Analysis of ${uri} failed: ${why}`);
            const still = current();
            if (still) this.failed(still, spec, why);
            return;
        } finally {
            if (this.running.get(uri) === handle) this.running.delete(uri);
        }
        if (result.cancelled) return;
        const analysed = current();
        if (!analysed || result.report?.incomplete.some(i => i.budget === 'cancelled')) return;
        const anchored: AnchoredDiagnostic[] = [];
        for (const finding of result.findings) {
            const anchor = anchorOf(spec, finding.location);
            if (anchor) anchored.push({ diagnostic: findingToDiagnostic(finding), anchor });
        }
        const verdicts = result.report ? settledVerdicts(result.report) : new Map();
        this.services.analysis.SimulationStore.set(uri, anchored, verdicts);
        if (result.report) this.services.analysis.VerdictCache.setFromReport(uri, result.report);
        this.publish(analysed, spec, anchored, { ms: result.ms, ...(result.report ? { report: result.report } : {}) });
    }

    /**
     * The analysis stopped (its worker died): its last results are withdrawn, and one
     * warning on `train` says what happened, carried over edits until a fresh analysis
     * replaces it (docs/editor.md, Diagnostics while typing).
     */
    private failed(document: LangiumDocument, spec: CompiledSpec, why: string): void {
        const uri = document.uri.toString();
        const location = wholeSpecLocation(spec);
        const anchor = location && anchorOf(spec, location);
        const anchored: AnchoredDiagnostic[] = location && anchor ? [{
            anchor,
            diagnostic: {
                severity: 2, code: IssueCodes.AnalysisFailed, source: 'mesa', range: location.range,
                message: `The simulation-backed analysis failed (${why}); its earlier results are withdrawn. It runs again after the next edit or save; if it keeps failing, lower mesa.analysis.maxStates.`,
            },
        }] : [];
        this.services.analysis.SimulationStore.set(uri, anchored);
        this.services.analysis.VerdictCache.delete(uri);
        this.publish(document, spec, anchored, { ms: 0, failed: why });
    }

    /** Publishes the document's own diagnostics, settled by the stored verdicts, with the analysis's. */
    private publish(document: LangiumDocument, spec: CompiledSpec, anchored: AnchoredDiagnostic[], outcome: Pick<AnalysisEvent, 'ms' | 'report' | 'failed'>): void {
        const uri = document.uri.toString();
        const own = settleByVerdicts((document.diagnostics ?? []).filter(d => !isCarried(d)), spec, this.services.analysis.SimulationStore.verdicts(uri));
        const diagnostics = [...own, ...anchored.map(a => a.diagnostic)];
        this.host.publish(uri, diagnostics);
        const event: AnalysisEvent = { uri, version: document.textDocument.version, diagnostics, ...outcome };
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
