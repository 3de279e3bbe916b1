/**
 * Gives every diagnostic Langium produces itself a Mesa code: lexing and parsing errors
 * become `syntax-error`, linking errors `unresolved-name`. The LSP `code` field then
 * carries the code for every diagnostic, as the CLI's JSON and SARIF do.
 */
import type { LangiumDocument, ValidationOptions } from 'langium';
import { DefaultDocumentValidator, DocumentValidator } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes } from './codes.js';
import { friendlySyntaxMessage } from './syntax-messages.js';

const LANGIUM_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: IssueCodes.SyntaxError,
    [DocumentValidator.ParsingError]: IssueCodes.SyntaxError,
    [DocumentValidator.LinkingError]: IssueCodes.UnresolvedName,
};

export class MesaDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const data = diagnostic.data as { code?: string } | undefined;
            if (diagnostic.code === undefined) {
                diagnostic.code = (data?.code && LANGIUM_CODES[data.code]) ?? data?.code ?? IssueCodes.SyntaxError;
            }
            if (diagnostic.code === IssueCodes.SyntaxError) {
                diagnostic.message = friendlySyntaxMessage(diagnostic.message);
            }
            diagnostic.source = 'mesa';
        }
        return diagnostics;
    }
}
