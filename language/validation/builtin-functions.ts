/**
 * The built-in functions of the language (docs/language.md, Expressions): their
 * parameters, how many arguments a call takes, and where they may stand. The checks
 * read the number of arguments from here, the editor's completion and signature help
 * everything else (lsp/builtin-functions.ts).
 */

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
    /** The fewest arguments a call takes, when fewer than its parameters (`min(x)` is allowed); else all of them. */
    readonly fewest?: number;
    /** A draw (docs/language.md, Chance): allowed in node rules and inits, never in objectives. */
    readonly draws?: boolean;
}

export const BUILTIN_FUNCTIONS: Readonly<Record<string, BuiltinFunction>> = {
    min: { parameters: [{ name: 'a', about: 'a value' }, { name: 'b', about: 'another value; more may follow' }], variadic: true, fewest: 1, gives: 'the least argument' },
    max: { parameters: [{ name: 'a', about: 'a value' }, { name: 'b', about: 'another value; more may follow' }], variadic: true, fewest: 1, gives: 'the greatest argument' },
    abs: { parameters: [{ name: 'x', about: 'a value' }], gives: 'absolute value' },
    clamp: {
        parameters: [{ name: 'x', about: 'the value to limit' }, { name: 'lo', about: 'the least value returned' }, { name: 'hi', about: 'the greatest value returned' }],
        gives: 'x limited to [lo, hi]',
    },
    final: { parameters: [{ name: 'e', about: 'the expression taken at the last step' }], gives: 'e at the last step (top of an objective only)', objectiveOnly: true },
    sum: { parameters: [{ name: 'e', about: 'the expression summed' }], gives: 'e summed over the episode, discounted (top of an objective only)', objectiveOnly: true },
    bernoulli: { parameters: [{ name: 'p', about: 'the probability of 1: a constant or parameter in [0, 1]' }], gives: '1 with probability p, else 0 (a draw; not in objectives)', draws: true },
    uniform: {
        parameters: [{ name: 'lo', about: 'the least integer drawn: an integer or parameter' }, { name: 'hi', about: 'the greatest integer drawn: an integer or parameter' }],
        gives: 'an integer drawn uniformly from lo..hi (a draw; not in objectives)', draws: true,
    },
    choose: {
        parameters: [{ name: 'p1: e1', about: 'the first outcome: its probability, then its value' }, { name: 'p2: e2', about: 'the next outcome; more may follow, the probabilities summing to 1' }],
        variadic: true, fewest: 1, gives: 'e_i with probability p_i (a draw; not in objectives)', draws: true,
    },
};

export function builtinFunction(name: string): BuiltinFunction | undefined {
    return Object.hasOwn(BUILTIN_FUNCTIONS, name) ? BUILTIN_FUNCTIONS[name] : undefined;
}

/** The fewest and the most arguments a call of `fn` takes. */
export function arityOf(fn: BuiltinFunction): [number, number] {
    return [fn.fewest ?? fn.parameters.length, fn.variadic ? Infinity : fn.parameters.length];
}

/** Whether a function draws at random: `bernoulli`, `uniform`, `choose`. */
export function isChanceFunction(name: string): boolean {
    return builtinFunction(name)?.draws === true;
}
