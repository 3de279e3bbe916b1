/**
 * The quick fix "Read 'y' with a delay (y@1)" on a `cycle` diagnostic (docs/language.md,
 * Semantics: within a step the nodes must not depend on each other in a circle). The
 * diagnostic sits on the name of a node of the cycle; the fix reads the next node of
 * that cycle, the one its message suggests, with a delay of one step wherever the
 * node's rule reads it without one.
 */
import type { LangiumDocument } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { Expression, Node } from '../generated/ast.js';
import { isEnvironment, isNameReference, isNode } from '../generated/ast.js';
import { flattenEnvironment } from '../compile/environments.js';
import { findCycles } from '../validation/environment-checks.js';

/** The names a rule reads without delay, in the order they are written, each once. */
function undelayedReads(rule: Expression): string[] {
    const names = new Set<string>();
    for (const node of AstUtils.streamAst(rule)) {
        if (isNameReference(node) && node.delay === undefined) names.add(node.target.$refText);
    }
    return [...names];
}

/**
 * The node the cycle through `node` continues with, found as the validation finds the
 * cycle (environment-checks.ts): over the rules of the environment the node is declared in.
 */
export function nextInCycle(node: Node): string | undefined {
    const env = AstUtils.getContainerOfType(node, isEnvironment);
    if (!env) return undefined;
    const ruled = flattenEnvironment(env).nodes.filter(n => !n.qualitative && n.rule);
    const names = new Set(ruled.map(n => n.name));
    const reads = new Map(ruled.map(n => [n.name, undelayedReads(n.rule!).filter(name => names.has(name))]));
    const cycle = findCycles(reads).find(c => c.includes(node.name));
    if (!cycle) return undefined;
    return cycle[(cycle.indexOf(node.name) + 1) % cycle.length];
}

export function delayActions(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    const node = leaf?.astNode;
    if (!isNode(node) || !node.rule) return [];
    const next = nextInCycle(node);
    if (!next) return [];
    const edits: TextEdit[] = AstUtils.streamAst(node.rule)
        .filter(isNameReference)
        .filter(ref => ref.delay === undefined && ref.target.$refText === next && ref.$cstNode !== undefined)
        .map(ref => ({ range: { start: ref.$cstNode!.range.end, end: ref.$cstNode!.range.end }, newText: '@1' }))
        .toArray();
    if (edits.length === 0) return [];
    return [{
        title: `Read '${next}' with a delay (${next}@1)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.textDocument.uri]: edits } },
    }];
}
