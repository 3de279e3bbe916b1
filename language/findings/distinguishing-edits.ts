/**
 * Inserts distinguishing environments into a spec's text, as the quick fix "Add
 * distinguishing environments" and `mesa distinguish` do: their declarations go
 * after the last environment declaration (after any comment ending its line), and
 * their names are appended to the first `train` declaration, or a `train` listing
 * the first environment and them is added when there is none. Only insertions: the
 * author's text is kept, in order. Names that clash with a declared environment are
 * renamed `<Train>Distinguish<k>` with the next free k.
 */
import type { LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Spec } from '../generated/ast.js';
import { isEnvironment, isTrain } from '../generated/ast.js';
import type { DistinguishingData } from './distinguishing-data.js';

export interface Insertion {
    offset: number;
    text: string;
}

export function distinguishingInsertions(document: LangiumDocument<Spec>, data: DistinguishingData): Insertion[] {
    const text = document.textDocument.getText();
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const declarations = document.parseResult.value.declarations;
    const environments = declarations.filter(isEnvironment).filter(e => e.$cstNode);
    const last = environments.reduce<typeof environments[number] | undefined>(
        (a, e) => (!a || e.$cstNode!.end > a.$cstNode!.end ? e : a), undefined);
    if (!last || data.environments.length === 0) return [];

    const taken = new Set(environments.map(e => e.name));
    const renamed = data.environments.map(e => {
        let name = e.name;
        for (let k = 1; taken.has(name); k++) name = `${e.extends}Distinguish${k}`;
        taken.add(name);
        const source = name === e.name ? e.source : e.source.replace(`environment ${e.name} `, `environment ${name} `);
        return { ...e, name, source };
    });

    const end = last.$cstNode!.end;
    const lineEnd = text.slice(end).search(/\r?\n|$/);
    const rest = text.slice(end, end + lineEnd);
    const at = /^[ \t]*(\/\/.*)?$/.test(rest) ? end + lineEnd : end;
    let block = renamed.map(e => `${eol}${eol}// Distinguishing environment: ${e.intervention}.${eol}${e.source.replace(/\n/g, eol)}`).join('');
    const names = renamed.map(e => e.name).join(', ');
    const train = declarations.find(isTrain);
    const out: Insertion[] = [];
    if (train?.$cstNode) {
        out.push({ offset: train.$cstNode.end, text: `, ${names}` });
    } else {
        const first = environments.reduce((a, e) => (e.$cstNode!.offset < a.$cstNode!.offset ? e : a));
        block += `${eol}${eol}train ${first.name}, ${names}`;
    }
    out.push({ offset: at, text: block });
    return out.sort((a, b) => a.offset - b.offset);
}

/** The insertions as LSP text edits. */
export function insertionEdits(document: LangiumDocument, insertions: Insertion[]): TextEdit[] {
    return insertions.map(i => {
        const position = document.textDocument.positionAt(i.offset);
        return { range: { start: position, end: position }, newText: i.text };
    });
}

/** Applies insertions to a text (offsets into the original). */
export function applyInsertions(text: string, insertions: Insertion[]): string {
    let out = text;
    for (const i of [...insertions].sort((a, b) => b.offset - a.offset)) out = out.slice(0, i.offset) + i.text + out.slice(i.offset);
    return out;
}
