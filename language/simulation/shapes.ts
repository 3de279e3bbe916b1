/**
 * Object shapes kept for the life of the process (docs/simulation.md, Shapes kept alive).
 *
 * V8 forgets an object shape (its hidden class) once no live object has it, and throws
 * away the optimised code of every function that checked for it. An analysis's own objects
 * (its context and budget, the state store, the layers' rows, the graphs) live only while
 * it runs, so a garbage collection that reduces memory between two analyses (after the
 * process was idle, or forced) left the next analysis running on unoptimised code: about
 * three times slower on button-lamp. One small object of each such shape, made once and
 * kept here, holds the shape.
 */
const kept: object[] = [];

/** Keeps `instance`, a small object of a shape the hot loops read, for the process's life. */
export function keepShape<T extends object>(instance: T): T {
    kept.push(instance);
    return instance;
}

