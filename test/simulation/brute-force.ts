/**
 * A brute-force reference for the simulation core, independent of it: it interprets
 * expressions directly and enumerates every history as a tree (no states, no
 * deduplication). A history is the inits drawn, then per step the choice taken and every
 * action and node value that step had. Chance is read compositionally: an expression
 * has a distribution of values (a draw is the mixture of its options, an operation
 * combines its operands' distributions as independent, an `if` mixes the branch each
 * condition value takes), and a step's outcomes are the joint values of its nodes in
 * order. Values are expectations over outcomes (expectimax); behaviours are sets of
 * allowed choices per history; a model-mismatched planner plans in its model along the
 * same choices.
 */
import type { CompiledEnvironment, CompiledSpec, Expr } from '../../language/model/spec.js';

const TOL = (best: number): number => 1e-9 * Math.max(1, Math.abs(best));

/** A distribution: value → probability. */
type Dist = Map<number, number>;

const point = (v: number): Dist => new Map([[v + 0, 1]]);

function add(d: Dist, v: number, p: number): void {
    if (p > 0) d.set(v + 0, (d.get(v + 0) ?? 0) + p);
}

/** The distribution of f(a, b) for independent a ~ x and b ~ y. */
function combine(x: Dist, y: Dist, f: (a: number, b: number) => number): Dist {
    const out: Dist = new Map();
    for (const [a, pa] of x) for (const [b, pb] of y) add(out, f(a, b), pa * pb);
    return out;
}

function binary(op: string, l: number, r: number): number {
    switch (op) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': if (r === 0) throw new Error('division by zero'); return l / r;
        case '==': return l === r ? 1 : 0;
        case '!=': return l !== r ? 1 : 0;
        case '<': return l < r ? 1 : 0;
        case '<=': return l <= r ? 1 : 0;
        case '>': return l > r ? 1 : 0;
        case '>=': return l >= r ? 1 : 0;
    }
    throw new Error(`bad operator ${op}`);
}

/** What an expression reads: value of `name` `delay` steps back (0: the current step). */
type Read = (name: string, delay: number) => number;

function dist(e: Expr, read: Read): Dist {
    const d = (x: Expr): Dist => dist(x, read);
    switch (e.kind) {
        case 'const': return point(e.value);
        case 'ref': return point(read(e.name, e.delay));
        case 'unary': {
            const out: Dist = new Map();
            for (const [v, p] of d(e.operand)) add(out, e.op === '-' ? -v : v === 0 ? 1 : 0, p);
            return out;
        }
        case 'binary': {
            const l = d(e.left);
            if (e.op !== 'and' && e.op !== 'or') return combine(l, d(e.right), (a, b) => binary(e.op, a, b));
            // The right side only where the left does not decide.
            const out: Dist = new Map();
            for (const [a, pa] of l) {
                if (e.op === 'and' ? a === 0 : a !== 0) { add(out, e.op === 'and' ? 0 : 1, pa); continue; }
                for (const [b, pb] of d(e.right)) add(out, b !== 0 ? 1 : 0, pa * pb);
            }
            return out;
        }
        case 'if': {
            const out: Dist = new Map();
            for (const [c, pc] of d(e.condition)) for (const [v, p] of d(c !== 0 ? e.then : e.else)) add(out, v, pc * p);
            return out;
        }
        case 'call': {
            const f = (a: number[]): number => {
                switch (e.fn) {
                    case 'min': return Math.min(...a);
                    case 'max': return Math.max(...a);
                    case 'abs': return Math.abs(a[0]!);
                    case 'clamp': return Math.min(Math.max(a[0]!, a[1]!), a[2]!);
                }
            };
            let lists: [number[], number][] = [[[], 1]];
            for (const arg of e.args) {
                const next: [number[], number][] = [];
                for (const [vs, p] of lists) for (const [v, q] of d(arg)) next.push([[...vs, v], p * q]);
                lists = next;
            }
            const out: Dist = new Map();
            for (const [vs, p] of lists) add(out, f(vs), p);
            return out;
        }
        case 'draw': {
            const out: Dist = new Map();
            for (const o of e.options) for (const [v, p] of d(o.value)) add(out, v, o.p * p);
            return out;
        }
        case 'index': {
            const out: Dist = new Map();
            const at = (i: number, n: number): number => {
                if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error('index out of range');
                return i;
            };
            if (e.indices.length === 1) {
                for (const [i, p] of d(e.indices[0]!)) add(out, e.values[at(i, e.shape[0]!)]!, p);
            } else {
                for (const [i, p] of d(e.indices[0]!)) {
                    for (const [j, q] of d(e.indices[1]!)) add(out, e.values[at(i, e.shape[0]!) * e.shape[1]! + at(j, e.shape[1]!)]!, p * q);
                }
            }
            return out;
        }
    }
}

/** The inits drawn, then each step's choice and values (actions, then nodes, in `BruteEnv.names` order). */
export interface History {
    init: Map<string, number>;
    choices: number[];
    steps: number[][];
    key: string;
}

/** One outcome of a step: its probability, each objective's reward (in spec order) and the history it extends to (made when read). */
class Outcome {
    private made: History | undefined;
    constructor(private readonly from: History, private readonly c: number, private readonly now: number[],
        private readonly key: string, readonly p: number, readonly rewards: number[]) {}

    get h(): History {
        this.made ??= { init: this.from.init, choices: [...this.from.choices, this.c], steps: [...this.from.steps, this.now], key: `${this.from.key};${this.c}:${this.key}` };
        return this.made;
    }
}

export class BruteEnv {
    readonly C: number;
    /** The actions, then the nodes: the order of a step's values. */
    readonly names: string[];
    private readonly at: Map<string, number>;
    private readonly objective: Map<string, number>;
    private readonly memo = new Map<string, number>();
    private readonly outcomeMemo = new Map<string, Outcome[]>();
    constructor(readonly spec: CompiledSpec, readonly env: CompiledEnvironment) {
        this.C = env.actions.length + 1;
        this.names = [...env.actions, ...env.nodes.map(n => n.name)];
        this.at = new Map(this.names.map((n, i) => [n, i]));
        this.objective = new Map(spec.objectives.map((o, i) => [o.name, i]));
    }
    get H(): number { return this.env.horizon; }

    /** The initial histories: every combination of the inits' outcomes, with its probability. */
    starts(): { h: History; p: number }[] {
        let worlds: { init: Map<string, number>; p: number }[] = [{ init: new Map(), p: 1 }];
        for (const n of this.env.nodes) {
            const outcomes = n.initOutcomes && n.initOutcomes.length > 1 ? n.initOutcomes : [{ value: n.init, p: 1 }];
            worlds = worlds.flatMap(w => outcomes.map(o => ({ init: new Map([...w.init, [n.name, o.value]]), p: w.p * o.p })));
        }
        return worlds.map(w => ({ h: { init: w.init, choices: [], steps: [], key: [...w.init.values()].join(',') }, p: w.p }));
    }

    /** The one history of a sequence of choices, where nothing draws. */
    follow(choices: readonly number[]): History {
        const starts = this.starts();
        if (starts.length !== 1) throw new Error(`${this.env.label} draws its inits`);
        let h = starts[0]!.h;
        for (const c of choices) {
            const o = this.outcomes(h, c);
            if (o.length !== 1) throw new Error(`${this.env.label} draws`);
            h = o[0]!.h;
        }
        return h;
    }

    /** The outcomes of choice c after h: each extended history, its probability and every objective's reward. */
    outcomes(h: History, c: number): Outcome[] {
        const memoKey = `${h.key}|${c}`;
        const hit = this.outcomeMemo.get(memoKey);
        if (hit) return hit;
        const t = h.steps.length + 1;
        const past = (name: string, delay: number, now: number[]): number => {
            const u = t - delay, i = this.at.get(name);
            if (i === undefined) return NaN;
            if (delay === 0) return now[i]!;
            if (u <= 0) return h.init.get(name) ?? 0;
            return h.steps[u - 1]![i]!;
        };
        const A = this.env.actions.length;
        let worlds: { now: number[]; p: number }[] = [{ now: this.env.actions.map((_, i) => (c === i + 1 ? 1 : 0)), p: 1 }];
        this.env.nodes.forEach((n, k) => {
            const next: { now: number[]; p: number }[] = [];
            for (const w of worlds) {
                for (const [v, p] of dist(n.rule!, (name, delay) => past(name, delay, w.now))) {
                    const now = w.now.slice();
                    now[A + k] = v;
                    next.push({ now, p: w.p * p });
                }
            }
            worlds = next;
        });
        const merged = new Map<string, { now: number[]; p: number }>();
        for (const w of worlds) {
            const key = w.now.join(',');
            const m = merged.get(key);
            if (m) m.p += w.p; else merged.set(key, w);
        }
        const out = [...merged.entries()].map(([key, w]) => {
            const rewards = this.spec.objectives.map(o => {
                let r: number;
                try {
                    const d = dist(o.expression, (name, delay) => past(name, delay, w.now));
                    if (d.size !== 1) throw new Error('an objective draws');
                    r = [...d.keys()][0]!;
                } catch { r = NaN; }
                return o.aggregate === 'final' ? (t === this.H ? r : 0) : Math.pow(this.env.discount, t - 1) * r;
            });
            return new Outcome(h, c, w.now, key, w.p, rewards);
        });
        this.outcomeMemo.set(memoKey, out);
        return out;
    }

    /** Expected reward of objective o for choice c after h. */
    reward(o: string, h: History, c: number): number {
        const i = this.objective.get(o)!;
        return this.outcomes(h, c).reduce((sum, x) => sum + x.p * x.rewards[i]!, 0);
    }

    /** Expected value of o for choice c after h, planning k steps (this one included). */
    q(o: string, h: History, c: number, k: number): number {
        const i = this.objective.get(o)!, last = h.steps.length + 1 >= this.H;
        return this.outcomes(h, c).reduce((sum, x) => sum + x.p * (x.rewards[i]! + (last ? 0 : this.value(o, x.h, k - 1))), 0);
    }

    /** Best expected value of o over the next k steps (all remaining when k ≥ H). */
    value(o: string, h: History, k: number): number {
        if (h.steps.length >= this.H || k <= 0) return 0;
        const key = `${o}|${k}|${h.key}`;
        const hit = this.memo.get(key);
        if (hit !== undefined) return hit;
        let best = -Infinity;
        for (let c = 0; c < this.C; c++) best = Math.max(best, this.q(o, h, c, k));
        this.memo.set(key, best);
        return best;
    }

    /** Choices allowed at h for a planner of o with depth d. */
    allowed(o: string, h: History, d: number): number[] {
        const q = Array.from({ length: this.C }, (_, c) => this.q(o, h, c, d));
        const best = Math.max(...q);
        return q.flatMap((x, c) => (best - x <= TOL(best) ? [c] : []));
    }

    /** Expectation over the initial histories. */
    atStart(f: (h: History) => number): number {
        return this.starts().reduce((sum, s) => sum + s.p * f(s.h), 0);
    }

    /** The optimum of o: its best expected value from the start. */
    optimum(o: string): number {
        return this.atStart(h => this.value(o, h, Infinity));
    }

    /** Every history of fewer than H steps (each has positive probability). */
    histories(): History[] {
        const out: History[] = [];
        const walk = (h: History): void => {
            out.push(h);
            if (h.steps.length + 1 >= this.H) return;
            for (let c = 0; c < this.C; c++) for (const x of this.outcomes(h, c)) walk(x.h);
        };
        for (const s of this.starts()) walk(s.h);
        return out;
    }

    /** The value of `name` j steps before the last step of h (j = 1: the last step), the init before the episode. */
    remembered(h: History, name: string, j: number): number {
        const u = h.steps.length - j + 1;
        return u <= 0 ? h.init.get(name) ?? 0 : h.steps[u - 1]![this.at.get(name)!]!;
    }
}

export type Policy = (h: History) => number[];

/** [lo, hi] of objective o's expected value over the policies a policy set allows, from h (or, without it, the start). */
export function interval(b: BruteEnv, o: string, allowed: Policy, h?: History): { lo: number; hi: number } {
    if (!h) {
        const parts = b.starts().map(s => ({ p: s.p, iv: interval(b, o, allowed, s.h) }));
        return { lo: parts.reduce((a, x) => a + x.p * x.iv.lo, 0), hi: parts.reduce((a, x) => a + x.p * x.iv.hi, 0) };
    }
    if (h.steps.length >= b.H) return { lo: 0, hi: 0 };
    const i = b.spec.objectives.findIndex(x => x.name === o), last = h.steps.length + 1 >= b.H;
    let lo = Infinity, hi = -Infinity;
    for (const c of allowed(h)) {
        let l = 0, u = 0;
        for (const x of b.outcomes(h, c)) {
            const sub = last ? { lo: 0, hi: 0 } : interval(b, o, allowed, x.h);
            l += x.p * (x.rewards[i]! + sub.lo);
            u += x.p * (x.rewards[i]! + sub.hi);
        }
        lo = Math.min(lo, l);
        hi = Math.max(hi, u);
    }
    return { lo, hi };
}
