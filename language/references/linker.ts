/**
 * Unresolved names get a message that says what kind of thing was expected and where
 * it was looked for, instead of the generic "Could not resolve reference". Linking
 * finds the references with the kept walks of ast-walk.ts and checks for cancellation
 * every 256 references rather than awaiting at each node.
 */
import type { AstNodeDescription, LangiumDocument, LinkingError, ReferenceInfo } from 'langium';
import { AstUtils, Cancellation, DefaultLinker, interruptAndCheck } from 'langium';
import { forEachReferenceKept } from '../workspace/ast-walk.js';
import { isEnvironment, isEnvironmentUse, isObjective, isOptimizer, isSignedParent } from '../generated/ast.js';

export class MesaLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const references: ReferenceInfo[] = [];
        forEachReferenceKept(document.parseResult.value, info => references.push(info));
        for (let i = 0; i < references.length; i++) {
            if (i % 256 === 255) await interruptAndCheck(cancelToken);
            this.doLink(references[i]!, document);
        }
    }

    /**
     * Langium's unlink, but clearing the node description instead of deleting it: a
     * `delete` turns each of the thousands of references of a large spec into a slow
     * dictionary object, on every edit.
     */
    override unlink(document: LangiumDocument): void {
        for (const ref of document.references) {
            // Mesa's grammar has single references only.
            const linked = ref as unknown as { _ref?: unknown; _nodeDescription?: unknown };
            linked._ref = undefined;
            linked._nodeDescription = undefined;
        }
        document.references = [];
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        return { ...error, message: unresolvedMessage(refInfo) };
    }
}

export function unresolvedMessage(refInfo: ReferenceInfo): string {
    const name = refInfo.reference.$refText;
    const container = refInfo.container;
    switch (refInfo.property) {
        case 'superEnv':
        case 'environment':
        case 'model':
            return `Unknown environment '${name}'.`;
        case 'objective':
            return `Unknown objective '${name}'.`;
        case 'parameter': {
            const env = isEnvironmentUse(container.$container) ? container.$container.environment.ref : undefined;
            return env ? `Environment '${env.name}' has no parameter '${name}'.` : `Unknown parameter '${name}'.`;
        }
        default: {
            const env = AstUtils.getContainerOfType(container, isEnvironment);
            if (env) {
                const what = isSignedParent(container) ? 'parent' : 'name';
                return `Unknown ${what} '${name}' in environment '${env.name}' (nor in any environment it extends): declare it as an action, node or parameter.`;
            }
            const owner = AstUtils.getContainerOfType(container, n => isObjective(n) || isOptimizer(n)) as { name?: string } | undefined;
            return `Unknown name '${name}' in objective '${owner?.name ?? ''}': no training or deployment environment declares it.`;
        }
    }
}
