/**
 * The latest simulation-backed results of each open document: its diagnostics, and the
 * verdicts that settle what its static proxy warnings mean. While a newer analysis is
 * pending, validation carries the diagnostics over, moved to where their declarations
 * now are, so warnings don't flicker off and on at every keystroke; a fresh result
 * replaces them. Anchors are declaration names, not positions, so edits elsewhere never
 * leave a warning on the wrong text. While the spec has errors nothing is carried: the
 * results are withdrawn and one info says the analysis waits (docs/editor.md,
 * Diagnostics while typing).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AstNode } from 'langium';
import { GrammarUtils } from 'langium';
import type { Spec } from '../generated/ast.js';
import { isDeploy, isEnvironment, isObjective, isOptimizer, isSelect, isTrain } from '../generated/ast.js';
import type { CompiledSpec, Range, SourceLocation } from '../model/spec.js';
import { IssueCodes } from '../validation/codes.js';
import type { SettledVerdict } from './simulation-findings.js';
import { verdictNote } from './simulation-findings.js';

export type Anchor =
    | { kind: 'objective' | 'optimizer' | 'environment'; name: string }
    | { kind: 'select' | 'train' | 'deploy' };

export interface AnchoredDiagnostic {
    diagnostic: Diagnostic;
    anchor: Anchor;
}

/** Marks diagnostics carried over from an earlier analysis (not yet refreshed). */
export const CARRIED = 'mesa-carried';
/** On a static proxy diagnostic that a verdict settled: its severity and message before. */
const UNSETTLED = 'mesa-unsettled';

const PROXY_CODES: ReadonlySet<string> = new Set([IssueCodes.ProxySideEffect, IssueCodes.ProxyInstrumental, IssueCodes.ProxyGeneral]);

interface StoredAnalysis {
    diagnostics: AnchoredDiagnostic[];
    verdicts: ReadonlyMap<string, SettledVerdict>;
}

export class SimulationStore {
    private readonly byUri = new Map<string, StoredAnalysis>();

    /** Replaces a document's results: its anchored diagnostics, and the settled verdicts of its mesa objectives. */
    set(uri: string, diagnostics: AnchoredDiagnostic[], verdicts: ReadonlyMap<string, SettledVerdict> = new Map()): void {
        this.byUri.set(uri, { diagnostics, verdicts });
    }

    get(uri: string): AnchoredDiagnostic[] {
        return this.byUri.get(uri)?.diagnostics ?? [];
    }

    /** Objective name → settled verdict, from the document's last analysis. */
    verdicts(uri: string): ReadonlyMap<string, SettledVerdict> {
        return this.byUri.get(uri)?.verdicts ?? new Map();
    }

    /** Whether an analysis of the document has reached the editor (and not been forgotten since). */
    has(uri: string): boolean {
        return this.byUri.has(uri);
    }

    delete(uri: string): void {
        this.byUri.delete(uri);
    }

    /** The stored diagnostics of `uri`, moved onto the declarations of a new parse; those whose declaration is gone are dropped. */
    carryOver(uri: string, spec: Spec): Diagnostic[] {
        const carried: Diagnostic[] = [];
        for (const { diagnostic, anchor } of this.get(uri)) {
            const range = anchorRange(spec, anchor);
            if (range) {
                carried.push({ ...diagnostic, range, data: { ...(diagnostic.data as object | undefined), [CARRIED]: true } });
            }
        }
        return carried;
    }

    /**
     * Instead of the stored results, while the spec has `errors`: one info on `train`
     * (or on the first error) saying the analysis waits for them to be fixed. Nothing
     * when the document was never analysed.
     */
    waiting(uri: string, spec: Spec, errors: readonly Diagnostic[]): Diagnostic | undefined {
        if (!this.has(uri)) return undefined;
        const range = keywordRange(spec.declarations?.find(isTrain), 'train') ?? errors.find(d => d.severity === 1)?.range;
        if (!range) return undefined;
        const withdrawn = this.get(uri).filter(a => a.diagnostic.code !== IssueCodes.AnalysisFailed).length;
        const what = withdrawn === 0 ? '' : withdrawn === 1 ? ': its earlier result is withdrawn until then' : `: its ${withdrawn} earlier results are withdrawn until then`;
        return {
            severity: 3, code: IssueCodes.AnalysisWaiting, source: 'mesa', range,
            message: `The simulation-backed analysis waits for the errors to be fixed${what}.`,
        };
    }
}

export function isCarried(diagnostic: Diagnostic): boolean {
    return (diagnostic.data as Record<string, unknown> | undefined)?.[CARRIED] === true;
}

/**
 * Static proxy warnings on mesa objectives whose verdict the simulation settled, said so
 * and lowered to information (docs/analyses.md, When each kind runs); every other
 * diagnostic unchanged. Diagnostics settled before by other verdicts are first restored,
 * so the same list can be settled again when a fresh analysis arrives.
 */
export function settleByVerdicts(diagnostics: readonly Diagnostic[], spec: CompiledSpec, verdicts: ReadonlyMap<string, SettledVerdict>): Diagnostic[] {
    const mesa = spec.objectives.filter(o => o.role === 'mesa');
    return diagnostics.map(settled => {
        const diagnostic = unsettled(settled);
        if (!PROXY_CODES.has(String(diagnostic.code))) return diagnostic;
        const objective = mesa.find(o => sameRange(o.location.range, diagnostic.range));
        const verdict = objective && verdicts.get(objective.name);
        if (!objective || !verdict) return diagnostic;
        return {
            ...diagnostic,
            severity: 3,
            message: `${diagnostic.message} ${verdictNote(objective.name, spec.base, verdict)}`,
            data: { ...(diagnostic.data as object | undefined), [UNSETTLED]: { severity: diagnostic.severity, message: diagnostic.message } },
        };
    });
}

function unsettled(diagnostic: Diagnostic): Diagnostic {
    const data = diagnostic.data as Record<string, unknown> | undefined;
    const before = data?.[UNSETTLED] as Pick<Diagnostic, 'severity' | 'message'> | undefined;
    if (!before) return diagnostic;
    const rest = Object.fromEntries(Object.entries(data!).filter(([key]) => key !== UNSETTLED));
    const restored: Diagnostic = { ...diagnostic, severity: before.severity, message: before.message };
    if (Object.keys(rest).length > 0) restored.data = rest;
    else delete restored.data;
    return restored;
}

/** Which declaration of the compiled spec a finding's location is on. */
export function anchorOf(spec: CompiledSpec, location: SourceLocation): Anchor | undefined {
    const same = (other?: SourceLocation) => other !== undefined && sameRange(other.range, location.range);
    const objective = spec.objectives.find(o => same(o.location));
    if (objective) return { kind: 'objective', name: objective.name };
    const optimizer = spec.optimizers.find(o => same(o.location));
    if (optimizer) return { kind: 'optimizer', name: optimizer.name };
    const env = spec.environments.find(e => same(e.location));
    if (env) return { kind: 'environment', name: env.name };
    if (same(spec.select.location)) return { kind: 'select' };
    if (same(spec.locations.train)) return { kind: 'train' };
    if (same(spec.locations.deploy)) return { kind: 'deploy' };
    return undefined;
}

/** Where a finding about the analysis as a whole goes: `train`, else the first environment, else the base objective. */
export function wholeSpecLocation(spec: CompiledSpec): SourceLocation | undefined {
    return spec.locations.train ?? spec.environments[0]?.location ?? spec.objectives.find(o => o.name === spec.base)?.location;
}

function anchorRange(spec: Spec, anchor: Anchor): Range | undefined {
    const declarations = spec.declarations ?? [];
    let node;
    switch (anchor.kind) {
        case 'objective': node = declarations.filter(isObjective).find(d => d.name === anchor.name); break;
        case 'optimizer': node = declarations.filter(isOptimizer).find(d => d.name === anchor.name); break;
        case 'environment': node = declarations.filter(isEnvironment).find(d => d.name === anchor.name); break;
        case 'select': return keywordRange(declarations.find(isSelect), 'select');
        case 'train': return keywordRange(declarations.find(isTrain), 'train');
        case 'deploy': return keywordRange(declarations.find(isDeploy), 'deploy');
    }
    return node ? GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range : undefined;
}

function keywordRange(node: AstNode | undefined, keyword: string): Range | undefined {
    return node ? GrammarUtils.findNodeForKeyword(node.$cstNode, keyword)?.range : undefined;
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}
