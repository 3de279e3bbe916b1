/**
 * The protocol between the Mesa extension and its language server, in one place: the
 * commands the extension contributes, the custom requests with their typed parameters
 * and results, and the settings the server reads. The client imports this file and
 * nothing else from language/: its only run-time imports are the protocol library's
 * `RequestType` and `NotificationType`; the report's types are imported as types and
 * erased from the bundle.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Report } from './simulation/report.js';

/** The extension's commands (package.json `contributes.commands`), also used by the code lenses. */
export const Commands = {
    /** Run the full simulation of a spec and show the report. */
    simulate: 'mesa.simulate',
    /** Show each environment's causal graph. */
    showGraph: 'mesa.showGraph',
    /** Copy one of the shipped examples into the workspace folder as a new spec, and open it. */
    newSpecFromExample: 'mesa.newSpecFromExample',
} as const;

export interface SimulateParams {
    /** The document's URI. */
    uri: string;
    /** Seed of the trajectory sample (default 1). */
    seed?: number;
    /** When given, the server tells the run's phases in `mesa/simulateProgress` notifications carrying it. */
    progressId?: string;
}

/** `mesa/simulate`: the full simulation of a document; the result is the report JSON (docs/report-json.md). */
export const SimulateRequest = new RequestType<SimulateParams, Report, void>('mesa/simulate');

export interface SimulateProgressParams {
    /** The `progressId` of the `mesa/simulate` request whose run this is. */
    progressId: string;
    /** The phase the run now turns to, e.g. `analysing Pressing` (docs/simulation.md, Progress). */
    stage: string;
}

/** `mesa/simulateProgress`: the phase a `mesa/simulate` run that asked for it enters, server to client. */
export const SimulateProgressNotification = new NotificationType<SimulateProgressParams>('mesa/simulateProgress');

export interface CausalGraphParams {
    uri: string;
    /** Environment label; the first training environment when absent. */
    env?: string;
}

export interface CausalGraphResult {
    env: string;
    environments: string[];
    dot: string;
    svg: string;
}

/** `mesa/causalGraph`: an environment's causal graph as Graphviz DOT and laid-out SVG. */
export const CausalGraphRequest = new RequestType<CausalGraphParams, CausalGraphResult, void>('mesa/causalGraph');

export interface ReportHtmlParams {
    /** The report JSON returned by `mesa/simulate`, passed back unchanged. */
    report: unknown;
    /** Nonce of the page's inline script and style (the renderer's CSP allows only it). */
    nonce: string;
    /** `webview.cspSource` of the panel that shows the page. */
    cspSource: string;
}

export interface ReportHtmlResult {
    html: string;
}

/**
 * `mesa/reportHtml`: a report rendered as the report webview's page, with the
 * extension's nonce and CSP source. The server renders so the extension stays thin.
 */
export const ReportHtmlRequest = new RequestType<ReportHtmlParams, ReportHtmlResult, void>('mesa/reportHtml');

/** Settings under `mesa.*` that the server reads. */
export interface MesaSettings {
    analysis: {
        /** When simulation-backed diagnostics run. */
        trigger: 'onChange' | 'onSave' | 'off';
        /** States per environment and objective before the editor's analysis stops. */
        maxStates: number;
        /** Wall-time budget of one editor analysis, in milliseconds. */
        timeBudgetMs: number;
        /** Debounce after the last edit, in milliseconds. */
        debounceMs: number;
    };
}

export const DEFAULT_SETTINGS: MesaSettings = {
    analysis: { trigger: 'onChange', maxStates: 200_000, timeBudgetMs: 2_000, debounceMs: 300 },
};

/** Settings the extension reads itself (the server never asks for them): section, key and default. */
export const ClientSettings = {
    /** Rerun the simulation of an out-of-date report when its spec is saved. */
    reportAutoRefresh: { section: 'mesa', key: 'report.autoRefresh', default: false },
} as const;
