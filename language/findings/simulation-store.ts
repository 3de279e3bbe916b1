/**
 * The latest simulation-backed diagnostics of each open document. While a newer
 * analysis is pending, validation carries them over, moved to where their declarations
 * now are, so warnings don't flicker off and on at every keystroke; a fresh result
 * replaces them. Anchors are declaration names, not positions, so edits elsewhere
 * never leave a warning on the wrong text.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AstNode } from 'langium';
import { GrammarUtils } from 'langium';
import type { Spec } from '../generated/ast.js';
import { isDeploy, isEnvironment, isObjective, isOptimizer, isSelect, isTrain } from '../generated/ast.js';
import type { CompiledSpec, Range, SourceLocation } from '../model/spec.js';

export type Anchor =
    | { kind: 'objective' | 'optimizer' | 'environment'; name: string }
    | { kind: 'select' | 'train' | 'deploy' };

export interface AnchoredDiagnostic {
    diagnostic: Diagnostic;
    anchor: Anchor;
}

/** Marks diagnostics carried over from an earlier analysis (not yet refreshed). */
export const CARRIED = 'mesa-carried';

export class SimulationStore {
    private readonly byUri = new Map<string, AnchoredDiagnostic[]>();

    set(uri: string, diagnostics: AnchoredDiagnostic[]): void {
        this.byUri.set(uri, diagnostics);
    }

    get(uri: string): AnchoredDiagnostic[] {
        return this.byUri.get(uri) ?? [];
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
}

export function isCarried(diagnostic: Diagnostic): boolean {
    return (diagnostic.data as Record<string, unknown> | undefined)?.[CARRIED] === true;
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
