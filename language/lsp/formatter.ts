/**
 * The canonical layout of a Mesa spec: one declaration per line (at most one blank line
 * between them), environment and optimizer members one per line indented two spaces,
 * `{` on the declaration's line and `}` on its own, single spaces around binary
 * operators, `=`, `<-` and keywords, none before `,` and one after, `x@10` and `-x` tight,
 * `select { ... }` on one line, no trailing spaces, one line break at the end. A table
 * is written on one line (`[1, 0, 2]`), a table of rows too unless that line would pass
 * 80 columns, then one row per line; a grid's rows one per line inside its braces;
 * `show g at (x, y)`, `choose(0.5: a, 0.5: b)`, `maze[y][x]` and `weight 0.5` tight
 * where code is tight (docs/editor.md, Features). Comments
 * are never moved off their line nor dropped; a block comment re-indented moves all its
 * lines alike (lines as the editor counts them: CRLF, LF or a lone CR), and a byte-order
 * mark in front stays there and is no indentation.
 * The layout is the same whatever the editor's tab settings (like gofmt).
 */
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import type { FormattingAction, FormattingContext, NodeFormatter } from 'langium/lsp';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type { DocumentFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GrammarUtils } from 'langium';
import type { Environment, Grid, Optimizer, Table } from '../generated/ast.js';
import * as ast from '../generated/ast.js';
import { replacementEdit, tidyLayout } from './layout.js';

/** The byte-order mark some editors keep at the start of a file. */
const BOM = '\uFEFF';
const oneSpace = Formatting.oneSpace();
const noSpace = Formatting.noSpace();
/** A new line, keeping one blank line if there was at least one. */
const lineBreak = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
/** A new, indented line, keeping one blank line if there was at least one. */
const indentedLine = Formatting.fit(Formatting.indent(), { options: {}, moves: [{ tabs: 1, lines: 2 }] });

export class MesaFormatter extends AbstractFormatter {
    /** The comments re-indented in this formatting run: Langium asks twice for one after a token with an `append` (doubling its move). */
    private reindented = new WeakSet<CstNode>();

    /** The token layout, then the text-level finish of layout.ts, as one edit. */
    override async formatDocument(document: LangiumDocument, params: DocumentFormattingParams): Promise<TextEdit[]> {
        const edits = await super.formatDocument(document, params);
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length > 0 || parserErrors.length > 0) return edits;
        const formatted = TextDocument.applyEdits(document.textDocument, edits);
        // The token layout puts the first declaration at the very start, over a byte-order mark.
        const mark = document.textDocument.getText().startsWith(BOM) && !formatted.startsWith(BOM) ? BOM : '';
        return replacementEdit(document.textDocument, mark + tidyLayout(formatted));
    }

    /**
     * Re-indents a comment on a line of its own, as Langium's does, but moves every line of
     * the comment as the editor counts lines (Langium's splits at LF only, so after a lone
     * CR it cut into the comment's text), reads a byte-order mark before it as no
     * indentation (else each formatting took one more space off its continuation lines),
     * moves a comment once per run, and leaves alone one with anything else before it on
     * its line.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const startLine = hidden.range.start.line;
        if ((previous && previous.range.end.line === startLine) || this.reindented.has(hidden)) return [];
        this.reindented.add(hidden);
        const lineStart = { line: startLine, character: 0 };
        const before = context.document.getText({ start: lineStart, end: hidden.range.start });
        const mark = startLine === 0 && before.startsWith(BOM) ? BOM.length : 0;
        const indentation = before.slice(mark);
        if (!/^[ \t]*$/.test(indentation)) return [];
        const move = this.findFittingMove({ start: lineStart, end: hidden.range.start }, formatting?.moves ?? [], context);
        const increase = this.getIndentationCharacterCount(context, move) - this.getExistingIndentationCharacterCount(indentation, context);
        if (increase === 0) return [];
        const lines = hidden.text.split(/\r\n|\r|\n/);
        lines[0] = indentation + lines[0];
        return lines.map((text, i) => {
            const start = { line: startLine + i, character: i === 0 ? mark : 0 };
            if (increase > 0) return { range: { start, end: start }, newText: (context.options.insertSpaces ? ' ' : '\t').repeat(increase) };
            // Take off at most the line's own leading blanks.
            const blanks = text.length - text.replace(/^[ \t]*/, '').length;
            return { range: { start, end: { line: start.line, character: start.character + Math.min(blanks, -increase) } }, newText: '' };
        });
    }

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        this.reindented = new WeakSet();
        return super.doDocumentFormat(document, { ...options, tabSize: 2, insertSpaces: true }, range);
    }

    /**
     * Whether an edit changes the text. Langium's ignores every CR in the text it would
     * replace, so that LF edits do not churn a CRLF document; then a lone CR (a line
     * break too) was taken for no change, and the next formatting removed it.
     */
    protected override isNecessary(edit: TextEdit, document: TextDocument): boolean {
        return edit.newText !== document.getText(edit.range).replace(/\r\n/g, '\n');
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
            f.keyword('weight').surround(oneSpace);
        } else if (ast.isTable(node)) {
            f.keyword('const').append(oneSpace);
            f.keyword('=').surround(oneSpace);
            this.formatTable(node, f);
        } else if (ast.isTableRow(node)) {
            f.keyword('[').append(noSpace);
            f.keyword(']').prepend(noSpace);
        } else if (ast.isGrid(node)) {
            f.keyword('grid').append(oneSpace);
            this.formatGrid(node, f);
        } else if (ast.isShow(node)) {
            f.keywords('show', 'at').append(oneSpace);
            f.keyword('at').prepend(oneSpace);
            f.keyword('(').append(noSpace);
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

    /**
     * `[1, 0, 2]` on one line; rows of a table too, unless that line would pass
     * TABLE_WIDTH columns: then each row on its own line, indented, and `]` alone. The
     * choice depends on the tokens only, so formatting again makes the same one.
     */
    protected formatTable(node: Table, f: NodeFormatter<AstNode>): void {
        const open = f.keyword('[');
        const close = f.keyword(']');
        open.append(noSpace);
        close.prepend(noSpace);
        if (node.rows.length === 0 || oneLineTableWidth(node) <= TABLE_WIDTH) return;
        node.rows.forEach(row => f.node(row).prepend(Formatting.indent()));
        f.cst(f.interior(open, close).nodes.filter(n => n.hidden)).prepend(Formatting.indent());
        close.prepend(Formatting.newLine());
    }

    /** `grid name {`, each row on its own line, indented, and `}` alone (`{ }` when empty). */
    protected formatGrid(node: Grid, f: NodeFormatter<AstNode>): void {
        const open = f.keyword('{');
        const close = f.keyword('}');
        f.property('name').append(oneSpace);
        if (node.rows.length === 0) {
            close.prepend(oneSpace);
            return;
        }
        f.properties('rows').prepend(Formatting.indent());
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
            f.keywords('[').surround(noSpace);
            f.keywords(']').prepend(noSpace);
        } else if (ast.isCall(node)) {
            f.property('function').append(noSpace);
            f.keywords(',').prepend(noSpace).append(oneSpace);
        } else if (ast.isChoose(node)) {
            f.keyword('choose').append(noSpace);
            f.keywords(',').prepend(noSpace).append(oneSpace);
        } else if (ast.isIfExpression(node)) {
            f.keyword('if').append(oneSpace);
            f.keywords('then', 'else').surround(oneSpace);
        }
    }
}

/** The widest a table of rows may be written on one line, indentation included. */
const TABLE_WIDTH = 80;

/**
 * The width of `node` written on one line in the canonical layout, with its indentation
 * (two spaces inside an environment): from its tokens, whatever its current layout.
 */
export function oneLineTableWidth(node: Table): number {
    const value = (n: CstNode) => n.text.replace(/\s+/g, '').length;
    const rows = node.rows.map(row => 2 + GrammarUtils.findNodesForProperty(row.$cstNode, 'values').reduce((w, n) => w + value(n) + 2, -2));
    const indentation = ast.isEnvironment(node.$container) ? 2 : 0;
    return indentation + 'const '.length + node.name.length + ' = ['.length + rows.reduce((w, r) => w + r + 2, -2) + 1;
}
