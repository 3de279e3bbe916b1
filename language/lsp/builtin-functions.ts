/**
 * The built-in functions as the editor presents them (docs/language.md, Expressions):
 * completion's detail and the parentheses it inserts, and signature help's labels, all
 * made from the one table in validation/builtin-functions.ts, which also gives the
 * checks each function's number of arguments. A function the grammar gains needs one
 * entry there (marked `draws` if it is a chance function); a test checks that the
 * table and the grammar's calls (with `choose`) list the same names.
 */
import type { ParameterInformation, SignatureInformation } from 'vscode-languageserver';
import type { BuiltinFunction } from '../validation/builtin-functions.js';

export type { BuiltinFunction, BuiltinParameter } from '../validation/builtin-functions.js';
export { BUILTIN_FUNCTIONS, builtinFunction } from '../validation/builtin-functions.js';

/** The call as written in a signature: `clamp(x, lo, hi)`, `min(a, b, ...)`. */
export function callLabel(name: string, fn: BuiltinFunction): string {
    const names = fn.parameters.map(p => p.name);
    return `${name}(${[...names, ...(fn.variadic ? ['...'] : [])].join(', ')})`;
}

/** Completion's detail: `clamp(x, lo, hi): x limited to [lo, hi]`. */
export function functionDetail(name: string, fn: BuiltinFunction): string {
    return `${callLabel(name, fn)}: ${fn.gives}`;
}

/**
 * What completion inserts: the call with a tab stop per parameter, or `name()` for a
 * client without snippets. A parameter written `p1: e1` (an outcome of `choose`) gets a
 * tab stop on each side of its colon.
 */
export function callInsertText(name: string, fn: BuiltinFunction, snippets: boolean): string {
    if (!snippets) return `${name}()`;
    let stop = 0;
    const parts = fn.parameters.map(p => p.name.split(': ').map(part => `\${${++stop}:${part}}`).join(': '));
    return `${name}(${parts.join(', ')})`;
}


/** The signature shown while the arguments of a call are typed, with the parameters as offsets into its label. */
export function signatureOf(name: string, fn: BuiltinFunction): SignatureInformation {
    const label = callLabel(name, fn);
    const parameters: ParameterInformation[] = [];
    let at = name.length + 1;
    for (const p of [...fn.parameters, ...(fn.variadic ? [{ name: '...', about: 'more values' }] : [])]) {
        parameters.push({ label: [at, at + p.name.length], documentation: p.about });
        at += p.name.length + 2;
    }
    return { label, documentation: fn.gives, parameters };
}

/**
 * The parameter the argument at `argument` (from 0) fills: past the last, a variadic call
 * stays on its `...`; any other call has no such parameter (none is highlighted).
 */
export function activeParameter(fn: BuiltinFunction, argument: number): number {
    return fn.variadic ? Math.min(argument, fn.parameters.length) : argument;
}
