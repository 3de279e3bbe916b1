/**
 * Name resolution as docs/language.md (Name resolution) says: inside an environment,
 * names resolve through its `extends` chain; inside an objective or optimizer, in the environments where it is
 * evaluated, the first training environment first (so go to definition lands there);
 * a parameter binding resolves among the used environment's parameters.
 *
 * Half-typed text must not make it throw (Langium would log the exception and turn every
 * name into an error): a use the parser recovered may lack its environment, and the
 * binding completion asks about may be a stand-in whose container is the binding typed.
 */
import type { AstNode, AstNodeDescription, AstNodeDescriptionProvider, ReferenceInfo, Scope, Stream } from 'langium';
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, EMPTY_STREAM, stream } from 'langium';
import { Binding, Environment, isBinding, isDeploy, isEnvironment, isEnvironmentUse, isObjective, isSpec, isTrain, NameReference, Show, SignedParent, Spec } from '../generated/ast.js';
import type { Member } from '../compile/environments.js';
import { environmentChain, environmentsOf, evaluationEnvironments, flattenEnvironment } from '../compile/environments.js';
import { PerParseCache } from '../parse/per-parse-cache.js';

export class MesaScopeProvider extends DefaultScopeProvider {
    /** One scope per environment or spec and parse: a 2,000-node environment would otherwise build 2,000 descriptions per reference. */
    private readonly nameScopes = new PerParseCache<AstNode, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        const property = context.property;
        const type = context.container.$type;
        if ((type === NameReference.$type && property === NameReference.target)
            || (type === SignedParent.$type && property === SignedParent.target)
            || type === Show.$type) {
            const owner = nameOwnerOf(context.container);
            if (!owner || (isSpec(owner) && !AstUtils.getContainerOfType(context.container, isObjective))) return EMPTY_SCOPE;
            return this.nameScopes.get(owner, () => new MemberScope(namesVisibleIn(owner), this.descriptions));
        }
        if (type === Binding.$type && property === Binding.parameter && isBinding(context.container)) {
            const env = usedEnvironmentOf(context.container);
            return env ? this.createScopeForNodes(flattenEnvironment(env).parameters) : EMPTY_SCOPE;
        }
        return super.getScope(context);
    }
}

/**
 * The members a name can refer to, described only when asked for: an edit relinks a
 * few names, and describing all 2,000 members of a large environment for them was most
 * of the time linking took.
 */
class MemberScope implements Scope {
    constructor(private readonly members: ReadonlyMap<string, Member>, private readonly descriptions: AstNodeDescriptionProvider) {}

    getElement(name: string): AstNodeDescription | undefined {
        const member = this.members.get(name);
        return member && this.descriptions.createDescription(member, member.name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return element ? stream([element]) : EMPTY_STREAM;
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.members.values()).map(member => this.descriptions.createDescription(member, member.name));
    }
}

/**
 * The environment a name is written in, else the spec. Compares `$type` directly (no
 * type has Environment or Spec as a supertype): this runs for every name on every edit.
 */
function nameOwnerOf(node: AstNode): Environment | Spec | undefined {
    let current: AstNode | undefined = node;
    let spec: Spec | undefined;
    while (current) {
        if (current.$type === Environment.$type) return current as Environment;
        if (current.$type === Spec.$type) spec = current as Spec;
        current = current.$container;
    }
    return spec;
}

/**
 * The environment whose parameters a binding names: that of the use it is in (the
 * nearest one up, for a stand-in of completion's inside the binding being typed), when
 * the use names one that resolves.
 */
export function usedEnvironmentOf(binding: AstNode): Environment | undefined {
    return AstUtils.getContainerOfType(binding, isEnvironmentUse)?.environment?.ref;
}

/** Whether an environment's `extends` chain reaches a name that resolves to no environment (its inherited names are then unknown). */
export function extendsUnknown(env: Environment): boolean {
    return environmentChain(env).chain.some(e => e.superEnv !== undefined && !e.superEnv.ref);
}

/**
 * Whether the environments the spec's objectives are evaluated in are not all known: a
 * `train` or `deploy` use names no environment that resolves (a typo, or a name not typed
 * yet), or one of them extends an unknown one.
 */
export function evaluationEnvironmentsUnknown(spec: Spec): boolean {
    return spec.declarations.some(d => (isTrain(d) || isDeploy(d)) && d.uses.some(use => !use.environment?.ref))
        || evaluationEnvironments(spec).some(extendsUnknown);
}

/**
 * The actions, nodes and parameters a name written in `owner` can refer to: in an
 * environment, its flattened members; in the spec (an objective), those of the
 * environments it is evaluated in, the first one's first. While a `train` or `deploy`
 * use (or an `extends` of theirs) does not resolve, the environments it was meant to name
 * are unknown, so the names of every environment declared follow: one typo there is one
 * error, not one per name the objectives read (docs/language.md, Name resolution).
 */
function namesVisibleIn(owner: Environment | Spec): ReadonlyMap<string, Member> {
    if (isEnvironment(owner)) return flattenEnvironment(owner).members;
    const seen = new Map<string, Member>();
    const environments = evaluationEnvironments(owner);
    if (evaluationEnvironmentsUnknown(owner)) environments.push(...environmentsOf(owner));
    for (const evalEnv of environments) {
        for (const [name, member] of flattenEnvironment(evalEnv).members) {
            if (!seen.has(name)) seen.set(name, member);
        }
    }
    return seen;
}
