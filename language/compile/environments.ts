/**
 * What an environment declaration means once `extends` is followed: its chain of
 * ancestors, its flattened members (a child's node replaces its parent's), its horizon,
 * discount and parameters; and which environments a spec trains and deploys in.
 * Results are memoised per AST node, so scoping and validation share one computation.
 */
import type { Action, Environment, EnvironmentUse, Node, Parameter, Spec } from '../generated/ast.js';
import { isActionGroup, isDeploy, isDiscount, isEnvironment, isHorizon, isNode, isTrain } from '../generated/ast.js';
import { PerParseCache } from '../parse/per-parse-cache.js';

export type Member = Action | Node | Parameter;

export interface FlatEnvironment {
    /** The environment itself first, then its ancestors; stops before a repeated one. */
    chain: Environment[];
    /** True when `extends` leads back into the chain. */
    cyclic: boolean;
    /** Every readable name: parameters, actions and nodes, nearest declaration wins. */
    members: Map<string, Member>;
    actions: Action[];
    nodes: Node[];
    parameters: Parameter[];
    horizon?: number;
    discount?: number;
    qualitative: boolean;
}

const flatCache = new PerParseCache<Environment, FlatEnvironment>();

/** `env`, its parent, its grandparent...; cyclic when a name repeats. */
export function environmentChain(env: Environment): { chain: Environment[]; cyclic: boolean } {
    const chain: Environment[] = [];
    let current: Environment | undefined = env;
    while (current) {
        if (chain.includes(current)) {
            return { chain, cyclic: true };
        }
        chain.push(current);
        current = current.superEnv?.ref;
    }
    return { chain, cyclic: false };
}

export function flattenEnvironment(env: Environment): FlatEnvironment {
    return flatCache.get(env, () => flatten(env));
}

function flatten(env: Environment): FlatEnvironment {
    const { chain, cyclic } = environmentChain(env);
    const members = new Map<string, Member>();
    const actions = new Map<string, Action>();
    const nodes = new Map<string, Node>();
    const parameters = new Map<string, Parameter>();
    let horizon: number | undefined;
    let discount: number | undefined;
    // Walk from the root ancestor down so that nearer declarations replace farther ones.
    for (const decl of [...chain].reverse()) {
        for (const param of decl.params) {
            parameters.set(param.name, param);
        }
        for (const member of decl.members) {
            if (isHorizon(member)) {
                horizon = member.value;
            } else if (isDiscount(member)) {
                discount = member.value;
            } else if (isActionGroup(member)) {
                for (const action of member.actions) {
                    if (action.name && !actions.has(action.name)) {
                        actions.set(action.name, action);
                    }
                }
            } else if (isNode(member) && member.name) {
                nodes.set(member.name, member);
            }
        }
    }
    for (const map of [parameters, actions, nodes] as Map<string, Member>[]) {
        for (const [name, member] of map) {
            members.set(name, member);
        }
    }
    const flat: FlatEnvironment = {
        chain, cyclic, members,
        actions: [...actions.values()],
        nodes: [...nodes.values()],
        parameters: [...parameters.values()],
        horizon, discount,
        qualitative: [...nodes.values()].some(n => n.qualitative),
    };
    return flat;
}

export function environmentsOf(spec: Spec): Environment[] {
    return spec.declarations.filter(isEnvironment);
}

/** The `train` uses; a spec without `train` trains in its first environment. */
export function trainingEnvironments(spec: Spec): Environment[] {
    const uses = spec.declarations.filter(isTrain).flatMap(t => t.uses);
    if (uses.length === 0) {
        const first = environmentsOf(spec)[0];
        return first ? [first] : [];
    }
    return resolvedEnvironments(uses);
}

export function deploymentEnvironments(spec: Spec): Environment[] {
    return resolvedEnvironments(spec.declarations.filter(isDeploy).flatMap(d => d.uses));
}

/** Where objectives are evaluated: training environments first, then deployment ones, each once. */
export function evaluationEnvironments(spec: Spec): Environment[] {
    return [...new Set([...trainingEnvironments(spec), ...deploymentEnvironments(spec)])];
}

function resolvedEnvironments(uses: EnvironmentUse[]): Environment[] {
    return uses.map(u => u.environment.ref).filter((e): e is Environment => e !== undefined);
}
