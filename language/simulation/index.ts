/**
 * The simulation core's public surface: `simulate` (compiled spec to report),
 * `formatVerdictTable` (the CLI's stdout), the errors callers catch, and the
 * stand-in proxy analysis. Pure TypeScript: no Langium, LSP or vscode imports.
 */
export { simulate, DEFAULT_MAX_STATES, type SimulateOptions } from './simulate.js';
export { formatVerdictTable, formatNumber } from './verdict-table.js';
export { SimulationError } from './errors.js';
export { proxyKind, type ProxyKind } from '../model/relation.js';
export { spearman, mulberry32 } from './sample.js';
export type * from './report.js';
