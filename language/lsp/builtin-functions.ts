/**
 * The built-in functions as the editor presents them (docs/language.md, Expressions):
 * one entry per function, from which completion takes its detail and the parentheses it
 * inserts, and signature help its labels. A function the grammar gains (a chance
 * function such as `bernoulli(p)`, say) needs one entry here and nothing else in the
 * editor; a test checks that this table and the grammar's calls list the same names.
 */
import type { ParameterInformation, SignatureInformation } from 'vscode-languageserver';

export interface BuiltinParameter {
    readonly name: string;
    /** What the argument is, in a few words. */
    readonly about: string;
}

export interface BuiltinFunction {
    readonly parameters: readonly BuiltinParameter[];
    /** The last parameter may be repeated (`min(a, b, ...)`). */
    readonly variadic?: boolean;
    /** What the call gives, in a few words. */
    readonly gives: string;
    /** Allowed at the top of an objective only (docs/language.md, Objectives). */
    readonly objectiveOnly?: boolean;
}

export const BUILTIN_FUNCTIONS: Readonly<Record<string, BuiltinFunction>> = {
    min: { parameters: [{ name: 'a', about: 'a value' }, { name: 'b', about: 'another value; more may follow' }], variadic: true, gives: 'the least argument' },
    max: { parameters: [{ name: 'a', about: 'a value' }, { name: 'b', about: 'another value; more may follow' }], variadic: true, gives: 'the greatest argument' },
    abs: { parameters: [{ name: 'x', about: 'a value' }], gives: 'absolute value' },
    clamp: {
        parameters: [{ name: 'x', about: 'the value to limit' }, { name: 'lo', about: 'the least value returned' }, { name: 'hi', about: 'the greatest value returned' }],
        gives: 'x limited to [lo, hi]',
    },
    final: { parameters: [{ name: 'e', about: 'the expression taken at the last step' }], gives: 'e at the last step (top of an objective only)', objectiveOnly: true },
    sum: { parameters: [{ name: 'e', about: 'the expression summed' }], gives: 'e summed over the episode, discounted (top of an objective only)', objectiveOnly: true },
};

export function builtinFunction(name: string): BuiltinFunction | undefined {
    return Object.hasOwn(BUILTIN_FUNCTIONS, name) ? BUILTIN_FUNCTIONS[name] : undefined;
}

/** The call as written in a signature: `clamp(x, lo, hi)`, `min(a, b, ...)`. */
export function callLabel(name: string, fn: BuiltinFunction): string {
    const names = fn.parameters.map(p => p.name);
    return `${name}(${[...names, ...(fn.variadic ? ['...'] : [])].join(', ')})`;
}

/** Completion's detail: `clamp(x, lo, hi): x limited to [lo, hi]`. */
export function functionDetail(name: string, fn: BuiltinFunction): string {
    return `${callLabel(name, fn)}: ${fn.gives}`;
}

/** What completion inserts: the call with a tab stop per parameter, or `name()` for a client without snippets. */
export function callInsertText(name: string, fn: BuiltinFunction, snippets: boolean): string {
    if (!snippets) return `${name}()`;
    return `${name}(${fn.parameters.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`;
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
