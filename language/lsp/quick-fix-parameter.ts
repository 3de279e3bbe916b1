/**
 * The quick fix "Add a node for parameter 'k'" on the error an objective reading a
 * parameter gets (docs/language.md, Semantics: objectives read actions and nodes; a
 * parameter's value is per environment, so it is read through a node). It adds
 * `node k_value = k` to every environment that declares `k` and does not yet have such
 * a node, and makes the objective read the node instead. A node already reading
 * exactly `k` in the environment the name resolved to is reused.
 */
import type { LangiumDocument } from 'langium';
import { AstUtils, isReference } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { Environment, Parameter, Spec } from '../generated/ast.js';
import { isEnvironment, isNameReference, isNode, isObjective, isParameter } from '../generated/ast.js';
import { flattenEnvironment } from '../compile/environments.js';
import { referenceAt } from './quick-fix-names.js';

/** The name of the node that carries `parameter`: an existing `node n = k`, else `k_value` (or `k_value2`... when taken). */
export function parameterNodeName(parameter: Parameter): string {
    const members = flattenEnvironment(parameter.$container).members;
    for (const member of members.values()) {
        if (isNode(member) && !member.qualitative && !member.init && isNameReference(member.rule)
            && member.rule.delay === undefined && member.rule.target.$refText === parameter.name) return member.name;
    }
    let name = `${parameter.name}_value`;
    for (let k = 2; members.has(name); k++) name = `${parameter.name}_value${k}`;
    return name;
}

/** An insertion of `node <name> = <parameter>` before the closing brace of `env`, on its own line when the members are. */
function nodeInsertion(document: LangiumDocument, env: Environment, name: string, parameter: string): TextEdit | undefined {
    const cst = env.$cstNode;
    if (!cst || !cst.text.endsWith('}')) return undefined;
    const text = document.textDocument.getText();
    const close = cst.end - 1;
    const lineStart = text.lastIndexOf('\n', close - 1) + 1;
    const declaration = `node ${name} = ${parameter}`;
    if (/^[ \t]*$/.test(text.slice(lineStart, close))) {
        // The brace has its own line: the node goes on the line before it, indented as the last member.
        const last = env.members[env.members.length - 1]?.$cstNode;
        const indent = last ? /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', last.offset - 1) + 1))![0] : '  ';
        const at = document.textDocument.positionAt(lineStart);
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        return { range: { start: at, end: at }, newText: `${indent}${declaration}${eol}` };
    }
    const at = document.textDocument.positionAt(close);
    const spaced = /\s$/.test(text.slice(0, close)) ? '' : ' ';
    return { range: { start: at, end: at }, newText: `${spaced}${declaration} ` };
}

export function parameterNodeActions(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const info = referenceAt(document, diagnostic);
    const reference = info?.container;
    const parameter = info && isReference(info.reference) ? info.reference.ref : undefined;
    if (!isNameReference(reference) || !isParameter(parameter) || !AstUtils.getContainerOfType(reference, isObjective)) return [];
    const refNode = info!.reference.$refNode!;
    const name = parameterNodeName(parameter);
    const spec = AstUtils.getContainerOfType(parameter, (n): n is Spec => n.$type === 'Spec');
    const edits: TextEdit[] = [];
    for (const env of spec?.declarations.filter(isEnvironment) ?? []) {
        if (!env.params.some(p => p.name === parameter.name) || flattenEnvironment(env).members.has(name)) continue;
        const insertion = nodeInsertion(document, env, name, parameter.name);
        if (insertion) edits.push(insertion);
    }
    const title = edits.length > 0 ? `Add a node for parameter '${parameter.name}' (node ${name} = ${parameter.name})`
        : `Read node '${name}' instead of parameter '${parameter.name}'`;
    edits.push({ range: refNode.range, newText: name });
    return [{
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.textDocument.uri]: edits } },
    }];
}
