/**
 * Name resolution as DESIGN §3.3 says: inside an environment, names resolve through its
 * `extends` chain; inside an objective or optimizer, in the environments where it is
 * evaluated, the first training environment first (so go to definition lands there);
 * a parameter binding resolves among the used environment's parameters.
 */
import type { AstNode, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope } from 'langium';
import { Binding, Environment, isBinding, isEnvironment, isObjective, isSpec, NameReference, SignedParent, Spec } from '../generated/ast.js';
import type { Member } from '../semantics/environments.js';
import { evaluationEnvironments, flattenEnvironment } from '../semantics/environments.js';
import { PerParseCache } from '../workspace/per-parse-cache.js';

export class MesaScopeProvider extends DefaultScopeProvider {
    /** One scope per environment or spec and parse: a 2,000-node environment would otherwise build 2,000 descriptions per reference. */
    private readonly nameScopes = new PerParseCache<AstNode, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        const property = context.property;
        const type = context.container.$type;
        if ((type === NameReference.$type && property === NameReference.target)
            || (type === SignedParent.$type && property === SignedParent.target)) {
            const owner = nameOwnerOf(context.container);
            if (!owner) return EMPTY_SCOPE;
            return this.nameScopes.get(owner, () =>
                new MapScope(namesVisibleAt(context.container).map(node => this.descriptions.createDescription(node, node.name))));
        }
        if (type === Binding.$type && property === Binding.parameter && isBinding(context.container)) {
            const env = context.container.$container.environment.ref;
            return env ? this.createScopeForNodes(flattenEnvironment(env).parameters) : EMPTY_SCOPE;
        }
        return super.getScope(context);
    }
}

/**
 * The environment a name is written in, else the spec. Compares `$type` directly (no
 * type has Environment or Spec as a supertype): this runs for every name on every edit.
 */
function nameOwnerOf(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    let spec: AstNode | undefined;
    while (current) {
        if (current.$type === Environment.$type) return current;
        if (current.$type === Spec.$type) spec = current;
        current = current.$container;
    }
    return spec;
}

/** The actions, nodes and parameters a name written at `node` can refer to. */
export function namesVisibleAt(node: AstNode): Member[] {
    const env = AstUtils.getContainerOfType(node, isEnvironment);
    if (env) {
        return [...flattenEnvironment(env).members.values()];
    }
    if (AstUtils.getContainerOfType(node, isObjective)) {
        const spec = AstUtils.getContainerOfType(node, isSpec) as Spec;
        const seen = new Map<string, Member>();
        for (const evalEnv of evaluationEnvironments(spec)) {
            for (const [name, member] of flattenEnvironment(evalEnv).members) {
                if (!seen.has(name)) {
                    seen.set(name, member);
                }
            }
        }
        return [...seen.values()];
    }
    return [];
}
