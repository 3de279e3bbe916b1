/**
 * Brute-force references for identifiability by data source and for EPIC distance
 * (docs/analyses.md), on the history tree of brute-force.ts: every trajectory and every
 * transition written out, no state graph and no dynamic programming.
 *
 * - Returns: the list of every complete trajectory's two returns (each step counting its
 *   expected reward given the history and the choice, as docs/simulation.md's Chance says);
 *   whether a positive affine map relates them is decided by a least-squares fit of one on
 *   the other and a look at every residual (not the extremes the core uses).
 * - Rewards: the same over every (history, choice) pair's undiscounted per-step rewards.
 * - Behaviour: at some history, a choice a planner allows that the base optimum does not.
 * - EPIC: histories are grouped into states by the rule of docs/simulation.md (States), read
 *   off the expressions here; the canonical rewards and their Pearson correlation are then
 *   summed out term by term, ρ by the textbook formula.
 */
import type { CompiledEnvironment, CompiledSpec, Expr } from '../../language/model/spec.js';
import type { BruteEnv, History } from './brute-force.js';

/** Whether M = a·B + b with a > 0 holds for every point, by least squares (tolerance relative 1e-9). */
export function affineBrute(points: readonly [number, number][]): boolean {
    const distinct = new Map<string, [number, number]>();
    for (const [b, m] of points) distinct.set(`${b.toPrecision(12)},${m.toPrecision(12)}`, [b, m]);
    const ps = [...distinct.values()];
    const n = ps.length;
    const mb = ps.reduce((s, p) => s + p[0], 0) / n, mm = ps.reduce((s, p) => s + p[1], 0) / n;
    const scale = Math.max(1, ...ps.map(p => Math.max(Math.abs(p[0]), Math.abs(p[1]))));
    const tol = 1e-7 * scale;
    const vb = ps.reduce((s, p) => s + (p[0] - mb) ** 2, 0);
    if (Math.sqrt(vb / n) <= tol) return ps.every(p => Math.abs(p[1] - mm) <= tol);
    const a = ps.reduce((s, p) => s + (p[0] - mb) * (p[1] - mm), 0) / vb;
    if (!(a > 1e-9)) return false;
    return ps.every(p => Math.abs(p[1] - (mm + a * (p[0] - mb))) <= tol * Math.max(1, a));
}

const undiscounted = (b: BruteEnv, aggregate: 'sum' | 'final', t: number, r: number): number =>
    aggregate === 'final' ? r : r / Math.pow(b.env.discount, t);

function aggregateOf(spec: CompiledSpec, name: string): 'sum' | 'final' {
    return spec.objectives.find(o => o.name === name)!.aggregate;
}

/** Every complete trajectory's (base, mesa) returns, through every choice and outcome. */
export function trajectoryReturns(b: BruteEnv, base: string, mesa: string): [number, number][] {
    const out: [number, number][] = [];
    const walk = (h: History, rb: number, rm: number): void => {
        if (h.steps.length >= b.H) { out.push([rb, rm]); return; }
        for (let c = 0; c < b.C; c++) {
            const xb = b.reward(base, h, c), xm = b.reward(mesa, h, c);
            for (const x of b.outcomes(h, c)) walk(x.h, rb + xb, rm + xm);
        }
    };
    for (const s of b.starts()) walk(s.h, 0, 0);
    return out;
}

/** Every (history, choice) pair's undiscounted (base, mesa) per-step rewards. */
export function transitionRewards(b: BruteEnv, base: string, mesa: string): [number, number][] {
    const ab = aggregateOf(b.spec, base), am = aggregateOf(b.spec, mesa);
    return b.histories().flatMap(h => Array.from({ length: b.C }, (_, c): [number, number] => [
        undiscounted(b, ab, h.steps.length, b.reward(base, h, c)),
        undiscounted(b, am, h.steps.length, b.reward(mesa, h, c)),
    ]));
}

/** Whether at some history the planner allows a choice the base optimum does not. */
export function behaviourFallsShort(b: BruteEnv, allowed: (h: History) => number[]): boolean {
    return b.histories().some(h => {
        const base = new Set(b.allowed(b.spec.base, h, Infinity));
        return allowed(h).some(c => !base.has(c));
    });
}

/** The names' largest delays below the horizon, and the drawn inits read H or more steps back (docs/simulation.md, States). */
function remembered(spec: CompiledSpec, env: CompiledEnvironment): { delays: Map<string, number>; inits: string[] } {
    const delays = new Map<string, number>(), far = new Set<string>();
    const walk = (e: Expr): void => {
        switch (e.kind) {
            case 'const': return;
            case 'ref':
                if (e.delay >= env.horizon) far.add(e.name);
                else if (e.delay >= 1) delays.set(e.name, Math.max(delays.get(e.name) ?? 0, e.delay));
                return;
            case 'unary': walk(e.operand); return;
            case 'binary': walk(e.left); walk(e.right); return;
            case 'if': walk(e.condition); walk(e.then); walk(e.else); return;
            case 'call': e.args.forEach(walk); return;
            case 'draw': e.options.forEach(o => walk(o.value)); return;
            case 'index': e.indices.forEach(walk); return;
        }
    };
    for (const n of env.nodes) if (n.rule) walk(n.rule);
    for (const o of spec.objectives) walk(o.expression);
    const inits = env.nodes.filter(n => far.has(n.name) && (n.initOutcomes?.length ?? 0) > 1).map(n => n.name);
    return { delays, inits };
}

/** The state a history is in: its step and what later steps can still read. */
export function stateKey(b: BruteEnv, h: History, memory = remembered(b.spec, b.env)): string {
    const parts = [String(h.steps.length)];
    for (const [name, d] of memory.delays) {
        for (let j = 1; j <= d; j++) parts.push(String(b.remembered(h, name, j) + 0));
    }
    for (const name of memory.inits) parts.push(String(h.init.get(name)! + 0));
    return parts.join(',');
}

/** The EPIC distance of two objectives in one environment by direct summation; null when a side does not vary. */
export function epicBrute(b: BruteEnv, x: string, y: string): number | null {
    const memory = remembered(b.spec, b.env);
    const gamma = b.env.discount;
    // One history per state, by layer.
    const states = new Map<string, History>();
    for (const h of b.histories()) {
        const k = stateKey(b, h, memory);
        if (!states.has(k)) states.set(k, h);
    }
    const e = (o: string, h: History, c: number): number => undiscounted(b, aggregateOf(b.spec, o), h.steps.length, b.reward(o, h, c));
    const avg = (o: string, h: History): number => {
        if (h.steps.length >= b.H) return 0;
        let s = 0;
        for (let c = 0; c < b.C; c++) s += e(o, h, c);
        return s / b.C;
    };
    const means = new Map<string, number>();
    const layerMean = (o: string, t: number): number => {
        if (t >= b.H) return 0;
        const key = `${o}@${t}`;
        if (!means.has(key)) {
            const layer = [...states.values()].filter(h => h.steps.length === t);
            means.set(key, layer.reduce((s, h) => s + avg(o, h), 0) / layer.length);
        }
        return means.get(key)!;
    };
    const canonical = (o: string, h: History, c: number, next: History): number =>
        e(o, h, c) + gamma * avg(o, next) - avg(o, h) - gamma * layerMean(o, h.steps.length + 1);
    // Every (state, choice) pair weighs the same; its outcomes weigh their probabilities.
    const samples: { w: number; cx: number; cy: number }[] = [];
    for (const h of states.values()) {
        for (let c = 0; c < b.C; c++) {
            for (const out of b.outcomes(h, c)) samples.push({ w: out.p, cx: canonical(x, h, c, out.h), cy: canonical(y, h, c, out.h) });
        }
    }
    const N = states.size * b.C;
    const mean = (f: (s: typeof samples[number]) => number): number => samples.reduce((a, s) => a + s.w * f(s), 0) / N;
    const mx = mean(s => s.cx), my = mean(s => s.cy);
    const cov = mean(s => (s.cx - mx) * (s.cy - my));
    const vx = mean(s => (s.cx - mx) ** 2), vy = mean(s => (s.cy - my) ** 2);
    const scale = (o: string): number => Math.max(...[...states.values()].flatMap(h => Array.from({ length: b.C }, (_, c) => Math.abs(e(o, h, c)))));
    if (Math.sqrt(vx) <= 1e-9 * scale(x) || Math.sqrt(vy) <= 1e-9 * scale(y)) return null;
    const rho = Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
    return Math.sqrt((1 - rho) / 2);
}
