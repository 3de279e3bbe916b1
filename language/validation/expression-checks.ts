/**
 * Checks on expressions: delays are whole numbers ≥ 1, `final`/`sum` stand only at the
 * top of an objective, calls have the right number of arguments, and an objective reads
 * only names that every environment it is evaluated in has.
 */
import type { ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { AstNode } from 'langium';
import type { Call, NameReference, Node, Objective, Spec } from '../generated/ast.js';
import { isNameReference, isObjective, isSpec } from '../generated/ast.js';
import { deploymentEnvironments, evaluationEnvironments, flattenEnvironment, trainingEnvironments } from '../compile/environments.js';
import { treeDepth } from '../parse/ast-walk.js';
import { extendsUnknown } from '../scoping/scope-provider.js';
import { IssueCodes } from './codes.js';
import { arityOf, builtinFunction } from './builtin-functions.js';

export function checkDelay(ref: NameReference, accept: ValidationAcceptor): void {
    if (ref.delay === undefined) return;
    if (!Number.isInteger(ref.delay) || ref.delay < 1) {
        accept('error', `Delay ${ref.target.$refText}@${ref.delay} is invalid: a delay is a whole number of steps ≥ 1 (\`${ref.target.$refText}@1\` is the previous step; write \`${ref.target.$refText}\` for the current one).`,
            { node: ref, property: 'delay', code: IssueCodes.InvalidDelay });
    }
}

export function checkCall(call: Call, accept: ValidationAcceptor): void {
    const fn = builtinFunction(call.function);
    const [least, most] = fn ? arityOf(fn) : [0, Infinity];
    if (call.args.length < least || call.args.length > most) {
        const expected = least === most ? `${least}` : `at least ${least}`;
        accept('error', `${call.function}(...) takes ${expected} argument${least === 1 && most === 1 ? '' : 's'}, not ${call.args.length}.`,
            { node: call, property: 'function', code: IssueCodes.InvalidValue });
    }
    if ((call.function === 'final' || call.function === 'sum') && !isObjective(call.$container)) {
        accept('error', `${call.function}(...) may stand only at the top of an objective (\`objective base O = ${call.function}(e)\`), not inside an expression.`,
            { node: call, property: 'function', code: IssueCodes.MisplacedAggregate });
    }
}

/** An objective is evaluated in every training and deployment environment: each must have every name it reads. */
export function checkObjectiveNamesExistEverywhere(objective: Objective, accept: ValidationAcceptor): void {
    if (!objective.body) return;
    const spec = AstUtils.getContainerOfType(objective, isSpec) as Spec;
    const training = new Set(trainingEnvironments(spec));
    const deployment = new Set(deploymentEnvironments(spec));
    for (const ref of AstUtils.streamAst(objective.body).filter(isNameReference)) {
        if (!ref.target.ref) continue;
        const name = ref.target.$refText;
        for (const env of evaluationEnvironments(spec)) {
            // What an environment extending an unknown one lacks is not known: that name has the error.
            if (!flattenEnvironment(env).members.has(name) && !extendsUnknown(env)) {
                const role = training.has(env) ? 'training' : deployment.has(env) ? 'deployment' : 'evaluation';
                accept('error', `Objective '${objective.name}' reads '${name}', which ${role} environment '${env.name}' lacks.`,
                    { node: ref, property: 'target', code: IssueCodes.MissingName });
            }
        }
    }
}

/** Deeper expressions would overflow the recursion of the compiler and the generated code. */
export const MAX_EXPRESSION_DEPTH = 500;

/** An expression nested deeper than MAX_EXPRESSION_DEPTH (a 2,000-term sum, say) is an error, not a crash later. */
export function checkExpressionDepth(owner: Node | Objective, accept: ValidationAcceptor): void {
    const roots = isObjective(owner) ? [owner.body] : [owner.init, owner.rule];
    for (const root of roots) {
        if (!root) continue;
        const depth = expressionDepth(root);
        if (depth > MAX_EXPRESSION_DEPTH) {
            accept('error', `This expression nests ${depth} operations deep; Mesa handles at most ${MAX_EXPRESSION_DEPTH}. Name intermediate results as nodes (split a long sum into partial sums).`,
                { node: root, code: IssueCodes.ExpressionTooDeep });
        }
    }
}

/** Depths of expressions, kept while the expression is not reparsed (it depends on nothing else). */
const depths = new WeakMap<AstNode, number>();

function expressionDepth(root: AstNode): number {
    let depth = depths.get(root);
    if (depth === undefined) {
        depth = treeDepth(root);
        depths.set(root, depth);
    }
    return depth;
}
