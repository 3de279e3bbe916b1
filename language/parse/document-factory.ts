/**
 * Guards the parser against input it cannot take: a huge file (parsing costs about
 * 5 ms per kilobyte, so megabytes would stall the language server for seconds) and
 * parentheses nested so deep that the recursive-descent parser would overflow the
 * stack. Such a document is treated as empty with one located error saying why, and
 * nothing else is analysed. The text itself is untouched: no edit is lost.
 */
import type { AstNode, LangiumDocument, ParseResult, URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { DefaultLangiumDocumentFactory } from 'langium';
import type { LangiumSharedCoreServices, ParserOptions } from 'langium';
import type { Spec } from '../generated/ast.js';
import { prepareForEdits, reparseIncrementally } from './incremental/index.js';
import { lastLineBreak, lineCount } from './incremental/positions.js';

/** The largest spec the language server parses (the CLI allows more: it is not interactive). */
export const MAX_EDITOR_SPEC_BYTES = 1024 * 1024;

/** Roots of documents that were not parsed, with the code of the reason. */
const refused = new WeakMap<AstNode, string>();

/** `file-too-large` or `nesting-too-deep` when the document was not parsed. */
export function refusalOf(root: AstNode): string | undefined {
    return refused.get(root);
}

/** How documents are parsed; a service of its own (`workspace.ParseOptions`), set when the services are made. */
export interface MesaParseOptions {
    /** The limit in force: the editor's by default; the CLI raises it. */
    maxSpecBytes: number;
    /** Whether an edit reparses only the declarations or members it touched (see docs/design.md, Incremental reparsing). */
    incremental: boolean;
}

export const DEFAULT_PARSE_OPTIONS: MesaParseOptions = { maxSpecBytes: MAX_EDITOR_SPEC_BYTES, incremental: true };

export class MesaDocumentFactory extends DefaultLangiumDocumentFactory {
    readonly maxSpecBytes: number;
    readonly incremental: boolean;
    /** The parse each document had before the update in progress. */
    private readonly previous = new Map<string, ParseResult>();

    constructor(services: LangiumSharedCoreServices & { workspace: { ParseOptions: MesaParseOptions } }) {
        super(services);
        ({ maxSpecBytes: this.maxSpecBytes, incremental: this.incremental } = services.workspace.ParseOptions);
    }

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        const problem = this.problemOf(text);
        if (problem) return this.refuse(super.parse<T>(uri, '', options), problem);
        try {
            return super.parse<T>(uri, text, options);
        } catch (error) {
            if (error instanceof RangeError) return this.refuse(super.parse<T>(uri, '', options), tooDeep(text, 0));
            throw error;
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        // An edit reparsed in place needs only its window checked for nesting (inside reparse).
        const patched = text.length <= this.maxSpecBytes ? this.reparse(uri, text) : undefined;
        if (patched) return patched as unknown as ParseResult<T>;
        const problem = this.problemOf(text);
        if (problem) return this.refuse(await super.parseAsync<T>(uri, '', cancellationToken), problem);
        try {
            const parsed = await super.parseAsync<T>(uri, text, cancellationToken);
            if (this.incremental) prepareForEdits(parsed);
            return parsed;
        } catch (error) {
            if (error instanceof RangeError) return this.refuse(await super.parseAsync<T>(uri, '', cancellationToken), tooDeep(text, 0));
            throw error;
        }
    }

    /** The previous parse with only the edited part parsed anew, when that gives what a full parse would. */
    private reparse(uri: URI, text: string): ParseResult<Spec> | undefined {
        const previous = this.previous.get(uri.toString()) as ParseResult<Spec> | undefined;
        const oldText = previous?.value.$cstNode?.root.fullText;
        if (!this.incremental || !previous || oldText === undefined || refusalOf(previous.value)) return undefined;
        return reparseIncrementally(this.serviceRegistry.getServices(uri).parser.LangiumParser, previous, oldText, text,
            window => deepestNesting(window).offset < 0);
    }

    private problemOf(text: string): Refusal | undefined {
        if (text.length > this.maxSpecBytes) return this.tooLarge(text);
        const deep = deepestNesting(text);
        return deep.offset >= 0 ? tooDeep(text, deep.offset) : undefined;
    }

    private refuse<T extends AstNode>(empty: ParseResult<T>, refusal: Refusal): ParseResult<T> {
        refused.set(empty.value, refusal.code);
        empty.lexerErrors.push({ ...refusal.at, message: refusal.message });
        return empty;
    }

    private tooLarge(text: string): Refusal {
        const size = (text.length / 1024 / 1024).toFixed(1);
        return {
            code: 'file-too-large',
            at: { offset: 0, line: 1, column: 1, length: Math.min(text.search(/[\r\n]/) >>> 0, 200) || 1 },
            message: this.maxSpecBytes === MAX_EDITOR_SPEC_BYTES
                ? `This file is too large for the editor (${size} MB; the limit is ${MAX_EDITOR_SPEC_BYTES / 1024 / 1024} MB), so it is not analysed. Split it, or check it with \`mesa check\`.`
                : `This file is too large (${size} MB; the limit is ${(this.maxSpecBytes / 1024 / 1024).toFixed(0)} MB), so it is not analysed.`,
        };
    }
}

/** Deeper nesting would overflow the parser's stack (it does at about 180). */
export const MAX_PARENTHESIS_DEPTH = 100;

/**
 * A longer chain of operators in one rule nests its syntax tree so deep that computing
 * source ranges overflows the stack (at about 3,000); validation reports chains over 500.
 */
export const MAX_OPERATORS_IN_RULE = 1500;

/** Words that start a new rule or declaration: an operator chain cannot run past them. */
const RULE_START = new Set(['node', 'objective', 'environment', 'action', 'horizon', 'discount', 'optimizer', 'train', 'deploy', 'select', 'init']);

interface Refusal {
    code: 'file-too-large' | 'nesting-too-deep';
    at: { offset: number; line: number; column: number; length: number };
    message: string;
}

function tooDeep(text: string, offset: number): Refusal {
    // Lines counted as the editor counts them: CRLF, LF and a lone CR.
    const before = text.slice(0, offset);
    return {
        code: 'nesting-too-deep',
        at: { offset, line: lineCount(before) + 1, column: offset - lastLineBreak(before, offset), length: 1 },
        message: `An expression here is nested too deep to parse (more than ${MAX_PARENTHESIS_DEPTH} parentheses or ${MAX_OPERATORS_IN_RULE} operators), so the file is not analysed. Name the inner parts as nodes.`,
    };
}

/**
 * Where the text first nests parentheses deeper than MAX_PARENTHESIS_DEPTH or chains more
 * than MAX_OPERATORS_IN_RULE operators in one rule, outside comments; -1 if nowhere.
 */
export function deepestNesting(text: string): { offset: number } {
    let depth = 0;
    let operators = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
            // A line comment ends at a line break, a lone CR included (as the lexer's SL_COMMENT).
            while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
        } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        } else if (c === 40 /* ( */) {
            if (++depth > MAX_PARENTHESIS_DEPTH) return { offset: i };
        } else if (c === 41 /* ) */) {
            depth = Math.max(0, depth - 1);
        } else if (isWordStart(c)) {
            let end = i + 1;
            while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
            const word = text.slice(i, end);
            if (RULE_START.has(word)) operators = 0;
            else if ((word === 'and' || word === 'or' || word === 'not') && ++operators > MAX_OPERATORS_IN_RULE) return { offset: i };
            i = end - 1;
        } else if ('+-*/<>=!'.includes(text[i]!) && ++operators > MAX_OPERATORS_IN_RULE) {
            return { offset: i };
        }
    }
    return { offset: -1 };
}

function isWordStart(c: number): boolean {
    return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordPart(c: number): boolean {
    return isWordStart(c) || (c >= 48 && c <= 57);
}
