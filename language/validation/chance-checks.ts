/**
 * Checks on chance (docs/language.md, Chance): a draw stands in a node's rule or init,
 * never in an objective; its probabilities and bounds are numbers or parameters, each
 * probability in [0, 1] and those of a `choose` summing to 1; and an optimizer's model
 * does not draw (its state is found from the action history alone).
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { Call, Choose, Expression, Optimizer } from '../generated/ast.js';
import { isCall, isChoose, isModelSetting, isNameReference, isObjective, isParameter } from '../generated/ast.js';
import { flattenEnvironment } from '../compile/environments.js';
import { MAX_OUTCOMES } from '../compile/expressions.js';
import { walkAst } from '../parse/ast-walk.js';
import { IssueCodes } from './codes.js';
import { constantValue } from './constant-value.js';
import { isChanceFunction } from './builtin-functions.js';

/** Whether an expression node is a draw: `bernoulli(...)`, `uniform(...)` or `choose(...)`. */
export function isDraw(node: AstNode): node is Call | Choose {
    return isChoose(node) || (isCall(node) && isChanceFunction(node.function));
}

/** A draw is not in an objective, and its arguments are numbers or parameters in range. */
export function checkDraw(draw: Call | Choose, accept: ValidationAcceptor): void {
    if (!isDraw(draw)) return;
    const name = isChoose(draw) ? 'choose' : draw.function;
    const objective = AstUtils.getContainerOfType(draw, isObjective);
    if (objective) {
        accept('error', `${name}(...) draws at random; objectives are not drawn. Put the draw in a node's rule and read the node in objective '${objective.name}'.`,
            { node: draw, code: IssueCodes.InvalidChance, ...(isChoose(draw) ? {} : { property: 'function' }) });
        return;
    }
    if (isChoose(draw)) {
        checkChoose(draw, accept);
        return;
    }
    for (const arg of draw.args) {
        if (!readsOnlyConstants(arg)) {
            accept('error', `The ${draw.function === 'bernoulli' ? 'probability' : 'bounds'} of ${draw.function}(...) must be numbers or parameters, not values that change during the episode.`,
                { node: arg, code: IssueCodes.InvalidChance });
            return;
        }
    }
    if (draw.function === 'bernoulli') {
        checkProbability(draw.args[0], accept);
        return;
    }
    const [lo, hi] = draw.args.map(constantValue);
    if (lo !== undefined && hi !== undefined) {
        if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi) {
            accept('error', `uniform(${lo}, ${hi}) draws a whole number from lo to hi: lo and hi must be whole numbers with lo ≤ hi.`,
                { node: draw, code: IssueCodes.InvalidChance });
        } else if (hi - lo + 1 > MAX_OUTCOMES) {
            accept('error', `uniform(${lo}, ${hi}) has ${hi - lo + 1} outcomes; Mesa enumerates at most ${MAX_OUTCOMES} per draw.`,
                { node: draw, code: IssueCodes.InvalidChance });
        }
    }
}

function checkChoose(draw: Choose, accept: ValidationAcceptor): void {
    let sum = 0;
    let known = true;
    for (const option of draw.options) {
        if (!readsOnlyConstants(option.probability)) {
            accept('error', 'The probabilities of choose(...) must be numbers or parameters, not values that change during the episode.',
                { node: option, property: 'probability', code: IssueCodes.InvalidChance });
            return;
        }
        if (!checkProbability(option.probability, accept)) return;
        const p = constantValue(option.probability);
        if (p === undefined) known = false;
        else sum += p;
    }
    if (known && Math.abs(sum - 1) > 1e-9) {
        accept('error', `The probabilities of choose(...) sum to ${Number(sum.toPrecision(12))}, not 1.`,
            { node: draw, code: IssueCodes.InvalidChance });
    }
}

/** A probability written as a number lies in [0, 1]; one read from a parameter is checked per environment. */
function checkProbability(arg: Expression | undefined, accept: ValidationAcceptor): boolean {
    const p = constantValue(arg);
    if (arg && p !== undefined && !(p >= 0 && p <= 1)) {
        accept('error', `Probability ${p} is not in [0, 1].`, { node: arg, code: IssueCodes.InvalidChance });
        return false;
    }
    return true;
}

/** Whether an expression reads parameters only (tables, numbers and characters are constants too). */
function readsOnlyConstants(expr: Expression | undefined): boolean {
    if (!expr) return true;
    for (const node of walkAst(expr)) {
        if (isDraw(node)) return false;
        if (isNameReference(node) && node.target.ref && !isParameter(node.target.ref) && node.indices.length === 0) return false;
    }
    return true;
}

/** An optimizer's model does not draw: what it believes is found from the action history. */
export function checkModelDoesNotDraw(optimizer: Optimizer, accept: ValidationAcceptor): void {
    const setting = optimizer.settings.find(isModelSetting);
    const model = setting?.model?.ref;
    if (!setting || !model) return;
    const drawing = flattenEnvironment(model).nodes.find(node => [node.init, node.rule].some(e => e && [...walkAst(e)].some(isDraw)));
    if (drawing) {
        accept('error', `Model '${model.name}' draws at random (node '${drawing.name}'): an optimizer's model must be deterministic, so that its state follows from the actions taken.`,
            { node: setting, property: 'model', code: IssueCodes.InvalidModel });
    }
}
