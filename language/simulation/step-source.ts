/**
 * Emits the JavaScript source of a compiled step function from its statements (see
 * codegen.ts). A function of thousands of statements is too big for V8 to optimise
 * (it would run interpreted, forty times slower), so a long body is cut into
 * functions of at most `CHUNK_CHARS` characters that `step` calls in order. Within a
 * function, values live in locals (`v12`); a value read by a later function is also
 * stored in the shared scratch array `c` and read from there. Statements only
 * communicate through locals, `c`, the state arrays and `R`, so every cut between
 * statements keeps the semantics.
 *
 * Each part is compiled on its own and kept by its source: the distinguishing
 * interventions derive thousands of environments that differ from their training
 * environment in one node or one action, and compiling every derived environment's
 * whole step again cost most of the analysis of a long chain (docs/simulation.md,
 * Distinguishing environments). Cuts fall at fixed statement positions (and where a part
 * would grow too long), so a change to one statement leaves the other parts' sources, and
 * their compiled code, as they were.
 */

/** One statement of the step: it may define value `defines` and reads the values `reads` of the same step. */
export interface Statement {
    /** Index of the value it defines (action or node), or −1. */
    defines: number;
    /** Values of the current step it reads. */
    reads: number[];
    /** The statement's source, given how to read value i; a definition is the right-hand side only. */
    emit: (value: (i: number) => string) => string;
    /**
     * For a definition that must be a finite number: the site passed to `$nf(site, t, value)`,
     * which the generated code calls when the value is not (docs/simulation.md, Run-time errors).
     */
    finite?: number;
}

/** Largest body, in characters of generated source, of one generated function (a few hundred statements). */
export const CHUNK_CHARS = 8_000;

/** A part also ends after this many statements, at fixed positions, so that one changed statement changes one part. */
export const PART_STATEMENTS = 96;

/**
 * The parts of the distinguishing search's environments (and of the replays it compares
 * them with) end after this many statements when their step is short (at most
 * `PART_STATEMENTS` statements). The search compiles hundreds of environments that differ
 * from each other in one statement, each explored over a few thousand steps: too few for
 * V8 to optimise a fresh part before the exploration ends, so the code that changed ran
 * mostly unoptimised. In parts this short nearly all of a derived environment's code is
 * parts that other environments have run already, optimised, and the published cases'
 * analyses take about two thirds of the time (docs/simulation.md, Exploration). A long
 * step keeps long parts: a thousand-node chain's derived environments have a few states
 * each, and linking a hundred and seventy parts cost more than running them. An
 * environment explored once keeps long parts too, whose steps run with fewer calls.
 */
export const SEARCH_PART_STATEMENTS = 6;

/** Parameters of the step function and of each part. */
const PARAMS = 'I,so,O,ko,choice,g,t,R';

let generations = 0;

/** How many steps' sources have been generated so far in this process (docs/simulation.md, Exploration). */
export function stepsGenerated(): number {
    return generations;
}

/** The bodies of the parts of a step, in the order `step` calls them; `search`: cut for the distinguishing search. */
export function stepParts(statements: Statement[], chunkChars = CHUNK_CHARS, search = false): string[] {
    generations++;
    const partStatements = search && statements.length <= PART_STATEMENTS ? SEARCH_PART_STATEMENTS : PART_STATEMENTS;
    // Pass 1: cut at fixed positions, and earlier where a part would grow past chunkChars.
    const chunkOf = new Int32Array(statements.length);
    let chunk = 0, size = 0;
    statements.forEach((st, k) => {
        const length = st.emit(i => `c[${i}]`).length + 12;
        if (size > 0 && (size + length > chunkChars || k % partStatements === 0)) { chunk++; size = 0; }
        chunkOf[k] = chunk;
        size += length;
    });
    const nChunks = chunk + 1;
    // Where each value is defined, and which values a later chunk reads.
    const definedIn = new Map<number, number>();
    statements.forEach((st, k) => { if (st.defines >= 0) definedIn.set(st.defines, chunkOf[k]!); });
    const exported = new Set<number>();
    statements.forEach((st, k) => {
        for (const i of st.reads) if (definedIn.get(i) !== chunkOf[k]) exported.add(i);
    });
    // Pass 2: emit.
    const bodies: string[][] = Array.from({ length: nChunks }, () => []);
    statements.forEach((st, k) => {
        const here = chunkOf[k]!;
        const value = (i: number): string => (definedIn.get(i) === here ? `v${i}` : `c[${i}]`);
        const src = st.emit(value);
        const body = bodies[here]!;
        if (st.defines < 0) { body.push(src); return; }
        body.push(`const v${st.defines}=${src};`);
        // x − x is 0 for every finite x, and NaN for ±Infinity and NaN: one subtraction per value.
        if (st.finite !== undefined) body.push(`if(v${st.defines}-v${st.defines}!==0)$nf(${st.finite},t,v${st.defines});`);
        if (exported.has(st.defines)) body.push(`c[${st.defines}]=v${st.defines};`);
    });
    return bodies.map(body => body.join('\n'));
}

type Part = (I: Float64Array, so: number, O: Float64Array, ko: number, choice: number, g: number, t: number, R: Float64Array) => void;

/**
 * What the generated source calls: `$div(l, r, site)` divides, `$nf(site, t, v)` reports a
 * value that is not finite, `$d(site)` is a draw's option (chance.ts), `$ix(site, t, i)`
 * and `$ix2(site, t, i, j)` read a table (tables.ts).
 */
export interface StepHelpers {
    div: unknown;
    nf: unknown;
    draw: unknown;
    index1: unknown;
    index2: unknown;
}

/** What a part's compiled source makes, given the environment's helpers and its scratch array. */
type PartFactory = (div: unknown, nf: unknown, d: unknown, ix: unknown, ix2: unknown, c: Float64Array) => Part;
/** What the step's compiled source makes, given its parts. */
type StepFactory = (...parts: Part[]) => Part;

/** Compiled parts by their body; emptied when it grows past PART_CACHE entries (a few tens of MB of source at most). */
const partCache = new Map<string, PartFactory>();
const PART_CACHE = 4_096;
/** Compiled steps by their number of parts. */
const stepCache = new Map<number, StepFactory>();

let compiledParts = 0;

/** How many part sources have been compiled so far in this process (the rest came from the cache). */
export function partsCompiled(): number {
    return compiledParts;
}

/** A part's factory: compiled once per distinct body. */
function partFactory(body: string): PartFactory {
    let factory = partCache.get(body);
    if (!factory) {
        if (partCache.size >= PART_CACHE) partCache.clear();
        compiledParts++;
        factory = new Function('$div', '$nf', '$d', '$ix', '$ix2', 'c', `"use strict";return function part(${PARAMS}){\n${body}\n};`) as PartFactory;
        partCache.set(body, factory);
    }
    return factory;
}

/** The step of `parts` (from stepParts), with the environment's helpers and scratch array `c`. */
export function linkStep(parts: string[], helpers: StepHelpers, c: Float64Array): Part {
    const { div, nf, draw, index1, index2 } = helpers;
    const made = parts.map(body => partFactory(body)(div, nf, draw, index1, index2, c));
    if (made.length === 1) return made[0]!;
    let step = stepCache.get(made.length);
    if (!step) {
        const names = made.map((_, k) => `p${k}`);
        step = new Function(...names, `"use strict";return function step(${PARAMS}){${names.map(n => `${n}(${PARAMS});`).join('')}};`) as StepFactory;
        stepCache.set(made.length, step);
    }
    return step(...made);
}
