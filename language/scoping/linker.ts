/**
 * Unresolved names get a message that says what kind of thing was expected and where
 * it was looked for, instead of the generic "Could not resolve reference". Linking
 * finds the references with the kept walks of ast-walk.ts and checks for cancellation
 * every 256 references rather than awaiting at each node. After an incremental reparse
 * only the references whose resolution may have changed are resolved again.
 */
import type { AstNodeDescription, LangiumDocument, LinkingError, ParseResult, ReferenceInfo } from 'langium';
import { AstUtils, Cancellation, DefaultLinker, interruptAndCheck } from 'langium';
import { referencesKept } from '../parse/ast-walk.js';
import { spliceOf } from '../parse/incremental/index.js';
import { forgetLink } from '../parse/incremental/langium-internals.js';
import type { StaleNames } from './stale-links.js';
import { namesChangedBy } from './stale-links.js';
import { isEnvironment, isObjective, isOptimizer, isSignedParent } from '../generated/ast.js';
import { extendsUnknown, usedEnvironmentOf } from './scope-provider.js';

export class MesaLinker extends DefaultLinker {
    /** Per document unlinked and not linked since: its parse then (see unlink). */
    private readonly unlinkedAt = new WeakMap<LangiumDocument, ParseResult>();

    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        this.forgetStaleLinks(document);
        const references = referencesKept(document.parseResult.value);
        for (let i = 0; i < references.length; i++) {
            if (i % 256 === 255) await interruptAndCheck(cancelToken);
            this.doLink(references[i]!, document);
        }
        // doLink lists only the references it resolves; those kept resolved are listed too.
        document.references = references.map(info => info.reference);
    }

    /**
     * Langium's unlink clears every link before the document is reparsed. After an
     * incremental reparse most links still hold (see stale-links.ts), so they are
     * cleared once the new parse is known, in `forgetStaleLinks`. Until then the
     * links are those of the previous parse, which is still the document's.
     */
    override unlink(document: LangiumDocument): void {
        this.forgetStaleLinks(document);
        this.unlinkedAt.set(document, document.parseResult);
        document.references = [];
    }

    /** Clears the links the parses since the document was unlinked may have made stale. */
    private forgetStaleLinks(document: LangiumDocument): void {
        const before = this.unlinkedAt.get(document);
        if (!before) return;
        this.unlinkedAt.delete(document);
        const splice = spliceOf(document.parseResult);
        const stale: StaleNames = splice?.previous === before ? namesChangedBy(splice) : 'all';
        if (stale !== 'all' && stale.size === 0) return;
        for (const { reference } of referencesKept(document.parseResult.value)) {
            if (stale === 'all' || stale.has(reference.$refText)) {
                // Mesa's grammar has single references only.
                forgetLink(reference);
            }
        }
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        return { ...error, message: unresolvedMessage(refInfo) };
    }
}

/**
 * Whether a name is unresolved only because another one is, which has its own error:
 * a binding of a use whose environment is unknown (or was not typed), and a name in an
 * environment that extends an unknown one, whose inherited names are unknown too. Such
 * a name gets no error of its own: one typo, one error (docs/language.md, Name resolution).
 */
export function unresolvedBecauseOfAnother(refInfo: ReferenceInfo): boolean {
    const container = refInfo.container;
    if (refInfo.property === 'parameter') return usedEnvironmentOf(container) === undefined;
    if (refInfo.property !== 'target') return false;
    const env = AstUtils.getContainerOfType(container, isEnvironment);
    return env !== undefined && extendsUnknown(env);
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
            const env = usedEnvironmentOf(container);
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
