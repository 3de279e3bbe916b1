/**
 * Checks on the spec's top-level declarations: unique names per kind, exactly one base
 * objective, well-formed optimizers, at most one `train`, `deploy` and `select`.
 */
import type { ValidationAcceptor } from 'langium';
import type { Optimizer, Spec } from '../generated/ast.js';
import { isDeploy, isDepthSetting, isEnvironment, isModelSetting, isObjective, isObjectiveSetting, isOptimizer, isRangeSetting, isSelect, isTrain } from '../generated/ast.js';
import { IssueCodes } from './codes.js';

export function checkTopLevelNamesAreUnique(spec: Spec, accept: ValidationAcceptor): void {
    const kinds: [string, { name: string; $type: string }[]][] = [
        ['environment', spec.declarations.filter(isEnvironment)],
        ['objective or optimizer', [...spec.declarations.filter(isObjective), ...spec.declarations.filter(isOptimizer)]],
    ];
    for (const [kind, decls] of kinds) {
        const first = new Map<string, { name: string }>();
        for (const decl of decls) {
            if (!decl.name) continue;
            const earlier = first.get(decl.name);
            if (earlier) {
                accept('error', `Duplicate ${kind} '${decl.name}': an ${kind} of that name is already declared.`,
                    { node: decl as never, property: 'name', code: IssueCodes.Duplicate });
            } else {
                first.set(decl.name, decl);
            }
        }
    }
}

export function checkExactlyOneBaseObjective(spec: Spec, accept: ValidationAcceptor): void {
    const bases = spec.declarations.filter(isObjective).filter(o => o.kind === 'base');
    if (bases.length === 0) {
        const target = spec.declarations.find(isObjective) ?? spec.declarations[0];
        const message = 'The spec has no base objective: declare one with `objective base Name = expression`.';
        if (target) {
            accept('error', message, { node: target, code: IssueCodes.NoBaseObjective });
        } else {
            accept('error', message, { node: spec, code: IssueCodes.NoBaseObjective });
        }
    }
    for (const extra of bases.slice(1)) {
        accept('error', `More than one base objective: '${extra.name}' and '${bases[0]!.name}'. A spec has exactly one.`,
            { node: extra, property: 'name', code: IssueCodes.MultipleBaseObjectives });
    }
}

export function checkSingletonDeclarations(spec: Spec, accept: ValidationAcceptor): void {
    const singles: [string, { $type: string }[]][] = [
        ['train', spec.declarations.filter(isTrain)],
        ['deploy', spec.declarations.filter(isDeploy)],
        ['select', spec.declarations.filter(isSelect)],
    ];
    for (const [keyword, decls] of singles) {
        for (const extra of decls.slice(1)) {
            accept('error', `More than one '${keyword}' declaration: list every environment in the first one.`,
                { node: extra as never, keyword, code: IssueCodes.Duplicate });
        }
    }
}

export function checkOptimizerSettings(optimizer: Optimizer, accept: ValidationAcceptor): void {
    const objectives = optimizer.settings.filter(isObjectiveSetting);
    const ranges = optimizer.settings.filter(isRangeSetting);
    // With a range and no objective, the optimizer learns one (docs/language.md, Grammar; docs/analyses.md, Algorithmic range).
    if (objectives.length === 0 && ranges.length === 0) {
        accept('error', `Optimizer '${optimizer.name}' has no objective: add \`objective Name\`, or \`range BITS\` for an optimizer that learns the best objective it can represent.`,
            { node: optimizer, property: 'name', code: IssueCodes.InvalidOptimizer });
    }
    for (const range of ranges) {
        if (!Number.isInteger(range.value) || range.value < 1) {
            accept('error', `Range ${range.value} of optimizer '${optimizer.name}' is not a whole number of bits ≥ 1: it is the length of the longest objective the optimizer can represent.`,
                { node: range, property: 'value', code: IssueCodes.InvalidOptimizer });
        }
    }
    const groups: [string, { $type: string }[]][] = [
        ['objective', objectives],
        ['model', optimizer.settings.filter(isModelSetting)],
        ['depth', optimizer.settings.filter(isDepthSetting)],
        ['range', ranges],
    ];
    for (const [keyword, settings] of groups) {
        for (const extra of settings.slice(1)) {
            accept('error', `Optimizer '${optimizer.name}' sets '${keyword}' more than once.`,
                { node: extra as never, keyword, code: IssueCodes.InvalidOptimizer });
        }
    }
}
