/**
 * Emits the JavaScript source of a compiled step function from its statements (see
 * codegen.ts). A function of thousands of statements is too big for V8 to optimise
 * (it would run interpreted, forty times slower), so a long body is cut into
 * functions of at most `CHUNK_CHARS` characters that `step` calls in order. Within a
 * function, values live in locals (`v12`); a value read by a later function is also
 * stored in the shared scratch array `c` and read from there. Statements only
 * communicate through locals, `c`, the state arrays and `R`, so every cut between
 * statements keeps the semantics.
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

/** Parameters of the step function and of each part. */
const PARAMS = 'I,so,O,ko,choice,g,t,R';

/** The factory body: declares the parts and returns `step`; the factory receives `$div`, `$nf` and `c`. */
export function stepSource(statements: Statement[], chunkChars = CHUNK_CHARS): string {
    // Pass 1: cut into chunks by an estimate of each statement's length.
    const chunkOf = new Int32Array(statements.length);
    let chunk = 0, size = 0;
    statements.forEach((st, k) => {
        const length = st.emit(i => `c[${i}]`).length + 12;
        if (size > 0 && size + length > chunkChars) { chunk++; size = 0; }
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
    if (nChunks === 1) return `return function step(${PARAMS}){\n${bodies[0]!.join('\n')}\n};`;
    const parts = bodies.map((body, k) => `function p${k}(${PARAMS}){\n${body.join('\n')}\n}`);
    const calls = bodies.map((_, k) => `p${k}(${PARAMS});`).join('');
    return `${parts.join('\n')}\nreturn function step(${PARAMS}){${calls}};`;
}
