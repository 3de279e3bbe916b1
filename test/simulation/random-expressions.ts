/**
 * What the property tests draw their random specs from: a small deterministic generator
 * (xorshift32), so that a failing seed reproduces, and random expression text over a
 * spec's names.
 */

export interface Gen {
    /** The next number in [0, 1). */
    next: () => number;
    int: (lo: number, hi: number) => number;
    pick: <T>(xs: readonly T[]) => T;
}

/** The generator of `seed`, mixed by Knuth's multiplier first unless `mix` is false. */
export function generator(seed: number, mix = true): Gen {
    let s = (mix ? seed * 2654435761 : seed) | 0 || 1;
    const next = (): number => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
    const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
    return { next, int, pick: xs => xs[int(0, xs.length - 1)]! };
}

/** How `expression` draws its leaves and which operators it may use. */
export interface ExpressionShape {
    /** A constant leaf. */
    constant: (g: Gen) => string;
    /** The largest delay of a read back. */
    maxDelay: number;
    /** The upper bound of the `uniform` it may draw. */
    uniformHigh: number;
    /** Whether `clamp(e, -5, 5)` is among the operators. */
    clamp: boolean;
}

/**
 * Random expression text of nesting at most `depth` over `now` (current reads) and `past`
 * (reads back); with `chance`, draws too.
 */
export function expression(g: Gen, shape: ExpressionShape, now: string[], past: string[], depth: number, chance: boolean): string {
    const sub = (): string => expression(g, shape, now, past, depth - 1, chance);
    if (chance && g.int(0, 5) === 0) return g.pick(['bernoulli(0.5)', `uniform(0, ${shape.uniformHigh})`, `choose(0.25: ${sub()}, 0.75: ${sub()})`]);
    if (depth <= 0 || g.int(0, 3) === 0) {
        const k = g.int(0, 5);
        if (k === 0 || (now.length === 0 && past.length === 0)) return shape.constant(g);
        if (k < 3 && now.length > 0) return g.pick(now);
        return past.length > 0 ? `${g.pick(past)}@${g.int(1, shape.maxDelay)}` : g.pick(now);
    }
    const k = g.int(0, shape.clamp ? 8 : 7);
    if (shape.clamp && k === 7) return `clamp(${sub()}, -5, 5)`;
    switch (k) {
        case 0: case 1: return `(${sub()} + ${sub()})`;
        case 2: return `(${sub()} - ${sub()})`;
        case 3: return `(${sub()} * ${sub()})`;
        case 4: return `min(${sub()}, ${sub()})`;
        case 5: return `max(${sub()}, ${sub()})`;
        case 6: return `(${sub()} ${g.pick(['<', '>', '=='])} ${sub()})`;
        default: return `(if ${sub()} then ${sub()} else ${sub()})`;
    }
}
