/**
 * Applies distinguishing environments to a spec's text, as the quick fix and `mesa
 * distinguish` do (docs/analyses.md, Quick fix: Add distinguishing environments), each by
 * its kind: a declared environment's use is appended to the first `train`; a widened
 * parameter rewrites the binding of the `train` use that holds the training environment
 * (`coin = 8` becomes `coin in 4..8`); a synthesised environment's declaration goes after
 * the last environment declaration (after any comment ending its line), preceded by a
 * comment saying what it changes, and its use is appended to `train`. Without a `train`,
 * one listing the first environment and the new uses is added. Apart from a rewritten
 * binding, only insertions: the author's text is kept, in order. Synthesised names that
 * clash with a declared environment are renamed `<Train>Distinguish<k>` with the next
 * free k.
 */
import type { LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import type { EnvironmentUse, Spec } from '../generated/ast.js';
import { isEnvironment, isTrain } from '../generated/ast.js';
import type { DistinguishingData, DistinguishingFix } from './distinguishing-data.js';

/** Text put at `offset`, replacing the `length` characters there (none: an insertion). */
export interface Insertion {
    offset: number;
    text: string;
    length?: number;
}

/** `Corridor(coin=8,k=2)` as its name and values. */
function parseLabel(label: string): { name: string; params: Record<string, number> } {
    const open = label.indexOf('(');
    if (open < 0) return { name: label, params: {} };
    const params: Record<string, number> = {};
    for (const part of label.slice(open + 1, -1).split(',')) {
        const [k, v] = part.split('=');
        params[k!] = Number(v);
    }
    return { name: label.slice(0, open), params };
}

/** Whether a use's bindings hold every value of a label (a parameter without a binding holds its whole range). */
function holds(use: EnvironmentUse, params: Record<string, number>): boolean {
    return use.bindings.every(b => {
        const v = params[b.parameter.$refText];
        if (v === undefined) return false;
        return b.value !== undefined ? b.value === v : b.low !== undefined && b.high !== undefined && b.low <= v && v <= b.high;
    });
}

/** The rewrite of the binding that widens a parameter of the training use holding `widen.train`, if the text still has it. */
function widening(uses: EnvironmentUse[], fix: DistinguishingFix): Insertion | undefined {
    const w = fix.widen!;
    const { name, params } = parseLabel(w.train);
    const use = uses.find(u => u.environment?.$refText === name && holds(u, params));
    const binding = use?.bindings.find(b => b.parameter.$refText === w.parameter);
    const cst = binding?.$cstNode;
    if (!cst) return undefined;
    return { offset: cst.offset, length: cst.length, text: `${w.parameter} in ${w.low}..${w.high}` };
}

export function distinguishingInsertions(document: LangiumDocument<Spec>, data: DistinguishingData): Insertion[] {
    const text = document.textDocument.getText();
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const declarations = document.parseResult.value.declarations;
    const environments = declarations.filter(isEnvironment).filter(e => e.$cstNode);
    const last = environments.reduce<typeof environments[number] | undefined>(
        (a, e) => (!a || e.$cstNode!.end > a.$cstNode!.end ? e : a), undefined);
    if (!last || data.environments.length === 0) return [];
    const train = declarations.find(isTrain);
    const out: Insertion[] = [];

    // Synthesised environments, renamed where their name is taken.
    const taken = new Set(environments.map(e => e.name));
    const fixes = data.environments.map(e => {
        if (e.kind !== 'intervention') return e;
        let name = e.name;
        for (let k = 1; taken.has(name); k++) name = `${e.extends}Distinguish${k}`;
        taken.add(name);
        if (name === e.name) return e;
        return { ...e, name, source: e.source.replace(`environment ${e.name} `, `environment ${name} `), use: e.use.replace(e.name, name) };
    });
    const widened = fixes.filter(e => e.kind === 'parameters').map(e => widening(train?.uses ?? [], e));
    out.push(...widened.filter((w): w is Insertion => w !== undefined));

    const added = fixes.filter(e => e.kind !== 'parameters').map(e => e.use);
    let block = fixes.filter(e => e.kind === 'intervention')
        .map(e => `${eol}${eol}// Distinguishing environment: ${e.intervention}.${eol}${e.source.replace(/\n/g, eol)}`).join('');
    if (train?.$cstNode) {
        if (added.length > 0) out.push({ offset: train.$cstNode.end, text: `, ${added.join(', ')}` });
    } else if (added.length > 0) {
        const first = environments.reduce((a, e) => (e.$cstNode!.offset < a.$cstNode!.offset ? e : a));
        block += `${eol}${eol}train ${[first.name, ...added].join(', ')}`;
    }
    if (block.length > 0) {
        const end = last.$cstNode!.end;
        const lineEnd = text.slice(end).search(/\r?\n|$/);
        const rest = text.slice(end, end + lineEnd);
        out.push({ offset: /^[ \t]*(\/\/.*)?$/.test(rest) ? end + lineEnd : end, text: block });
    }
    return out.sort((a, b) => a.offset - b.offset);
}

/** The insertions as LSP text edits. */
export function insertionEdits(document: LangiumDocument, insertions: Insertion[]): TextEdit[] {
    return insertions.map(i => {
        const start = document.textDocument.positionAt(i.offset);
        const end = document.textDocument.positionAt(i.offset + (i.length ?? 0));
        return { range: { start, end }, newText: i.text };
    });
}

/** Applies insertions to a text (offsets into the original). */
export function applyInsertions(text: string, insertions: Insertion[]): string {
    let out = text;
    for (const i of [...insertions].sort((a, b) => b.offset - a.offset)) {
        out = out.slice(0, i.offset) + i.text + out.slice(i.offset + (i.length ?? 0));
    }
    return out;
}
