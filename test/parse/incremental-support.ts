/**
 * What the incremental-reparse tests share: the parser, a snapshot of everything a
 * consumer of a parse can see (to compare a spliced tree with a full parse's), and the
 * random edits an author might make.
 */
import type { AstNode, CstNode, ParseResult } from 'langium';
import { AstUtils, CstUtils, EmptyFileSystem, isReference } from 'langium';
import type { Spec } from '../../language/generated/ast.js';
import { createMesaServices } from '../../language/mesa-module.js';

export const services = createMesaServices(EmptyFileSystem);
export const parser = services.Mesa.parser.LangiumParser;
export const parse = (text: string) => parser.parse<Spec>(text);

/** Everything a consumer of a parse can see, as plain data. */
export function snapshot(result: ParseResult<Spec>): unknown {
    const root = result.value.$cstNode!;
    const leaves = [...CstUtils.streamCst(root)].filter(n => !('content' in n))
        .map(n => [n.offset, n.end, n.hidden, n.text, n.range.start.line, n.range.start.character, n.range.end.line, n.range.end.character, n.root === root]);
    const nodes = [...AstUtils.streamAst(result.value)].map(node => {
        const cst = node.$cstNode as CstNode;
        const own = Object.entries(node).filter(([key, value]) => !key.startsWith('$') && (typeof value !== 'object' || value === null))
            .map(([key, value]) => `${key}=${String(value)}`);
        const refs = Object.entries(node).filter(([, value]) => isReference(value)).map(([key, value]) => `${key}->${(value as { $refText: string }).$refText}`);
        const container = node.$container;
        return [node.$type, own.join(','), refs.join(','), node.$containerProperty, node.$containerIndex, container?.$type,
            container ? (container as AstNode & Record<string, unknown>)[node.$containerProperty!] !== undefined : true,
            cst.offset, cst.end, JSON.stringify(cst.range), cst.root === root];
    });
    // Errors with the places the validator reports them at (their tokens, or the token before an inserted one).
    const place = (t: { startOffset: number; startLine?: number; startColumn?: number; endOffset?: number; endLine?: number; endColumn?: number } | undefined) =>
        t && [t.startOffset, t.startLine, t.startColumn, t.endOffset, t.endLine, t.endColumn].join(':');
    const errors = [
        ...result.parserErrors.map(e => [e.name, e.message, place(e.token), place((e as { previousToken?: typeof e.token }).previousToken)]),
        ...result.lexerErrors.map(e => [e.message, e.offset, e.line, e.column, e.length]),
    ];
    return { text: root.root.fullText, leaves, nodes, errors };
}

export type Edit = (text: string, random: () => number) => string;
export const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const spot = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));
/** Line breaks as LSP counts them: CRLF, LF and a lone CR. */
const LINE_BREAK = /\r\n|\r|\n/g;
const lineStarts = (text: string) => [0, ...[...text.matchAll(LINE_BREAK)].map(m => m.index! + m[0].length)].filter(i => i < text.length);

export const EDITS: Edit[] = [
    // retype a number
    (text, random) => {
        const numbers = [...text.matchAll(/\b\d+\b/g)];
        if (numbers.length === 0) return text;
        const m = pick(numbers, random);
        return text.slice(0, m.index) + String(Math.floor(random() * 40)) + text.slice(m.index! + m[0].length);
    },
    // type a character anywhere
    (text, random) => {
        const at = spot(text, random);
        return text.slice(0, at) + pick(['a', 'x', '1', ' ', '+', '*', '\n', '\r', '(', ')', '@', ',', '-', '}', '/', '→', '😀'], random) + text.slice(at);
    },
    // delete a few characters
    (text, random) => {
        const at = spot(text, random);
        return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    },
    // add a member line inside an environment, or a declaration line
    (text, random) => {
        const at = pick(lineStarts(text), random);
        const line = pick(['  node zz = push + 1\n', '  action extra\n', '  // a comment\n', 'objective mesa Extra = final(zz)\n', '  node q <- +press, -lamp\n'], random);
        return text.slice(0, at) + line + text.slice(at);
    },
    // delete a line
    (text, random) => {
        const starts = lineStarts(text);
        const at = pick(starts, random);
        const next = starts.find(start => start > at);
        return text.slice(0, at) + (next === undefined ? '' : text.slice(next));
    },
    // a comment at the end of a line
    (text, random) => {
        const ends = [...text.matchAll(LINE_BREAK)].map(m => m.index!);
        if (ends.length === 0) return text;
        const at = pick(ends, random);
        return text.slice(0, at) + ' // note' + text.slice(at);
    },
];

/** MESA_PROPERTY_SEEDS=N runs N sequences per text instead of one (for a longer search). */
export const SEEDS = Number(process.env['MESA_PROPERTY_SEEDS'] ?? 1);
