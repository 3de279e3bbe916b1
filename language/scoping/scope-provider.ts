/**
 * Name resolution as docs/language.md (Name resolution) says: inside an environment,
 * names resolve through its `extends` chain; inside an objective or optimizer, in the environments where it is
 * evaluated, the first training environment first (so go to definition lands there);
 * a parameter binding resolves among the used environment's parameters.
 */
import type { AstNode, AstNodeDescription, AstNodeDescriptionProvider, ReferenceInfo, Scope, Stream } from 'langium';
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, EMPTY_STREAM, stream } from 'langium';
import { Binding, Environment, isBinding, isEnvironment, isObjective, isSpec, NameReference, SignedParent, Spec } from '../generated/ast.js';
import type { Member } from '../compile/environments.js';
import { evaluationEnvironments, flattenEnvironment } from '../compile/environments.js';
import { PerParseCache } from '../parse/per-parse-cache.js';

export class MesaScopeProvider extends DefaultScopeProvider {
    /** One scope per environment or spec and parse: a 2,000-node environment would otherwise build 2,000 descriptions per reference. */
    private readonly nameScopes = new PerParseCache<AstNode, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        const property = context.property;
        const type = context.container.$type;
        if ((type === NameReference.$type && property === NameReference.target)
            || (type === SignedParent.$type && property === SignedParent.target)) {
            const owner = nameOwnerOf(context.container);
            if (!owner || (isSpec(owner) && !AstUtils.getContainerOfType(context.container, isObjective))) return EMPTY_SCOPE;
            return this.nameScopes.get(owner, () => new MemberScope(namesVisibleIn(owner), this.descriptions));
        }
        if (type === Binding.$type && property === Binding.parameter && isBinding(context.container)) {
            const env = context.container.$container.environment.ref;
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
 * The actions, nodes and parameters a name written in `owner` can refer to: in an
 * environment, its flattened members; in the spec (an objective), those of the
 * environments it is evaluated in, the first one's first.
 */
function namesVisibleIn(owner: Environment | Spec): ReadonlyMap<string, Member> {
    if (isEnvironment(owner)) return flattenEnvironment(owner).members;
    const seen = new Map<string, Member>();
    for (const evalEnv of evaluationEnvironments(owner)) {
        for (const [name, member] of flattenEnvironment(evalEnv).members) {
            if (!seen.has(name)) seen.set(name, member);
        }
    }
    return seen;
}
