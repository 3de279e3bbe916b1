/**
 * Hovers on declarations and on the names that refer to them (docs/editor.md). A name read
 * inside an environment is described in that environment (a node inherited through
 * `extends` shows the graph of the environment being edited); the causal graph comes
 * from the compiled model when the document has no error, else from the syntax. The
 * keywords `depth` and `length` say what they measure.
 */
import type { AstNode, LangiumDocument, MaybePromise } from 'langium';
import { AstUtils, CstUtils, GrammarAST } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Environment } from '../generated/ast.js';
import { isAction, isEnvironment, isNode, isObjective, isOptimizer, isParameter } from '../generated/ast.js';
import { flattenEnvironment } from '../compile/environments.js';
import { compiledEnvironmentOf, compiledModelOf } from './document-model.js';
import { actionHover, environmentHover, Explained, keywordHover, nodeHover, objectiveHover, optimizerHover, parameterHover } from './hover-content.js';
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
        const keyword = contents.length === 0 && GrammarAST.isKeyword(cst.grammarSource) ? keywordHover(cst.grammarSource.value) : undefined;
        if (keyword) contents.push(keyword);
        return contents.length > 0 ? { contents: { kind: 'markdown', value: contents.join('\n\n---\n\n') } } : undefined;
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
        if (isEnvironment(target)) return environmentHover(target);
        if (isObjective(target)) return objectiveHover(target, spec, this.verdicts.get(uri, target.name), explained);
        if (isOptimizer(target)) return optimizerHover(target, this.verdicts.get(uri, target.name), explained);
        return undefined;
    }
}
