/**
 * Hovers on declarations and on the names that refer to them (docs/editor.md). A name read
 * inside an environment is described in that environment (a node inherited through
 * `extends` shows the graph of the environment being edited); the causal graph comes
 * from the compiled model when the document has no error, else from the syntax. The
 * keywords `depth` and `length` say what they measure. A table or grid shows its size
 * and values; an index with constant indices (`maze[2][3]`), the character or number
 * it reads; a chance call, what it draws (table-hover.ts).
 */
import type { AstNode, CstNode, LangiumDocument, MaybePromise } from 'langium';
import { AstUtils, CstUtils, GrammarAST } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Environment, NameReference } from '../generated/ast.js';
import { isAction, isCall, isChoose, isEnvironment, isGrid, isNameReference, isNode, isObjective, isOptimizer, isParameter, isTable } from '../generated/ast.js';
import { flattenEnvironment } from '../compile/environments.js';
import { compiledEnvironmentOf, compiledModelOf } from './document-model.js';
import { actionHover, environmentHover, Explained, keywordHover, nodeHover, objectiveHover, optimizerHover, parameterHover } from './hover-content.js';
import { isChanceFunction } from '../validation/builtin-functions.js';
import { chanceHover, gridHover, indexHover, tableHover } from './table-hover.js';
import type { MesaVerdictCache } from '../findings/verdict-cache.js';
import type { MesaServices } from '../mesa-module.js';

export class MesaHoverProvider extends AstNodeHoverProvider {
    /** Verdicts of the last simulation, fed by the analysis scheduler. */
    private readonly verdicts: MesaVerdictCache;

    constructor(services: MesaServices) {
        super(services);
        this.verdicts = services.analysis.VerdictCache;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const cst = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!cst || cst.offset + cst.length <= offset) return undefined;
        const context = AstUtils.getContainerOfType(cst.astNode, isEnvironment);
        // One per hover: `bits` and `depth` are explained where they first appear in it.
        const explained = new Explained();
        const contents = this.references.findDeclarations(cst)
            .map(target => this.describe(document, target, context, explained))
            .filter((text): text is string => text !== undefined);
        const indexed = indexedReferenceAt(cst);
        const value = indexed && indexHover(indexed);
        if (value) contents.unshift(value);
        const keyword = contents.length === 0 && GrammarAST.isKeyword(cst.grammarSource) ? this.keywordContent(cst) : undefined;
        if (keyword) contents.push(keyword);
        return contents.length > 0 ? { contents: { kind: 'markdown', value: contents.join('\n\n---\n\n') } } : undefined;
    }

    /** `depth` and `length` explained; a chance function's call, what it draws. */
    protected keywordContent(cst: CstNode): string | undefined {
        const keyword = (cst.grammarSource as GrammarAST.Keyword).value;
        const call = cst.astNode;
        if (isChanceFunction(keyword) && (isCall(call) || isChoose(call))) return chanceHover(call);
        return keywordHover(keyword);
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        return this.describe(AstUtils.getDocument(node), node, undefined);
    }

    /** The hover of `target`, seen from `context` (the environment the name is written in). */
    protected describe(document: LangiumDocument, target: AstNode, context: Environment | undefined, explained = new Explained()): string | undefined {
        const uri = document.uri.toString();
        const spec = compiledModelOf(document);
        if (isNode(target) || isAction(target)) {
            const declaredIn = AstUtils.getContainerOfType(target, isEnvironment);
            const env = context && flattenEnvironment(context).members.get(target.name) === target ? context : declaredIn;
            if (!env) return undefined;
            const compiled = spec ? compiledEnvironmentOf(spec, env) : undefined;
            return isNode(target) ? nodeHover(target, env, compiled) : actionHover(target, env, compiled);
        }
        if (isParameter(target)) return parameterHover(target);
        if (isTable(target)) return tableHover(target);
        if (isGrid(target)) return gridHover(target);
        if (isEnvironment(target)) return environmentHover(target);
        if (isObjective(target)) return objectiveHover(target, spec, this.verdicts.get(uri, target.name), explained, this.verdicts.distinguishedBy(uri, target.name));
        if (isOptimizer(target)) return optimizerHover(target, this.verdicts.get(uri, target.name), explained, this.verdicts.distinguishedBy(uri, target.name));
        return undefined;
    }
}

/**
 * The indexing the hovered token belongs to: `maze` in `maze[2][3]`, or a token of one of
 * its indices (the nearest indexing around it).
 */
function indexedReferenceAt(cst: CstNode): NameReference | undefined {
    for (let node: AstNode | undefined = cst.astNode; node; node = node.$container) {
        if (isNameReference(node) && node.indices.length > 0) return node;
    }
    return undefined;
}
