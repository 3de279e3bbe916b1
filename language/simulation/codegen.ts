/**
 * Compiles one environment to a JavaScript step function (via `new Function`) over
 * typed arrays: given the state at step t−1 and a choice, it computes every action
 * and node value at step t, the per-step reward of every objective that can be
 * evaluated there, and writes the next state's key. No allocation per step; wide
 * environments are cut into several functions V8 can optimise (step-source.ts).
 *
 * State layout: for each action or node read with a largest delay d ≥ 1 below the
 * horizon H, d slots holding its values at steps t, t−1, …, t−d+1 (slot j = value j
 * steps back). A delayed read x@k at step t reads slot k−1 of the previous state; the
 * initial state holds each node's init (and 0 for actions) in every slot. A read H or
 * more steps back lies before the episode at every step, so it is the init, a
 * constant, and takes no slot (docs/simulation.md, States), unless the init draws: then
 * one slot `x@init` keeps it. The nodes a grid shows as the agent's position are
 * remembered (slot `x@1`), so that every state says where the agent is.
 *
 * A draw is `$d(site)`, the option the current outcome takes there (chance.ts); an
 * indexing is `$ix(site, t, i)` or `$ix2(site, t, i, j)` (tables.ts).
 */
import { objectivesIn } from '../model/bind-parameters.js';
import type { CompiledEnvironment, CompiledObjective, Expr, InitOutcome, SourceLocation } from '../model/spec.js';
import { Draws, type InitDraw } from './chance.js';
import { OVERFLOW, SimulationError } from './errors.js';
import { CHUNK_CHARS, linkStep, stepParts, type Statement } from './step-source.js';
import { IndexSites } from './tables.js';

/** step(I, so, O, ko, choice, gamma^(t-1), t, R): reads the state at I[so..], writes the next key at O[ko..] (I and O may be the same array), rewards in R. */
export type StepFunction = (
    I: Float64Array, so: number, O: Float64Array, ko: number, choice: number, g: number, t: number, R: Float64Array,
) => void;

export interface CompiledEnv {
    env: CompiledEnvironment;
    /** Number of float64 slots of a state. */
    width: number;
    /** Choices: 0 = wait, i + 1 = env.actions[i]. */
    nChoices: number;
    choiceNames: string[];
    /** Slot names `x@k` (value k steps before the next step), in slot order. */
    slotNames: string[];
    /**
     * Per slot, the slot of the previous state whose value the step copies into it unchanged
     * (`x@k` from `x@(k−1)`, `x@init` from itself), or −1 for a value the step computes
     * (`x@1`). The state store re-uses the copied values' codes (state-store.ts).
     */
    carried: Int32Array;
    /** Objectives evaluable here, in spec order; R[i] is the reward of objectives[i]. */
    objectives: CompiledObjective[];
    initial: Float64Array;
    step: StepFunction;
    /** Names read by each objective that the environment lacks (for error messages). */
    missing: Map<string, string[]>;
    /** Rough cost of one step, in budget units (statements of the step plus the state's width, which hashing and copying touch). */
    cost: number;
    /** The draws of the rules; null when the step never draws. */
    draws: Draws | null;
    /** The nodes whose init draws, with the slots holding it at t = 0 (none: one initial state). */
    initDraws: InitDraw[];
}

/** Names an expression reads at the current step (without delay). */
function currentReads(e: Expr, into: Set<string>): void {
    switch (e.kind) {
        case 'const': return;
        case 'ref': if (e.delay <= 0) into.add(e.name); return;
        case 'unary': currentReads(e.operand, into); return;
        case 'binary': currentReads(e.left, into); currentReads(e.right, into); return;
        case 'if': currentReads(e.condition, into); currentReads(e.then, into); currentReads(e.else, into); return;
        case 'call': for (const x of e.args) currentReads(x, into); return;
        case 'draw': for (const o of e.options) currentReads(o.value, into); return;
        case 'index': for (const x of e.indices) currentReads(x, into); return;
    }
}

/** Names an expression reads, with the largest delay of each below `below` (a read `below` or more steps back counts as 0). */
export function collectReads(e: Expr, into: Map<string, number>, below = Infinity): void {
    switch (e.kind) {
        case 'const': return;
        case 'ref': into.set(e.name, Math.max(into.get(e.name) ?? 0, e.delay < below ? e.delay : 0)); return;
        case 'unary': collectReads(e.operand, into, below); return;
        case 'binary': collectReads(e.left, into, below); collectReads(e.right, into, below); return;
        case 'if': collectReads(e.condition, into, below); collectReads(e.then, into, below); collectReads(e.else, into, below); return;
        case 'call': for (const a of e.args) collectReads(a, into, below); return;
        case 'draw': for (const o of e.options) collectReads(o.value, into, below); return;
        case 'index': for (const a of e.indices) collectReads(a, into, below); return;
    }
}

/** The sub-expressions of e, in the order the generated code visits them. */
function children(e: Expr): Expr[] {
    switch (e.kind) {
        case 'const': case 'ref': return [];
        case 'unary': return [e.operand];
        case 'binary': return [e.left, e.right];
        case 'if': return [e.condition, e.then, e.else];
        case 'call': return e.args;
        case 'draw': return e.options.map(o => o.value);
        case 'index': return e.indices;
    }
}

/** The draws of an expression, in the order the generated code numbers them (a draw before its options). */
function drawsOf(e: Expr, into: Expr[]): Expr[] {
    if (e.kind === 'draw') into.push(e);
    for (const x of children(e)) drawsOf(x, into);
    return into;
}

/** Names an expression reads `below` or more steps back (at t ≤ H, such a read is the init). */
function longReads(e: Expr, below: number, into: Set<string>): void {
    if (e.kind === 'ref' && e.delay >= below) into.add(e.name);
    for (const x of children(e)) longReads(x, below, into);
}

/** The outcomes of an init that draws (more than one), else null. */
function drawnInit(n: { initOutcomes?: InitOutcome[] }): InitOutcome[] | null {
    return n.initOutcomes !== undefined && n.initOutcomes.length > 1 ? n.initOutcomes : null;
}

function literal(v: number): string {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '(-Infinity)';
    if (v === 0) return '0';
    return v < 0 ? `(${String(v)})` : String(v);
}

/**
 * An objective the step computes. One marked `undiscounted` gets its value at each step as
 * its reward there, not γ^(t−1) times it: the distinguishing search reads names' values
 * that way off the graphs it explores (adversarial/values.ts).
 */
export interface StepObjective extends CompiledObjective {
    undiscounted?: boolean;
}

/** Above this many slots, a name's history is shifted by a loop in the generated step. */
const SHIFT_LOOP = 32;

/** How a step is cut into parts (step-source.ts). */
export interface PartLimits {
    /** Characters of generated source of one part at most (tests pass small ones). */
    chunkChars?: number;
    /**
     * For the distinguishing search: a short step is cut into short parts, which the
     * search's many environments share (step-source.ts, `SEARCH_PART_STATEMENTS`).
     */
    search?: boolean;
}

/** Compiles an environment, its step cut into parts within `limits`. */
export function compileEnvironment(env: CompiledEnvironment, declaredObjectives: StepObjective[], limits: PartLimits = {}): CompiledEnv {
    // An objective reading a parameter reads this environment's value of it (model/bind-parameters.ts).
    const allObjectives = objectivesIn(declaredObjectives, env.params);
    // Values are numbered nodes first: an intervention that adds an action leaves every
    // node's number, and so the generated source of the parts, as it was (step-source.ts).
    const index = new Map<string, number>();
    env.nodes.forEach((n, i) => index.set(n.name, i));
    env.actions.forEach((a, j) => index.set(a, env.nodes.length + j));
    const nValues = env.actions.length + env.nodes.length;
    const nNodes = env.nodes.length;
    /** An action's value at the current step, written where it is read (it needs no statement). */
    const actionValue = (i: number): string => `(choice===${i - nNodes + 1}?1:0)`;

    const objectives: CompiledObjective[] = [];
    const missing = new Map<string, string[]>();
    // Only reads less than the horizon back need a slot (see the layout above).
    const H = env.horizon;
    const maxDelay = new Map<string, number>();
    for (const [name, d] of Object.entries(env.maxDelay)) if (index.has(name) && d < H) maxDelay.set(name, d);
    for (const n of env.nodes) if (n.rule) collectReads(n.rule, maxDelay, H);
    for (const o of allObjectives) {
        const reads = new Map<string, number>();
        collectReads(o.expression, reads, H);
        const lacks = [...reads.keys()].filter(n => !index.has(n));
        if (lacks.length > 0) { missing.set(o.name, lacks); continue; }
        objectives.push(o);
        for (const [n, d] of reads) maxDelay.set(n, Math.max(maxDelay.get(n) ?? 0, d));
    }
    // The agent's position on a shown grid is remembered, whatever reads it.
    for (const n of env.show ? [env.show.x, env.show.y] : []) if (index.has(n)) maxDelay.set(n, Math.max(maxDelay.get(n) ?? 0, 1));
    // An init that draws, read H or more steps back, is kept in a slot of its own.
    const long = new Set<string>();
    for (const n of env.nodes) if (n.rule) longReads(n.rule, H, long);
    for (const o of objectives) longReads(o.expression, H, long);
    const keepsInit = env.nodes.filter(n => long.has(n.name) && drawnInit(n) !== null).map(n => n.name);

    // Slot layout, in action-then-node order; no slot for what lies before the episode at every step.
    const slotBase = new Map<string, number>();
    const slotNames: string[] = [];
    const initial: number[] = [];
    const initOf = new Map<string, number>();
    const ordered = [...env.actions.map(a => ({ name: a, init: 0 })), ...env.nodes.map(n => ({ name: n.name, init: n.init }))];
    for (const { name, init } of ordered) {
        initOf.set(name, init);
        const d = maxDelay.get(name) ?? 0;
        if (d <= 0) continue;
        slotBase.set(name, slotNames.length);
        for (let j = 0; j < d; j++) { slotNames.push(`${name}@${j + 1}`); initial.push(init + 0); }
    }
    const initSlot = new Map<string, number>();
    for (const name of keepsInit) {
        initSlot.set(name, slotNames.length);
        slotNames.push(`${name}@init`);
        initial.push(initOf.get(name)! + 0);
    }
    const width = slotNames.length;
    const carried = new Int32Array(width).fill(-1);
    for (const [name, base] of slotBase) for (let j = 1; j < maxDelay.get(name)!; j++) carried[base + j] = base + j - 1;
    for (const j of initSlot.values()) carried[j] = j;
    const initDraws: InitDraw[] = [];
    for (const n of env.nodes) {
        const outcomes = drawnInit(n);
        if (!outcomes) continue;
        const base = slotBase.get(n.name), slots: number[] = [];
        if (base !== undefined) for (let j = 0; j < maxDelay.get(n.name)!; j++) slots.push(base + j);
        if (initSlot.has(n.name)) slots.push(initSlot.get(n.name)!);
        if (slots.length > 0) initDraws.push({ slots, values: outcomes.map(o => o.value), probabilities: outcomes.map(o => o.p) });
    }

    // Draw sites, numbered per statement in the order the code visits them (`drawAt` counts
    // while one statement is emitted: statements are emitted twice); indexing sites.
    const drawSites: Expr[] = [];
    let drawAt = 0;
    const tables = new IndexSites(env.label);

    // Division sites, by location (statements are emitted twice, so each site is numbered once).
    const locations: (SourceLocation | undefined)[] = [];
    const siteOf = new Map<SourceLocation | undefined, number>();
    const locationOf = (l: SourceLocation | undefined): number => {
        let k = siteOf.get(l);
        if (k === undefined) { k = locations.length; locations.push(l); siteOf.set(l, k); }
        return k;
    };
    /** Source of e; `value(i)` reads value i of the current step. */
    const gen = (e: Expr, value: (i: number) => string): string => {
        const rec = (x: Expr): string => gen(x, value);
        switch (e.kind) {
            case 'const': return literal(e.value);
            case 'ref': {
                const i = index.get(e.name);
                if (i === undefined) throw new SimulationError(`'${e.name}' is not a name of environment ${env.label}`, env.location);
                if (e.delay <= 0) return i >= nNodes ? actionValue(i) : value(i);
                if (e.delay >= H) return initSlot.has(e.name) ? `I[so+${initSlot.get(e.name)!}]` : literal(initOf.get(e.name)! + 0);
                return `I[so+${slotBase.get(e.name)! + e.delay - 1}]`;
            }
            case 'unary': return e.op === '-' ? `(-${rec(e.operand)})` : `(${rec(e.operand)}===0?1:0)`;
            case 'binary': {
                const l = rec(e.left), r = rec(e.right);
                switch (e.op) {
                    case '+': case '-': case '*': return `(${l}${e.op}${r})`;
                    case '/': return `$div(${l},${r},${locationOf(e.location)})`;
                    case '==': return `(${l}===${r}?1:0)`;
                    case '!=': return `(${l}!==${r}?1:0)`;
                    case '<': case '<=': case '>': case '>=': return `(${l}${e.op}${r}?1:0)`;
                    case 'and': return `(${l}!==0&&${r}!==0?1:0)`;
                    case 'or': return `(${l}!==0||${r}!==0?1:0)`;
                }
                break;
            }
            case 'if': return `(${rec(e.condition)}!==0?${rec(e.then)}:${rec(e.else)})`;
            case 'call': {
                const a = e.args.map(rec);
                switch (e.fn) {
                    case 'min': return a.length === 1 ? a[0]! : `Math.min(${a.join(',')})`;
                    case 'max': return a.length === 1 ? a[0]! : `Math.max(${a.join(',')})`;
                    case 'abs': return `Math.abs(${a[0]})`;
                    case 'clamp': return `Math.min(Math.max(${a[0]},${a[1]}),${a[2]})`;
                }
                break;
            }
            case 'draw': {
                const k = drawAt++;
                if (drawSites[k] !== e) throw new Error(`draw sites of ${env.label} out of order`);
                const values = e.options.map(o => o.value);
                const constants = values.map(v => (v.kind === 'const' ? v.value : NaN));
                // Consecutive constants (bernoulli, uniform): the option's number plus the first.
                if (constants.every((v, i) => v === constants[0]! + i)) return constants[0] === 0 ? `$d(${k})` : `(${literal(constants[0]!)}+$d(${k}))`;
                // Otherwise only the chosen option is evaluated (its own draws included).
                const arms = values.map(rec);
                let out = arms[arms.length - 1]!;
                for (let i = arms.length - 2; i >= 0; i--) out = `($d(${k})===${i}?${arms[i]}:${out})`;
                return out;
            }
            case 'index': {
                const k = tables.site(e);
                const at = e.indices.map(rec);
                if (e.shape.length === 1 && at.length === 1) return `$ix(${k},t,${at[0]})`;
                if (e.shape.length === 2 && at.length === 2) return `$ix2(${k},t,${at[0]},${at[1]})`;
                throw new SimulationError(`${e.table} has ${e.shape.length} dimension${e.shape.length === 1 ? '' : 's'}, not ${at.length}`, e.location);
            }
        }
        throw new Error(`unknown expression ${JSON.stringify(e)}`);
    };

    const statements: Statement[] = [];
    const readsOf = (e: Expr): number[] => {
        const r = new Set<string>();
        currentReads(e, r);
        return [...r].map(n => index.get(n)!).filter(i => i < nNodes);
    };
    /** `emit` of an expression's statement, numbering its draws from where they start. */
    const emitting = (e: Expr, emit: (v: (i: number) => string) => string): Statement['emit'] => {
        const first = drawSites.length;
        drawsOf(e, drawSites);
        return v => { drawAt = first; return emit(v); };
    };
    // What each finiteness check names: a node (site i: node i), else objective i − nodes.length's reward.
    env.nodes.forEach((n, i) => {
        const rule = n.rule;
        if (!rule) throw new SimulationError(`node ${n.name} of ${env.label} is qualitative`, n.location);
        statements.push({ defines: i, reads: readsOf(rule), emit: emitting(rule, v => gen(rule, v)), finite: i });
    });
    objectives.forEach((o, i) => {
        const final = o.aggregate === 'final';
        const check = `if(R[${i}]-R[${i}]!==0)$nf(${env.nodes.length + i},t,R[${i}]);`;
        statements.push({
            defines: -1,
            reads: readsOf(o.expression),
            emit: emitting(o.expression, v => (final ? `R[${i}]=t===${env.horizon}?${gen(o.expression, v)}:0;` : `R[${i}]=${(o as StepObjective).undiscounted ? '' : 'g*'}${gen(o.expression, v)};`) + check),
        });
    });
    for (const [name, base] of slotBase) {
        const d = maxDelay.get(name)!;
        if (d > SHIFT_LOOP) {
            // A long history is shifted by one loop, not by a statement per slot.
            statements.push({ defines: -1, reads: [], emit: () => `for(let j=${base + d - 1};j>${base};j--)O[ko+j]=I[so+j-1];` });
        } else {
            for (let j = d - 1; j >= 1; j--) statements.push({ defines: -1, reads: [], emit: () => `O[ko+${base + j}]=I[so+${base + j - 1}];` });
        }
        const i = index.get(name)!;
        // `+ 0` turns −0 into 0, so that equal states have equal bits.
        if (i >= nNodes) statements.push({ defines: -1, reads: [], emit: () => `O[ko+${base}]=${actionValue(i)};` });
        else statements.push({ defines: -1, reads: [i], emit: v => `O[ko+${base}]=${v(i)}+0;` });
    }
    for (const j of initSlot.values()) statements.push({ defines: -1, reads: [], emit: () => `O[ko+${j}]=I[so+${j}];` });
    const div = (l: number, r: number, k: number): number => {
        if (r === 0) {
            throw new SimulationError(`Division by zero in ${env.label}: this divisor is 0 in a reachable state; guard it, e.g. \`if d == 0 then 0 else n / d\`.`, locations[k]);
        }
        return l / r;
    };
    // A value that is not a finite number (docs/simulation.md, Run-time errors).
    const nonFinite = (site: number, t: number, value: number): never => {
        const node = env.nodes[site];
        const objective = objectives[site - env.nodes.length];
        const what = node ? `Node ${node.name} of ${env.label}` : `The reward of objective ${objective?.name} in ${env.label}`;
        throw new SimulationError(`${what} is ${String(value)} at step ${t}, in a reachable state: ${OVERFLOW}.`,
            node ? node.location : objective?.location);
    };
    const c = new Float64Array(Math.max(1, nValues));
    const parts = stepParts(statements, limits.chunkChars ?? CHUNK_CHARS, limits.search === true);
    const draws = drawSites.length > 0
        ? new Draws(drawSites.map(d => (d as Extract<Expr, { kind: 'draw' }>).options.map(o => o.p)))
        : null;
    const helpers = { div, nf: nonFinite, draw: draws?.draw, index1: tables.index1, index2: tables.index2 };
    return {
        env,
        width,
        nChoices: env.actions.length + 1,
        choiceNames: ['wait', ...env.actions],
        slotNames,
        carried,
        objectives,
        initial: Float64Array.from(initial),
        step: linkStep(parts, helpers, c),
        missing,
        cost: statements.length + width,
        draws,
        initDraws,
    };
}
