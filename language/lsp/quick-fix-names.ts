/**
 * The quick fix "Did you mean 'x'?" on an `unresolved-name` diagnostic (docs/editor.md,
 * Features): the names in scope at the unresolved reference that are within a few edits
 * of it (insertions, deletions, substitutions, swaps of neighbours), nearest first. The
 * scope is the one linking used, so the names offered are those that would resolve.
 */
import type { LangiumDocument, ReferenceInfo } from 'langium';
import { AstUtils, CstUtils, isReference } from 'langium';
import type { ScopeProvider } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';

/** At most this many names are offered. */
export const MAX_SUGGESTIONS = 3;

/** The edits a name may be from the one written: a third of its length, at least one. */
export function editBudget(name: string): number {
    return Math.max(1, Math.floor(name.length / 3));
}

/**
 * Edit distance of two names (optimal string alignment: insertions, deletions,
 * substitutions and swaps of two neighbouring characters cost one each), or
 * `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
            current.push(d);
            rowMin = Math.min(rowMin, d);
        }
        if (rowMin > limit) return limit + 1;
        before = previous;
        previous = current;
    }
    return previous[b.length]!;
}

/** The names of `candidates` nearest to `name` within its edit budget, nearest first (ties: in scope order), each once. */
export function nearestNames(name: string, candidates: Iterable<string>): string[] {
    const limit = editBudget(name);
    const found = new Map<string, number>();
    for (const candidate of candidates) {
        if (candidate === name || found.has(candidate)) continue;
        const distance = editDistance(name, candidate, limit);
        if (distance <= limit) found.set(candidate, distance);
    }
    return [...found.entries()].sort((a, b) => a[1] - b[1]).slice(0, MAX_SUGGESTIONS).map(([candidate]) => candidate);
}

/** The reference whose name the diagnostic's range starts on. */
export function referenceAt(document: LangiumDocument, diagnostic: Diagnostic): ReferenceInfo | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    if (!leaf) return undefined;
    return AstUtils.streamReferences(leaf.astNode).find(info => info.reference.$refNode?.offset === leaf.offset);
}

export function didYouMeanActions(document: LangiumDocument, diagnostic: Diagnostic, scopes: ScopeProvider): CodeAction[] {
    const info = referenceAt(document, diagnostic);
    const refNode = info?.reference.$refNode;
    // A reference that resolves by now (the diagnostic is outdated) needs no fix.
    if (!info || !refNode || !isReference(info.reference) || info.reference.ref) return [];
    const names = scopes.getScope(info).getAllElements().map(d => d.name);
    const nearest = nearestNames(info.reference.$refText, names);
    return nearest.map((name, i) => ({
        title: `Did you mean '${name}'?`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(i === 0 && nearest.length === 1 ? { isPreferred: true } : {}),
        edit: { changes: { [document.textDocument.uri]: [{ range: refNode.range, newText: name }] } },
    }));
}
