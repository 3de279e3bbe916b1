/**
 * Guards the editor against a huge file: parsing takes about 5 ms per kilobyte, so a
 * multi-megabyte `.mesa` file would stall the language server for many seconds. Above
 * the limit the document is treated as empty with one located error saying why, and
 * nothing else is analysed. The text itself is untouched: no edit is lost.
 */
import type { AstNode, ParseResult, URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { DefaultLangiumDocumentFactory } from 'langium';
import type { ParserOptions } from 'langium';

/** The largest spec the language server parses (the CLI allows more: it is not interactive). */
export const MAX_EDITOR_SPEC_BYTES = 1024 * 1024;

/** Roots of documents that were too large to parse. */
const oversized = new WeakSet<AstNode>();

export function isOversized(root: AstNode): boolean {
    return oversized.has(root);
}

export class MesaDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The limit in force: the editor's by default; the CLI raises it (see createMesaServices). */
    maxSpecBytes = MAX_EDITOR_SPEC_BYTES;

    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        return text.length > this.maxSpecBytes ? this.refuse(super.parse<T>(uri, '', options), text) : super.parse<T>(uri, text, options);
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        return text.length > this.maxSpecBytes ? this.refuse(await super.parseAsync<T>(uri, '', cancellationToken), text) : super.parseAsync<T>(uri, text, cancellationToken);
    }

    private refuse<T extends AstNode>(empty: ParseResult<T>, text: string): ParseResult<T> {
        oversized.add(empty.value);
        const size = (text.length / 1024 / 1024).toFixed(1);
        empty.lexerErrors.push({
            offset: 0, line: 1, column: 1, length: Math.min(text.indexOf('\n') >>> 0, 200) || 1,
            message: this.maxSpecBytes === MAX_EDITOR_SPEC_BYTES
                ? `This file is too large for the editor (${size} MB; the limit is ${MAX_EDITOR_SPEC_BYTES / 1024 / 1024} MB), so it is not analysed. Split it, or check it with \`mesa check\`.`
                : `This file is too large (${size} MB; the limit is ${(this.maxSpecBytes / 1024 / 1024).toFixed(0)} MB), so it is not analysed.`,
        });
        return empty;
    }
}
