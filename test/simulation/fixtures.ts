/**
 * Hand-built compiled specs of the examples in examples/*.mesa (flattened through
 * `extends`, nodes in evaluation order, causal edges with signs and delays written
 * out by hand), plus a small builder for other test specs.
 */
import type {
    CausalEdge, CompiledEnvironment, CompiledNode, CompiledObjective, CompiledOptimizer, CompiledSpec, Expr, InitOutcome, Sign, SourceLocation,
} from '../../language/model/spec.js';
import { collectReads } from '../../language/simulation/codegen.js';
import { parseExpr, type TableValue } from './expr-parser.js';

const at = (line = 0): SourceLocation => ({ uri: 'test:///fixture', range: { start: { line, character: 0 }, end: { line, character: 1 } } });

export interface EnvDef {
    label: string;
    name?: string;
    params?: Record<string, number>;
    horizon: number;
    discount?: number;
    actions: string[];
    /** [name, rule, init] in evaluation order; an init may draw (`'bernoulli(0.5)'`). */
    nodes?: [string, string, (number | string)?][];
    /** Tables the rules index, by name; a grid is given by its rows (`grids`). */
    tables?: Record<string, TableValue>;
    grids?: Record<string, string[]>;
    /** `show grid at (x, y)`. */
    show?: { grid: string; x: string; y: string };
    /** Qualitative nodes: [name, signed parents]. */
    qualitative?: [string, [string, '+' | '-'][]][];
    /** Causal edges into nodes: [from, to, sign, delay]. */
    edges?: [string, string, Sign, number][];
    /** Causal edges into objectives: [from, objective, sign]. */
    objectiveEdges?: [string, string, Sign][];
}

export interface SpecDef {
    name: string;
    envs: EnvDef[];
    objectives: ['base' | 'mesa', string, string][];
    optimizers?: { name: string; objective: string; model?: string; models?: Record<string, string>; depth?: number }[];
    train: string[];
    deploy?: string[];
    select?: { depth?: number; length?: number };
    /** Weights of the uses, parallel to `train` and `deploy` (normalised); none: equal. */
    weights?: { train?: number[]; deploy?: number[] };
}

/** Whether an expression draws. */
function draws(e: Expr): boolean {
    switch (e.kind) {
        case 'const': case 'ref': return false;
        case 'unary': return draws(e.operand);
        case 'binary': return draws(e.left) || draws(e.right);
        case 'if': return draws(e.condition) || draws(e.then) || draws(e.else);
        case 'call': return e.args.some(draws);
        case 'draw': return true;
        case 'index': return e.indices.some(draws);
    }
}

/** A node's init: a number, or a draw of numbers (its outcomes merged by value; `init` the most probable, the first on ties). */
function initOf(init: number | string | undefined): Pick<CompiledNode, 'init' | 'initOutcomes'> {
    if (init === undefined || typeof init === 'number') return { init: init ?? 0 };
    const e = parseExpr(init).expr;
    if (e.kind !== 'draw') return { init: e.kind === 'const' ? e.value : NaN };
    const outcomes: InitOutcome[] = [];
    for (const o of e.options) {
        const v = o.value;
        const value = v.kind === 'const' ? v.value : v.kind === 'unary' && v.op === '-' && v.operand.kind === 'const' ? -v.operand.value : NaN;
        if (Number.isNaN(value)) throw new Error(`an init draws numbers only: ${init}`);
        const same = outcomes.find(x => x.value === value);
        if (same) same.p += o.p; else outcomes.push({ value, p: o.p });
    }
    const best = outcomes.reduce((a, b) => (b.p > a.p ? b : a));
    return outcomes.length > 1 ? { init: best.value, initOutcomes: outcomes } : { init: best.value };
}

const normalised = (ws: number[] | undefined, n: number): number[] => {
    const w = ws ?? Array.from({ length: n }, () => 1);
    const total = w.reduce((a, b) => a + b, 0);
    return w.map(x => x / total);
};

export function buildSpec(def: SpecDef): CompiledSpec {
    const objectives: CompiledObjective[] = def.objectives.map(([role, name, text], i) => {
        const p = parseExpr(text);
        return { name, role, aggregate: p.aggregate, expression: p.expr, size: p.size, text, location: at(100 + i) };
    });
    const environments = def.envs.map((e, k): CompiledEnvironment => {
        const tables: Record<string, TableValue> = { ...e.tables };
        for (const [name, rows] of Object.entries(e.grids ?? {})) tables[name] = rows.map(r => Array.from(r, ch => ch.charCodeAt(0)));
        const nodes = (e.nodes ?? []).map(([name, rule, init], i) => ({
            name, ...initOf(init), rule: parseExpr(rule, tables).expr, location: at(10 * k + i),
        }));
        const qual = (e.qualitative ?? []).map(([name, parents], i) => ({
            name, init: 0, parents: parents.map(([n, sign]) => ({ name: n, sign })), location: at(10 * k + i),
        }));
        const allNodes = [...nodes, ...qual];
        const names = new Set([...e.actions, ...allNodes.map(n => n.name)]);
        const reads = new Map<string, number>();
        for (const n of nodes) collectReads(n.rule, reads);
        const evaluable = objectives.filter(o => {
            const r = new Map<string, number>();
            collectReads(o.expression, r);
            return [...r.keys()].every(n => names.has(n));
        });
        for (const o of evaluable) collectReads(o.expression, reads);
        const maxDelay: Record<string, number> = {};
        for (const n of names) maxDelay[n] = reads.get(n) ?? 0;
        const edges: CausalEdge[] = [
            ...(e.edges ?? []).map(([from, to, sign, delay]) => ({ from, to, toObjective: false, sign, delay })),
            ...qual.flatMap(q => q.parents.map(p => ({ from: p.name, to: q.name, toObjective: false, sign: p.sign, delay: 0 }))),
            ...(e.objectiveEdges ?? []).map(([from, to, sign]) => ({ from, to, toObjective: true, sign, delay: 0 })),
        ];
        return {
            label: e.label,
            name: e.name ?? e.label,
            params: e.params ?? {},
            horizon: e.horizon,
            discount: e.discount ?? 1,
            actions: e.actions,
            nodes: allNodes,
            qualitative: qual.length > 0,
            maxDelay,
            graph: { actions: e.actions, nodes: allNodes.map(n => n.name), objectives: evaluable.map(o => o.name), edges },
            location: at(10 * k),
            actionLocations: Object.fromEntries(e.actions.map((a, i) => [a, at(10 * k + 9 - i)])),
            chance: nodes.some(n => n.initOutcomes !== undefined || draws(n.rule)),
            ...(e.show ? { show: { ...e.show, rows: e.grids?.[e.show.grid] ?? [], location: at(10 * k + 8) } } : {}),
        };
    });
    const optimizers: CompiledOptimizer[] = (def.optimizers ?? []).map((o, i) => ({ ...o, location: at(200 + i) }));
    return {
        uri: `test:///${def.name}.mesa`,
        environments,
        train: def.train,
        deploy: def.deploy ?? [],
        weights: { train: normalised(def.weights?.train, def.train.length), deploy: normalised(def.weights?.deploy, (def.deploy ?? []).length) },
        weighted: def.weights !== undefined,
        objectives,
        base: objectives.find(o => o.role === 'base')!.name,
        optimizers,
        select: { depth: def.select?.depth ?? 0, length: def.select?.length ?? 0 },
        locations: {},
    };
}

export const buttonLamp = buildSpec({
    name: 'button-lamp',
    envs: [
        {
            label: 'Lab', horizon: 40, actions: ['press'], nodes: [['lamp', 'press@10']],
            edges: [['press', 'lamp', '+', 10]],
            objectiveEdges: [['lamp', 'Light', '+'], ['press', 'Pressing', '+'], ['lamp', 'Lighting', '+']],
        },
        {
            label: 'LabWithSwitch', horizon: 40, actions: ['press', 'flip'], nodes: [['lamp', 'press@10 + flip > 0']],
            edges: [['press', 'lamp', '+', 10], ['flip', 'lamp', '+', 0]],
            objectiveEdges: [['lamp', 'Light', '+'], ['press', 'Pressing', '+'], ['lamp', 'Lighting', '+']],
        },
    ],
    objectives: [['base', 'Light', 'lamp'], ['mesa', 'Pressing', 'press'], ['mesa', 'Lighting', 'lamp']],
    train: ['Lab'], deploy: ['LabWithSwitch'], select: { depth: 0.1 },
});

const roomEdges = (cleaned: string): [string, string, Sign, number][] => [
    ['sweep', cleaned, '+', 0], ['floor', cleaned, '+', 1],
    ['floor', 'floor', '+', 1], [cleaned, 'floor', '-', 0],
    ['bin', 'bin', '+', 1], [cleaned, 'bin', '+', 0],
];

export const cleaning = buildSpec({
    name: 'cleaning',
    envs: [
        {
            label: 'Room', horizon: 12, actions: ['sweep'],
            nodes: [['dusty_sweeps', 'sweep * (floor@1 > 0)'], ['floor', 'floor@1 - dusty_sweeps', 6], ['bin', 'bin@1 + dusty_sweeps']],
            edges: roomEdges('dusty_sweeps'),
            objectiveEdges: [['floor', 'Clean', '-'], ['dusty_sweeps', 'Sweeping', '+'], ['bin', 'Vacuuming', '+']],
        },
        {
            label: 'Home', horizon: 12, actions: ['sweep', 'scatter'],
            nodes: [
                ['dusty_sweeps', 'sweep * (floor@1 > 0)'],
                ['floor', 'floor@1 - dusty_sweeps + scatter * bin@1', 6],
                ['bin', 'bin@1 + dusty_sweeps - scatter * bin@1'],
            ],
            edges: [
                ['sweep', 'dusty_sweeps', '+', 0], ['floor', 'dusty_sweeps', '+', 1],
                ['floor', 'floor', '+', 1], ['dusty_sweeps', 'floor', '-', 0], ['scatter', 'floor', '+', 0], ['bin', 'floor', '+', 1],
                ['bin', 'bin', '±', 1], ['dusty_sweeps', 'bin', '+', 0], ['scatter', 'bin', '-', 0],
            ],
            objectiveEdges: [['floor', 'Clean', '-'], ['dusty_sweeps', 'Sweeping', '+'], ['bin', 'Vacuuming', '+']],
        },
    ],
    objectives: [['base', 'Clean', '-floor'], ['mesa', 'Sweeping', 'dusty_sweeps'], ['mesa', 'Vacuuming', 'final(bin)']],
    train: ['Room'], deploy: ['Home'],
});

const roomNodes: [string, string, number?][] = [
    ['cleaned', 'sweep * (floor@1 > 0)'], ['floor', 'floor@1 - cleaned', 6], ['bin', 'bin@1 + cleaned'],
];

export const garden = buildSpec({
    name: 'garden',
    envs: [
        {
            label: 'Room', horizon: 12, actions: ['sweep'], nodes: roomNodes, edges: roomEdges('cleaned'),
            objectiveEdges: [['cleaned', 'Cleaning', '+'], ['bin', 'Hoarding', '+']],
        },
        {
            label: 'Garden', horizon: 12, actions: ['sweep', 'vacuum_plant'],
            nodes: [roomNodes[0]!, roomNodes[1]!, ['bin', 'bin@1 + cleaned + 3 * vacuum_plant']],
            edges: [...roomEdges('cleaned'), ['vacuum_plant', 'bin', '+', 0]],
            objectiveEdges: [['cleaned', 'Cleaning', '+'], ['bin', 'Hoarding', '+']],
        },
    ],
    objectives: [['base', 'Cleaning', 'cleaned'], ['mesa', 'Hoarding', 'final(bin)']],
    train: ['Room'], deploy: ['Garden'],
});

export const believer = buildSpec({
    name: 'believer',
    envs: [
        {
            label: 'Room', horizon: 12, actions: ['sweep'], nodes: roomNodes, edges: roomEdges('cleaned'),
            objectiveEdges: [['floor', 'Clean', '-'], ['floor', 'Minimalism', '-'], ['bin', 'Minimalism', '-']],
        },
        {
            label: 'DustVanishes', horizon: 12, actions: ['sweep'],
            nodes: [roomNodes[0]!, roomNodes[1]!, ['bin', '0']],
            edges: roomEdges('cleaned').filter(([, to]) => to !== 'bin'),
            objectiveEdges: [['floor', 'Clean', '-'], ['floor', 'Minimalism', '-'], ['bin', 'Minimalism', '-']],
        },
    ],
    objectives: [['base', 'Clean', '-floor'], ['mesa', 'Minimalism', '-(floor + bin)']],
    optimizers: [{ name: 'Believer', objective: 'Minimalism', model: 'DustVanishes' }],
    train: ['Room'], deploy: ['Room'],
});

export const shop = buildSpec({
    name: 'shop',
    envs: [{
        label: 'Shop', horizon: 12, actions: ['sell', 'groom'],
        nodes: [
            ['groomed', 'min(groomed@1 + groom, 4)'],
            ['scam', 'sell * (groomed@1 >= 4)'],
            ['honest', 'sell - scam'],
            ['commission', 'honest + 10 * scam'],
            ['satisfaction', 'honest - 5 * scam'],
        ],
        edges: [
            ['groomed', 'groomed', '+', 1], ['groom', 'groomed', '+', 0],
            ['sell', 'scam', '+', 0], ['groomed', 'scam', '+', 1],
            ['sell', 'honest', '+', 0], ['scam', 'honest', '-', 0],
            ['honest', 'commission', '+', 0], ['scam', 'commission', '+', 0],
            ['honest', 'satisfaction', '+', 0], ['scam', 'satisfaction', '-', 0],
        ],
        objectiveEdges: [['satisfaction', 'Satisfaction', '+'], ['commission', 'Commission', '+']],
    }],
    objectives: [['base', 'Satisfaction', 'satisfaction'], ['mesa', 'Commission', 'commission']],
    optimizers: [{ name: 'Novice', objective: 'Commission', depth: 3 }],
    train: ['Shop'], deploy: ['Shop'],
});

export const thermostat = buildSpec({
    name: 'thermostat',
    envs: [
        {
            label: 'Radiator', horizon: 8, actions: ['heat', 'cool'], nodes: [['temp', 'temp@1 + heat - cool', 18]],
            edges: [['temp', 'temp', '+', 1], ['heat', 'temp', '+', 0], ['cool', 'temp', '-', 0]],
            objectiveEdges: [['temp', 'Comfort', '±'], ['temp', 'RoughComfort', '±']],
        },
        {
            label: 'Thermostat', horizon: 8, actions: ['heat', 'cool', 'nudge'],
            nodes: [['temp', 'temp@1 + heat - cool + 0.2 * nudge', 18]],
            edges: [['temp', 'temp', '+', 1], ['heat', 'temp', '+', 0], ['cool', 'temp', '-', 0], ['nudge', 'temp', '+', 0]],
            objectiveEdges: [['temp', 'Comfort', '±'], ['temp', 'RoughComfort', '±']],
        },
    ],
    objectives: [['base', 'Comfort', '-abs(temp - 21.4)'], ['mesa', 'RoughComfort', '-abs(temp - 21)']],
    train: ['Radiator'], deploy: ['Thermostat'],
});

export const evolution = buildSpec({
    name: 'evolution',
    envs: [{
        label: 'Ancestral', horizon: 1, actions: ['forage', 'cooperate', 'court'],
        qualitative: [
            ['food', [['forage', '+']]], ['community', [['cooperate', '+']]], ['pain', [['forage', '-']]],
            ['mating', [['community', '+'], ['court', '+']]],
            ['survival', [['food', '+'], ['community', '+'], ['pain', '-']]],
            ['offspring', [['survival', '+'], ['mating', '+']]],
        ],
        objectiveEdges: [['offspring', 'Fitness', '+'], ['food', 'Pleasure', '+'], ['mating', 'Pleasure', '+'], ['pain', 'Pleasure', '-']],
    }],
    objectives: [['base', 'Fitness', 'offspring'], ['mesa', 'Pleasure', 'food + mating - pain']],
    train: ['Ancestral'],
});
