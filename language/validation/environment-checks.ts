/**
 * Checks on environments: `extends` cycles, names declared twice, a horizon somewhere in
 * the chain, sane horizon/discount/parameter values, `init` reading only parameters and
 * constants, and no cycle through references without delay.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { Environment, Expression, Grid, Node, Table } from '../generated/ast.js';
import { isActionGroup, isDiscount, isGrid, isHorizon, isNameReference, isNode, isParameter, isSpec, isTable } from '../generated/ast.js';
import { environmentChain, flattenEnvironment, topLevelTables } from '../compile/environments.js';
import { walkAst } from '../parse/ast-walk.js';
import { extendsUnknown } from '../scoping/scope-provider.js';
import { IssueCodes } from './codes.js';

/** The largest horizon Mesa accepts: longer episodes are better modelled with a coarser step. */
export const MAX_HORIZON = 100_000;

export function checkExtendsIsAcyclic(env: Environment, accept: ValidationAcceptor): void {
    // The flattened environment knows it in constant time; the chain is walked only to name a cycle.
    if (!env.superEnv || !flattenEnvironment(env).cyclic) return;
    const { chain, cyclic } = environmentChain(env);
    if (cyclic) {
        const repeated = chain[chain.length - 1]?.superEnv?.ref;
        const names = [...chain.map(e => e.name), repeated?.name ?? env.name];
        accept('error', `Environment '${env.name}' extends itself: ${names.join(' → ')}.`,
            { node: env, property: 'superEnv', code: IssueCodes.ExtendsCycle });
    }
}

export function checkMemberNamesAreUnique(env: Environment, accept: ValidationAcceptor): void {
    const own = new Map<string, string>();
    const inherited: ReadonlyMap<string, AstNode> = env.superEnv?.ref ? flattenEnvironment(env.superEnv.ref).members
        : isSpec(env.$container) ? topLevelTables(env.$container) : new Map();
    const declare = (name: string, kind: string, node: Parameter | Action | Node | Table | Grid) => {
        const earlier = own.get(name);
        if (earlier) {
            accept('error', `Duplicate name '${name}' in environment '${env.name}': already declared as ${article(earlier)} ${earlier}.`,
                { node, property: 'name', code: IssueCodes.Duplicate });
            return;
        }
        own.set(name, kind);
        const parentMember = inherited.get(name);
        const replaces = (kind === 'node' && isNode(parentMember)) || ((kind === 'table' || kind === 'grid') && (isTable(parentMember) || isGrid(parentMember)));
        if (parentMember && !replaces) {
            const parentKind = kindOf(parentMember);
            const parentEnv = AstUtils.getContainerOfType(parentMember, (n): n is Environment => n.$type === 'Environment');
            const owner = parentEnv ? `of '${parentEnv.name}', which '${env.name}' extends` : 'declared at the top level';
            accept('error', `'${name}' is already ${article(parentKind)} ${parentKind} ${owner}; only nodes, tables and grids may be redeclared (a table or grid by a table or grid).`,
                { node, property: 'name', code: IssueCodes.Duplicate });
        }
    };
    for (const param of env.params) declare(param.name, 'parameter', param);
    for (const member of env.members) {
        if (isActionGroup(member)) {
            for (const action of member.actions) declare(action.name, 'action', action);
        } else if (isNode(member)) {
            declare(member.name, 'node', member);
        } else if (isTable(member) || isGrid(member)) {
            declare(member.name, isGrid(member) ? 'grid' : 'table', member);
        }
    }
}

type Parameter = Environment['params'][number];
type Action = Extract<Environment['members'][number], { $type: 'ActionGroup' }>['actions'][number];

function kindOf(member: { $type: string }): string {
    switch (member.$type) {
        case 'Parameter': return 'parameter';
        case 'Action': return 'action';
        case 'Table': return 'table';
        case 'Grid': return 'grid';
        default: return 'node';
    }
}

function article(word: string): string {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}

export function checkHorizonAndDiscount(env: Environment, accept: ValidationAcceptor): void {
    if (!env.name) return;
    const flat = flattenEnvironment(env);
    // An environment extending an unknown one may inherit its horizon: that name has the error.
    if (flat.horizon === undefined && !flat.qualitative && !flat.cyclic && !extendsUnknown(env)) {
        accept('error', `Environment '${env.name}' has no horizon: add \`horizon N\` (the episode length in steps) to it or to an environment it extends.`,
            { node: env, property: 'name', code: IssueCodes.MissingHorizon });
    }
    for (const member of env.members) {
        if (isHorizon(member) && (!Number.isInteger(member.value) || member.value < 1 || member.value > MAX_HORIZON)) {
            accept('error', `The horizon of '${env.name}' must be a whole number of steps from 1 to ${MAX_HORIZON}, not ${member.value}.`,
                { node: member, property: 'value', code: IssueCodes.InvalidValue });
        }
        if (isDiscount(member) && !(member.value > 0 && member.value <= 1)) {
            accept('error', `The discount of '${env.name}' must be in (0, 1], not ${member.value}.`,
                { node: member, property: 'value', code: IssueCodes.InvalidValue });
        }
    }
    for (const param of env.params) {
        if (!Number.isInteger(param.low) || !Number.isInteger(param.high) || param.low > param.high) {
            accept('error', `Parameter '${param.name}' needs an integer range low..high with low ≤ high, not ${param.low}..${param.high}.`,
                { node: param, property: 'name', code: IssueCodes.InvalidValue });
        }
    }
}

export function checkInitReadsOnlyParameters(node: Node, accept: ValidationAcceptor): void {
    if (!node.init) return;
    for (const ref of AstUtils.streamAst(node.init).filter(isNameReference)) {
        const target = ref.target.ref;
        if (target && !isParameter(target) && !isTable(target) && !isGrid(target)) {
            accept('error', `The init of '${node.name}' reads '${ref.target.$refText}': an init may use parameters and constants only.`,
                { node: ref, property: 'target', code: IssueCodes.InvalidInit });
        }
    }
}

/** Reports each cycle through references without delay once, on a node this environment declares. */
export function checkNoInstantCycles(env: Environment, accept: ValidationAcceptor): void {
    const flat = flattenEnvironment(env);
    if (flat.cyclic) return;
    const ruled = flat.nodes.filter(n => !n.qualitative && n.rule);
    if (stillAcyclic(env, ruled, flat.members)) return;
    const nodes = new Map(ruled.map(n => [n.name, n]));
    const reads = new Map<string, string[]>();
    for (const [name, node] of nodes) {
        const deps = new Set<string>();
        for (const name of undelayedReadsOf(node.rule!)) {
            if (nodes.has(name)) deps.add(name);
        }
        reads.set(name, [...deps]);
    }
    const ownNodes = new Set(env.members.filter(isNode));
    const cycles = findCycles(reads);
    acyclicNodes.set(env, cycles.length === 0 ? ruled : undefined);
    for (const cycle of cycles) {
        const reportOn = cycle.map(n => nodes.get(n)!).find(n => ownNodes.has(n));
        if (!reportOn) continue;
        const start = cycle.indexOf(reportOn.name);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start), reportOn.name];
        accept('error', `Cycle without delay in '${env.name}': ${rotated.join(' → ')}. Within a step the nodes must not depend on each other in a circle; read one of them with a delay, e.g. \`${rotated[1]}@1\`.`,
            { node: reportOn, property: 'name', code: IssueCodes.Cycle });
    }
}

/**
 * Per environment, its nodes with rules when it was last found to have no cycle. An
 * edit replaces a few of them; a cycle it makes runs through a node that is new (an
 * edited node is a new object, and a removed one breaks cycles, never makes them).
 * So when the environment had no cycle, only the new nodes need a search.
 */
const acyclicNodes = new WeakMap<Environment, Node[] | undefined>();

function stillAcyclic(env: Environment, ruled: Node[], members: ReadonlyMap<string, unknown>): boolean {
    const before = acyclicNodes.get(env);
    if (!before) return false;
    // The nodes that are not where they were: past the common beginning and end of both lists.
    let head = 0;
    while (head < ruled.length && head < before.length && ruled[head] === before[head]) head++;
    let tail = 0;
    while (tail < ruled.length - head && tail < before.length - head && ruled[ruled.length - 1 - tail] === before[before.length - 1 - tail]) tail++;
    const fresh = ruled.slice(head, ruled.length - tail);
    if (fresh.length > 8) return false;
    const ruledNode = (name: string): Node | undefined => {
        const member = members.get(name);
        return isNode(member) && !member.qualitative && member.rule ? member : undefined;
    };
    for (const start of fresh) {
        // Does any path of reads without delay lead from `start` back to it?
        const seen = new Set<Node>();
        const stack = [start];
        while (stack.length > 0) {
            const node = stack.pop()!;
            for (const name of undelayedReadsOf(node.rule!)) {
                const next = ruledNode(name);
                if (next === start) return false;
                if (next && !seen.has(next)) {
                    seen.add(next);
                    stack.push(next);
                }
            }
        }
    }
    acyclicNodes.set(env, ruled);
    return true;
}

/**
 * The names a rule reads without delay, kept while the rule is not reparsed (they depend
 * on its text only): this check runs on every edit, over every node of the environment.
 */
const undelayedReads = new WeakMap<Expression, string[]>();

function undelayedReadsOf(rule: Expression): string[] {
    let reads = undelayedReads.get(rule);
    if (!reads) {
        reads = [];
        for (const node of walkAst(rule)) {
            if (isNameReference(node) && node.delay === undefined) reads.push(node.target.$refText);
        }
        undelayedReads.set(rule, reads);
    }
    return reads;
}

/** One elementary cycle per strongly connected component that has one (Tarjan). */
export function findCycles(graph: Map<string, string[]>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let counter = 0;
    const visit = (v: string) => {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!index.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) {
                low.set(v, Math.min(low.get(v)!, index.get(w)!));
            }
        }
        if (low.get(v) === index.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            const members = new Set(component);
            if (component.length > 1 || (graph.get(v) ?? []).includes(v)) {
                cycles.push(cycleWithin(graph, v, members));
            }
        }
    };
    for (const v of graph.keys()) {
        if (!index.has(v)) visit(v);
    }
    return cycles;
}

/** A shortest path from `start` back to itself inside one component (breadth first). */
function cycleWithin(graph: Map<string, string[]>, start: string, members: Set<string>): string[] {
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
        const v = queue.shift()!;
        for (const w of graph.get(v) ?? []) {
            if (!members.has(w)) continue;
            if (w === start) {
                const path = [v];
                while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
                return path;
            }
            if (!previous.has(w)) {
                previous.set(w, v);
                queue.push(w);
            }
        }
    }
    return [start];
}
