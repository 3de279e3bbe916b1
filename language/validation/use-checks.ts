/**
 * Checks on uses of environments: parameter values and ranges inside the declared ones,
 * a bounded number of concrete environments (for the default training environment
 * too), and optimizers whose `model` and `depth` make sense for the environments they
 * are trained in.
 */
import type { ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { Deploy, EnvironmentUse, Optimizer, Parameter, Spec, Train } from '../generated/ast.js';
import { isDepthSetting, isModelSetting, isNameReference, isObjectiveSetting, isSpec, isTrain } from '../generated/ast.js';
import { flattenEnvironment, trainingEnvironments } from '../compile/environments.js';
import { IssueCodes, MAX_CONCRETE_ENVIRONMENTS } from './codes.js';

export function checkEnvironmentUse(use: EnvironmentUse, accept: ValidationAcceptor): void {
    if (use.weight !== undefined && !(use.weight >= 0 && Number.isFinite(use.weight))) {
        accept('error', `A weight is a share of training or deployment: a number ≥ 0, not ${use.weight}.`,
            { node: use, property: 'weight', code: IssueCodes.InvalidValue });
    }
    // A use or setting recovered from half-typed text may lack its reference altogether.
    const env = use.environment?.ref;
    if (!env) return;
    const seen = new Set<string>();
    let count = 1;
    const bound = new Set<string>();
    for (const binding of use.bindings) {
        const param = binding.parameter?.ref;
        const name = binding.parameter?.$refText ?? '';
        if (seen.has(name)) {
            accept('error', `Parameter '${name}' of '${env.name}' is given twice.`,
                { node: binding, property: 'parameter', code: IssueCodes.Duplicate });
        }
        seen.add(name);
        if (!param) continue;
        bound.add(name);
        const range = `${param.low}..${param.high}`;
        if (binding.value !== undefined) {
            if (!Number.isInteger(binding.value) || binding.value < param.low || binding.value > param.high) {
                accept('error', `${name} = ${binding.value} is outside the declared range ${range} of '${env.name}'.`,
                    { node: binding, property: 'value', code: IssueCodes.ParameterOutOfRange });
            }
        } else if (binding.low !== undefined && binding.high !== undefined) {
            if (!Number.isInteger(binding.low) || !Number.isInteger(binding.high) || binding.low > binding.high) {
                accept('error', `${name} in ${binding.low}..${binding.high} is not an integer range with low ≤ high.`,
                    { node: binding, property: 'low', code: IssueCodes.ParameterOutOfRange });
            } else if (binding.low < param.low || binding.high > param.high) {
                accept('error', `${name} in ${binding.low}..${binding.high} goes outside the declared range ${range} of '${env.name}'.`,
                    { node: binding, property: binding.low < param.low ? 'low' : 'high', code: IssueCodes.ParameterOutOfRange });
            } else {
                count *= binding.high - binding.low + 1;
            }
        }
    }
    count *= concreteCount(flattenEnvironment(env).parameters.filter(param => !bound.has(param.name)));
    if (count > MAX_CONCRETE_ENVIRONMENTS) {
        accept('error', `'${env.name}' here stands for ${count} concrete environments (one per parameter value); Mesa analyses at most ${MAX_CONCRETE_ENVIRONMENTS}. Give values or narrower ranges, e.g. \`${env.name}(${flattenEnvironment(env).parameters[0]?.name ?? 'p'} = ...)\`.`,
            { node: use, property: 'environment', code: IssueCodes.TooManyEnvironments });
    }
}

/** The weights of a `train` or `deploy` must not all be 0 (docs/language.md, Weights). */
export function checkWeightsSum(decl: Train | Deploy, accept: ValidationAcceptor): void {
    const uses = decl.uses.filter(u => u.environment);
    if (uses.length === 0 || !uses.every(u => u.weight !== undefined && u.weight >= 0)) return;
    if (uses.every(u => u.weight === 0)) {
        accept('error', `Every weight of this ${decl.$type === 'Train' ? 'train' : 'deploy'} is 0: at least one environment needs a positive weight.`,
            { node: decl, property: 'uses', code: IssueCodes.InvalidValue });
    }
}

/** How many bindings the valid integer ranges of these parameters stand for (an invalid range counts once: it is reported apart). */
function concreteCount(params: readonly Parameter[]): number {
    let count = 1;
    for (const param of params) {
        if (Number.isInteger(param.low) && Number.isInteger(param.high) && param.high >= param.low) count *= param.high - param.low + 1;
    }
    return count;
}

/**
 * A spec without `train` trains in its first environment with every parameter unbound
 * (docs/language.md, Training and deployment): that default use is bounded like a written one.
 */
export function checkDefaultTrainingCount(spec: Spec, accept: ValidationAcceptor): void {
    if (spec.declarations.some(d => isTrain(d) && d.uses.length > 0)) return;
    const env = trainingEnvironments(spec)[0];
    if (!env) return;
    const params = flattenEnvironment(env).parameters;
    const count = concreteCount(params);
    if (count > MAX_CONCRETE_ENVIRONMENTS) {
        accept('error', `'${env.name}' is the training environment (the spec has no \`train\`) and stands for ${count} concrete environments (one per parameter value); Mesa analyses at most ${MAX_CONCRETE_ENVIRONMENTS}. Add a \`train\` with values or narrower ranges, e.g. \`train ${env.name}(${params[0]?.name ?? 'p'} = ${params[0]?.low ?? 0})\`.`,
            { node: env, property: 'name', code: IssueCodes.TooManyEnvironments });
    }
}

export function checkOptimizerModelAndDepth(optimizer: Optimizer, accept: ValidationAcceptor): void {
    const spec = AstUtils.getContainerOfType(optimizer, isSpec) as Spec;
    const training = trainingEnvironments(spec);
    const depth = optimizer.settings.find(isDepthSetting);
    if (depth) {
        const horizons = training.map(e => flattenEnvironment(e).horizon).filter((h): h is number => h !== undefined);
        const limit = horizons.length > 0 ? Math.min(...horizons) : undefined;
        if (!Number.isInteger(depth.value) || depth.value < 1 || (limit !== undefined && depth.value > limit)) {
            accept('error', `Depth ${depth.value} of optimizer '${optimizer.name}' is out of range: it plans a whole number of steps from 1 to ${limit ?? 'the horizon'}${limit !== undefined ? ' (the shortest training horizon)' : ''}.`,
                { node: depth, property: 'value', code: IssueCodes.DepthOutOfRange });
        }
    }
    const modelSetting = optimizer.settings.find(isModelSetting);
    const model = modelSetting?.model?.ref;
    if (!modelSetting || !model) return;
    const modelFlat = flattenEnvironment(model);
    for (const env of training) {
        const trueFlat = flattenEnvironment(env);
        const extra = modelFlat.actions.map(a => a.name).filter(a => !trueFlat.members.has(a));
        if (extra.length > 0) {
            accept('error', `Model '${model.name}' of optimizer '${optimizer.name}' has action${extra.length > 1 ? 's' : ''} ${extra.map(a => `'${a}'`).join(', ')} that training environment '${env.name}' lacks: an optimizer cannot plan with actions it does not have.`,
                { node: modelSetting, property: 'model', code: IssueCodes.InvalidModel });
        }
    }
    if (modelFlat.qualitative) {
        accept('error', `Model '${model.name}' of optimizer '${optimizer.name}' has qualitative nodes and cannot be simulated.`,
            { node: modelSetting, property: 'model', code: IssueCodes.InvalidModel });
    }
    const objective = optimizer.settings.find(isObjectiveSetting)?.objective?.ref;
    if (objective?.body) {
        for (const ref of AstUtils.streamAst(objective.body).filter(isNameReference)) {
            if (ref.target.ref && !modelFlat.members.has(ref.target.$refText)) {
                accept('error', `Optimizer '${optimizer.name}' plans '${objective.name}' in model '${model.name}', which lacks '${ref.target.$refText}'.`,
                    { node: modelSetting, property: 'model', code: IssueCodes.MissingName });
            }
        }
    }
}
