/**
 * The canonical layout of a Mesa spec: one declaration per line (at most one blank line
 * between them), environment and optimizer members one per line indented two spaces,
 * `{` on the declaration's line and `}` on its own, single spaces around binary
 * operators, `=`, `<-` and keywords, none before `,` and one after, `x@10` and `-x` tight,
 * `select { ... }` on one line, no trailing spaces, one line break at the end. Comments
 * are never moved off their line nor dropped.
 * The layout is the same whatever the editor's tab settings (like gofmt).
 */
import type { AstNode, LangiumDocument } from 'langium';
import type { NodeFormatter } from 'langium/lsp';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type { DocumentFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Environment, Optimizer } from '../generated/ast.js';
import * as ast from '../generated/ast.js';
import { replacementEdit, tidyLayout } from './layout.js';

const oneSpace = Formatting.oneSpace();
const noSpace = Formatting.noSpace();
/** A new line, keeping one blank line if there was at least one. */
const lineBreak = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
/** A new, indented line, keeping one blank line if there was at least one. */
const indentedLine = Formatting.fit(Formatting.indent(), { options: {}, moves: [{ tabs: 1, lines: 2 }] });

export class MesaFormatter extends AbstractFormatter {
    /** The token layout, then the text-level finish of layout.ts, as one edit. */
    override async formatDocument(document: LangiumDocument, params: DocumentFormattingParams): Promise<TextEdit[]> {
        const edits = await super.formatDocument(document, params);
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length > 0 || parserErrors.length > 0) return edits;
        const formatted = TextDocument.applyEdits(document.textDocument, edits);
        return replacementEdit(document.textDocument, tidyLayout(formatted));
    }

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        return super.doDocumentFormat(document, { ...options, tabSize: 2, insertSpaces: true }, range);
    }

    protected override format(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        if (ast.isSpec(node)) {
            node.declarations.forEach((d, i) => f.node(d).prepend(i === 0 ? Formatting.noIndent() : lineBreak));
        } else if (ast.isExpression(node)) {
            this.formatExpression(node, f);
        } else {
            this.formatDeclaration(node, f);
        }
    }

    protected formatDeclaration(node: AstNode, f: NodeFormatter<AstNode>): void {
        // Commas and signed numbers everywhere outside expressions.
        f.keywords(',').prepend(noSpace).append(oneSpace);
        f.keywords('-').append(noSpace);
        f.keywords('..').surround(noSpace);
        f.keywords(':').prepend(noSpace).append(oneSpace);
        if (ast.isEnvironment(node)) {
            f.keywords('environment', 'extends').append(oneSpace);
            f.keyword('extends').prepend(oneSpace);
            f.keyword('(').prepend(noSpace).append(noSpace);
            f.keyword(')').prepend(noSpace);
            this.formatBlock(node, f, node.members);
        } else if (ast.isOptimizer(node)) {
            f.keyword('optimizer').append(oneSpace);
            this.formatBlock(node, f, node.settings);
        } else if (ast.isNode(node)) {
            f.keyword('node').append(oneSpace);
            f.keywords('init', '=', '<-').surround(oneSpace);
        } else if (ast.isSignedParent(node)) {
            f.property('sign').append(noSpace);
        } else if (ast.isObjective(node)) {
            f.keywords('objective', 'base', 'mesa').append(oneSpace);
            f.keyword('=').surround(oneSpace);
        } else if (ast.isEnvironmentUse(node)) {
            f.keyword('(').prepend(noSpace).append(noSpace);
            f.keyword(')').prepend(noSpace);
        } else if (ast.isBinding(node)) {
            f.keywords('=', 'in').surround(oneSpace);
        } else if (ast.isSelect(node)) {
            f.keyword('{').prepend(oneSpace);
            f.keyword('}').prepend(oneSpace);
            node.penalties.forEach(p => f.node(p).prepend(oneSpace));
        } else {
            // horizon, discount, action, train, deploy, penalty, optimizer settings: keyword then value.
            f.keywords('horizon', 'discount', 'action', 'train', 'deploy', 'penalty', 'depth', 'length', 'objective', 'model').append(oneSpace);
        }
    }

    /** `{` on the header line, members one per line and indented, `}` alone (`{ }` when empty). */
    protected formatBlock(node: Environment | Optimizer, f: NodeFormatter<AstNode>, members: AstNode[]): void {
        const open = f.keyword('{');
        const close = f.keyword('}');
        f.property('name').prepend(oneSpace);
        open.prepend(oneSpace);
        if (members.length === 0) {
            close.prepend(oneSpace);
            return;
        }
        members.forEach(m => f.node(m).prepend(indentedLine));
        // Comments on their own line inside the block are indented like the members.
        f.cst(f.interior(open, close).nodes.filter(n => n.hidden)).prepend(Formatting.indent());
        close.prepend(Formatting.newLine());
    }

    protected formatExpression(node: ast.Expression, f: NodeFormatter<AstNode>): void {
        f.keywords('(').append(noSpace);
        f.keywords(')').prepend(noSpace);
        if (ast.isBinaryExpression(node)) {
            f.property('operator').surround(oneSpace);
        } else if (ast.isUnaryExpression(node)) {
            f.property('operator').append(node.operator === 'not' ? oneSpace : noSpace);
        } else if (ast.isNameReference(node)) {
            f.keyword('@').surround(noSpace);
            f.keywords('-').append(noSpace);
        } else if (ast.isCall(node)) {
            f.property('function').append(noSpace);
            f.keywords(',').prepend(noSpace).append(oneSpace);
        } else if (ast.isIfExpression(node)) {
            f.keyword('if').append(oneSpace);
            f.keywords('then', 'else').surround(oneSpace);
        }
    }
}
