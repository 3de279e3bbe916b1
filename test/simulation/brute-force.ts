/**
 * A brute-force reference for the simulation core, independent of it: it interprets
 * expressions directly and enumerates every action sequence as a tree of histories
 * (no states, no deduplication). Behaviours are sets of allowed actions per history;
 * a model-mismatched planner simply plans in its model along the same history.
 */
import type { CompiledEnvironment, CompiledSpec, Expr } from '../../language/model/spec.js';

const TOL = (best: number): number => 1e-9 * Math.max(1, Math.abs(best));

function evalExpr(e: Expr, t: number, values: Map<string, number>[], initOf: (n: string) => number): number {
    const ev = (x: Expr): number => evalExpr(x, t, values, initOf);
    switch (e.kind) {
        case 'const': return e.value;
        case 'ref': {
            const u = t - e.delay;
            if (u <= 0) return e.delay === 0 ? values[t]!.get(e.name)! : initOf(e.name);
            return values[u]!.get(e.name)!;
        }
        case 'unary': return e.op === '-' ? -ev(e.operand) : ev(e.operand) === 0 ? 1 : 0;
        case 'binary': {
            const l = ev(e.left);
            if (e.op === 'and') return l !== 0 && ev(e.right) !== 0 ? 1 : 0;
            if (e.op === 'or') return l !== 0 || ev(e.right) !== 0 ? 1 : 0;
            const r = ev(e.right);
            switch (e.op) {
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
            break;
        }
        case 'if': return ev(e.condition) !== 0 ? ev(e.then) : ev(e.else);
        case 'call': {
            const a = e.args.map(ev);
            switch (e.fn) {
                case 'min': return Math.min(...a);
                case 'max': return Math.max(...a);
                case 'abs': return Math.abs(a[0]!);
                case 'clamp': return Math.min(Math.max(a[0]!, a[1]!), a[2]!);
            }
        }
    }
    throw new Error('bad expression');
}

/** Per-step rewards of every objective along a history of choices (0 = wait, i + 1 = action i). */
export function rewards(spec: CompiledSpec, env: CompiledEnvironment, history: number[]): Map<string, number[]> {
    const init = new Map<string, number>(env.nodes.map(n => [n.name, n.init]));
    const initOf = (n: string): number => init.get(n) ?? 0;
    const values: Map<string, number>[] = [new Map()];
    const out = new Map<string, number[]>(spec.objectives.map(o => [o.name, []]));
    for (let t = 1; t <= history.length; t++) {
        const v = new Map<string, number>();
        values.push(v);
        env.actions.forEach((a, i) => v.set(a, history[t - 1] === i + 1 ? 1 : 0));
        for (const n of env.nodes) v.set(n.name, evalExpr(n.rule!, t, values, initOf));
        for (const o of spec.objectives) {
            let r: number;
            try { r = evalExpr(o.expression, t, values, initOf); } catch { r = NaN; }
            const value = o.aggregate === 'final' ? (t === env.horizon ? r : 0) : Math.pow(env.discount, t - 1) * r;
            out.get(o.name)!.push(value);
        }
    }
    return out;
}

export class BruteEnv {
    readonly C: number;
    private readonly memo = new Map<string, number>();
    private readonly rewardMemo = new Map<string, Map<string, number[]>>();
    constructor(readonly spec: CompiledSpec, readonly env: CompiledEnvironment) {
        this.C = env.actions.length + 1;
    }
    get H(): number { return this.env.horizon; }

    /** Reward of objective o for taking choice c after history h. */
    reward(o: string, h: number[], c: number): number {
        const seq = [...h, c], key = seq.join(',');
        let r = this.rewardMemo.get(key);
        if (!r) this.rewardMemo.set(key, r = rewards(this.spec, this.env, seq));
        return r.get(o)![h.length]!;
    }

    /** Best value of o over the next k steps (all remaining when k ≥ H). */
    value(o: string, h: number[], k: number): number {
        if (h.length >= this.H || k <= 0) return 0;
        const key = `${o}|${k}|${h.join(',')}`;
        const hit = this.memo.get(key);
        if (hit !== undefined) return hit;
        let best = -Infinity;
        for (let c = 0; c < this.C; c++) best = Math.max(best, this.reward(o, h, c) + this.value(o, [...h, c], k - 1));
        this.memo.set(key, best);
        return best;
    }

    /** Choices allowed at h for a planner of o with depth d. */
    allowed(o: string, h: number[], d: number): number[] {
        const q = Array.from({ length: this.C }, (_, c) => this.reward(o, h, c) + this.value(o, [...h, c], d - 1));
        const best = Math.max(...q);
        return q.flatMap((x, c) => (best - x <= TOL(best) ? [c] : []));
    }

    /** Every history of length < H. */
    histories(): number[][] {
        const out: number[][] = [];
        const walk = (h: number[]): void => {
            if (h.length >= this.H) return;
            out.push(h);
            for (let c = 0; c < this.C; c++) walk([...h, c]);
        };
        walk([]);
        return out;
    }
}

export type Policy = (h: number[]) => number[];

/** [lo, hi] of objective o over the sequences a policy set allows, from history h. */
export function interval(b: BruteEnv, o: string, allowed: Policy, h: number[] = []): { lo: number; hi: number } {
    if (h.length >= b.H) return { lo: 0, hi: 0 };
    let lo = Infinity, hi = -Infinity;
    for (const c of allowed(h)) {
        const r = b.reward(o, h, c);
        const sub = interval(b, o, allowed, [...h, c]);
        lo = Math.min(lo, r + sub.lo);
        hi = Math.max(hi, r + sub.hi);
    }
    return { lo, hi };
}
