/**
 * The Mesa language as a library: services, the compile pipeline, the model types and
 * the diagnostic codes.
 */
export * from './mesa-module.js';
export * from './compile/load.js';
export * from './compile/compile-spec.js';
export { compileDocument, compiledModelOf } from './compile/model-cache.js';
export * from './validation/codes.js';
export type * from './model/spec.js';
