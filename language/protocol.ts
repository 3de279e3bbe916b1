/**
 * The custom protocol between the Mesa extension and its language server. Plain types
 * and method names only: the client imports this file and nothing else from language/.
 */

/** `mesa/simulate`: run the full simulation of a document; the result is the report JSON (DESIGN §8). */
export const SimulateMethod = 'mesa/simulate';

export interface SimulateParams {
    /** The document's URI. */
    uri: string;
    /** Seed of the trajectory sample (default 1). */
    seed?: number;
}

/** `mesa/causalGraph`: an environment's causal graph as Graphviz DOT and laid-out SVG. */
export const CausalGraphMethod = 'mesa/causalGraph';

export interface CausalGraphParams {
    uri: string;
    /** Environment label; the first training environment when absent. */
    env?: string;
}

export interface CausalGraphResult {
    env: string;
    environments: string[];
    dot: string;
    svg: string;
}

/** Settings under `mesa.*` that the server reads. */
export interface MesaSettings {
    analysis: {
        /** When simulation-backed diagnostics run. */
        trigger: 'onChange' | 'onSave' | 'off';
        /** States per environment and objective before the editor's analysis stops. */
        maxStates: number;
        /** Wall-time budget of one editor analysis, in milliseconds. */
        timeBudgetMs: number;
        /** Debounce after the last edit, in milliseconds. */
        debounceMs: number;
    };
}

export const DEFAULT_SETTINGS: MesaSettings = {
    analysis: { trigger: 'onChange', maxStates: 200_000, timeBudgetMs: 2_000, debounceMs: 300 },
};
