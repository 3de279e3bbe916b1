/**
 * Registers Mesa's semantic checks (docs/analyses.md, Well-formedness errors). The rules themselves are pure
 * functions in the neighbouring files, one subject each.
 */
import type { ValidationChecks } from 'langium';
import type { MesaAstType } from '../generated/ast.js';
import type { MesaServices } from '../mesa-module.js';
import { checkExactlyOneBaseObjective, checkOptimizerSettings, checkSingletonDeclarations, checkTopLevelNamesAreUnique } from './declaration-checks.js';
import { checkExtendsIsAcyclic, checkHorizonAndDiscount, checkInitReadsOnlyParameters, checkMemberNamesAreUnique, checkNoInstantCycles } from './environment-checks.js';
import { checkCall, checkDelay, checkExpressionDepth, checkObjectiveNamesExistEverywhere } from './expression-checks.js';
import { checkDefaultTrainingCount, checkEnvironmentUse, checkOptimizerModelAndDepth, checkWeightsSum } from './use-checks.js';
import { checkDraw, checkModelDoesNotDraw } from './chance-checks.js';
import { checkIndexing, checkRowsHaveOneLength, checkShow } from './table-checks.js';

export function registerValidationChecks(services: MesaServices): void {
    const registry = services.validation.ValidationRegistry;
    const checks: ValidationChecks<MesaAstType> = {
        Spec: [checkTopLevelNamesAreUnique, checkExactlyOneBaseObjective, checkSingletonDeclarations, checkDefaultTrainingCount],
        Environment: [checkExtendsIsAcyclic, checkMemberNamesAreUnique, checkHorizonAndDiscount, checkNoInstantCycles],
        Node: [checkInitReadsOnlyParameters, checkExpressionDepth],
        NameReference: [checkDelay, checkIndexing],
        Call: [checkCall, checkDraw],
        Choose: [checkDraw],
        Objective: [checkObjectiveNamesExistEverywhere, checkExpressionDepth],
        Optimizer: [checkOptimizerSettings, checkOptimizerModelAndDepth, checkModelDoesNotDraw],
        EnvironmentUse: [checkEnvironmentUse],
        Train: [checkWeightsSum],
        Deploy: [checkWeightsSum],
        Table: [checkRowsHaveOneLength],
        Grid: [checkRowsHaveOneLength],
        Show: [checkShow],
    };
    registry.register(checks);
}
