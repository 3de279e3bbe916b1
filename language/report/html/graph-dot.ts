/**
 * The drawing of one environment's causal graph built from the report's data alone
 * (the report carries the graph, the objectives' roles and every declaration, not the
 * compiled spec); the DOT itself is causal-dot.ts's, shared with the graph view.
 */
import { drawingDot, objectiveNodeId } from '../causal-dot.js';
import type { GraphDrawing } from '../causal-dot.js';
import type { EnvironmentReport, ObjectiveReport } from '../../simulation/report.js';

export function reportDrawing(env: EnvironmentReport, objectives: readonly ObjectiveReport[]): GraphDrawing {
    return {
        label: env.label,
        graph: env.graph,
        roles: new Map(objectives.map(o => [o.name, o.role])),
        changes: env.changes,
        declarations: new Map([
            ...Object.entries(env.declarations),
            ...objectives.map(o => [objectiveNodeId(o.name), o.location] as const),
        ]),
    };
}

export function environmentDot(env: EnvironmentReport, objectives: readonly ObjectiveReport[]): string {
    return drawingDot(reportDrawing(env, objectives));
}
