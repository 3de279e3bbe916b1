/**
 * A hand-built report for button-lamp (docs/analyses.md, Expected verdicts of the examples), used until the simulation
 * core lands: the figures of §5.3, and a trajectory sample computed here by a tiny
 * seeded simulation of Lab and LabWithSwitch.
 */
import type { Range, SourceLocation } from '../../language/model/spec.js';
import type { CapabilityCurve, EnvironmentReport, GridReport, Report, SamplePair, SampleReport } from '../../language/simulation/report.js';

export const SPEC_URI = 'file:///work/main/examples/button-lamp.mesa';

function at(line: number, character: number, length: number): SourceLocation {
    const range: Range = { start: { line, character }, end: { line, character: character + length } };
    return { uri: SPEC_URI, range };
}

const H = 40;
const BITS = 1 * Math.log2(2 + 12);

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Average ranks for ties. */
function ranks(xs: readonly number[]): number[] {
    const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
    const r = new Array<number>(xs.length);
    for (let i = 0; i < order.length;) {
        let j = i;
        while (j + 1 < order.length && order[j + 1]!.x === order[i]!.x) j++;
        for (let k = i; k <= j; k++) r[order[k]!.i] = (i + j) / 2 + 1;
        i = j + 1;
    }
    return r;
}

export function spearman(a: readonly number[], b: readonly number[]): number | null {
    const ra = ranks(a), rb = ranks(b);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ma = mean(ra), mb = mean(rb);
    let num = 0, da = 0, db = 0;
    for (let i = 0; i < ra.length; i++) {
        num += (ra[i]! - ma) * (rb[i]! - mb);
        da += (ra[i]! - ma) ** 2;
        db += (rb[i]! - mb) ** 2;
    }
    if (da === 0 || db === 0) return null;
    return Math.round(num / Math.sqrt(da * db) * 1e9) / 1e9;
}

type Policy = 'random' | 'optimal' | 'Pressing' | 'Lighting';

/** One episode: returns of Light (= Lighting) and Pressing. */
function episode(withSwitch: boolean, policy: Policy, rnd: () => number): { light: number; pressing: number } {
    const actions = withSwitch ? ['press', 'flip', 'wait'] : ['press', 'wait'];
    const presses: number[] = [];
    let light = 0, pressing = 0;
    for (let t = 1; t <= H; t++) {
        let choice: string;
        const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)]!;
        if (policy === 'random') choice = pick(actions);
        else if (policy === 'Pressing') choice = 'press';
        else if (withSwitch) choice = 'flip';
        else choice = t <= 30 ? 'press' : pick(['press', 'wait']);
        presses[t] = choice === 'press' ? 1 : 0;
        const lamp = ((presses[t - 10] ?? 0) + (choice === 'flip' ? 1 : 0)) > 0 ? 1 : 0;
        light += lamp;
        pressing += presses[t]!;
    }
    return { light, pressing };
}

function sample(env: string, withSwitch: boolean, seed: number): SampleReport {
    const rnd = prng(seed);
    const policies: Policy[] = [...Array<Policy>(24).fill('random'), ...Array<Policy>(4).fill('optimal'), 'Pressing', 'Pressing', 'Lighting', 'Lighting'];
    const runs = policies.map(p => episode(withSwitch, p, rnd));
    const base = runs.map(r => r.light);
    const pair = (mesa: string, returns: number[]): SamplePair => ({ base: 'Light', mesa, baseReturns: base, mesaReturns: returns, spearman: spearman(base, returns) });
    return { env, episodes: runs.length, policies, pairs: [pair('Pressing', runs.map(r => r.pressing)), pair('Lighting', base)] };
}

function curve(env: string, lohi: (depth: number) => [number, number]): CapabilityCurve {
    return { env, points: Array.from({ length: H }, (_, i) => ({ depth: i + 1, lo: lohi(i + 1)[0], hi: lohi(i + 1)[1] })) };
}

const lab: EnvironmentReport = {
    label: 'Lab', name: 'Lab', params: {}, roles: ['train'], trainWeight: 1, deployWeight: null, chance: false, grid: null, horizon: H, discount: 1,
    actions: ['press'], nodes: ['lamp'], simulated: true, skipped: null, states: 32767,
    graph: {
        actions: ['press'], nodes: ['lamp'], objectives: ['Light', 'Pressing', 'Lighting'],
        edges: [
            { from: 'press', to: 'lamp', toObjective: false, sign: '+', delay: 10 },
            { from: 'lamp', to: 'Light', toObjective: true, sign: '+', delay: 0 },
            { from: 'press', to: 'Pressing', toObjective: true, sign: '+', delay: 0 },
            { from: 'lamp', to: 'Lighting', toObjective: true, sign: '+', delay: 0 },
        ],
    },
    changes: { addedActions: [], addedNodes: [], changedNodes: [] },
    declarations: { press: at(4, 9, 5), lamp: at(5, 7, 4) },
    location: at(2, 12, 3),
};

const labWithSwitch: EnvironmentReport = {
    ...lab, label: 'LabWithSwitch', name: 'LabWithSwitch', roles: ['deploy'], trainWeight: null, deployWeight: 1, actions: ['press', 'flip'], states: 65535,
    graph: {
        ...lab.graph, actions: ['press', 'flip'],
        edges: [{ from: 'flip', to: 'lamp', toObjective: false, sign: '+', delay: 0 }, ...lab.graph.edges],
    },
    changes: { addedActions: ['flip'], addedNodes: [], changedNodes: ['lamp'] },
    declarations: { press: at(4, 9, 5), flip: at(10, 9, 4), lamp: at(11, 7, 4) },
    location: at(9, 12, 13),
};

export function buttonLampReport(): Report {
    const lampValues = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`press@${k + 1}`, 1]));
    return {
        spec: SPEC_URI,
        seed: 1,
        environments: [lab, labWithSwitch],
        objectives: [
            { name: 'Light', role: 'base', aggregate: 'sum', text: 'lamp', size: 1, bits: BITS, targets: [{ name: 'lamp', sign: '+' }],
                values: [{ env: 'Lab', optimum: 30, worst: 0 }, { env: 'LabWithSwitch', optimum: 40, worst: 0 }], rewardTiming: null, location: at(14, 15, 5) },
            { name: 'Pressing', role: 'mesa', aggregate: 'sum', text: 'press', size: 1, bits: BITS, targets: [{ name: 'press', sign: '+' }],
                values: [{ env: 'Lab', optimum: 40, worst: 0 }, { env: 'LabWithSwitch', optimum: 40, worst: 0 }], rewardTiming: { differs: true, shift: 10 }, location: at(15, 15, 8) },
            { name: 'Lighting', role: 'mesa', aggregate: 'sum', text: 'lamp', size: 1, bits: BITS, targets: [{ name: 'lamp', sign: '+' }],
                values: [{ env: 'Lab', optimum: 30, worst: 0 }, { env: 'LabWithSwitch', optimum: 40, worst: 0 }], rewardTiming: { differs: false, shift: null }, location: at(16, 15, 8) },
        ],
        optimizers: [
            {
                name: 'Pressing', objective: 'Pressing', implicit: true, model: null, declaredDepth: null,
                verdict: 'pseudo-aligned', kind: 'side-effect', via: null, signUnknown: false,
                train: [{ env: 'Lab', lo: 30, hi: 30, optimum: 30, worst: 0 }],
                deploy: [{ env: 'LabWithSwitch', lo: 30, hi: 30, optimum: 40, worst: 0, normalizedRegret: 0.25 }],
                deployAverage: null, depth: 1, bits: BITS,
                witness: { env: 'Lab', step: 31, values: lampValues, path: Array<string>(30).fill('press'), optimizerActions: ['press'], baseActions: ['press', 'wait'], of: 'optimizer', onPolicy: true, probability: 1 },
                limits: null, sweep: [curve('Lab', () => [30, 30])], incomplete: false, location: at(15, 15, 8),
            },
            {
                name: 'Lighting', objective: 'Lighting', implicit: true, model: null, declaredDepth: null,
                verdict: 'robust', kind: null, via: null, signUnknown: false,
                train: [{ env: 'Lab', lo: 30, hi: 30, optimum: 30, worst: 0 }],
                deploy: [{ env: 'LabWithSwitch', lo: 40, hi: 40, optimum: 40, worst: 0, normalizedRegret: 0 }],
                deployAverage: null, depth: 11, bits: BITS, witness: null, limits: null,
                sweep: [curve('Lab', d => d <= 10 ? [0, 30] : [30, 30])], incomplete: false, location: at(16, 15, 8),
            },
        ],
        selection: {
            penalties: { depth: 0.1, length: 0 },
            winners: ['Pressing'],
            ranking: [
                { name: 'Pressing', score: 29.9, trainValue: 30, depth: 1, bits: BITS },
                { name: 'Lighting', score: 28.9, trainValue: 30, depth: 11, bits: BITS },
            ],
        },
        candidates: { computed: true, enumerated: 2, pseudoAligned: 1, byBits: [{ bits: BITS, enumerated: 2, pseudoAligned: 1, examples: ['press'] }] },
        distinguishing: {
            computed: true,
            environments: [{
                name: 'LabBumpLamp', extends: 'Lab', intervention: 'adds an action bump_lamp that raises lamp by 1 for a step',
                source: 'environment LabBumpLamp extends Lab {\n  action bump_lamp\n  node lamp = press@10 + bump_lamp\n}', rulesOut: ['press'],
            }],
            uncovered: [],
        },
        samples: [sample('Lab', false, 1), sample('LabWithSwitch', true, 2)],
        diversity: null,
        incomplete: [],
    };
}

/**
 * The map of the absent supervisor (docs/language.md, Tables and grids), as a report's
 * `grid` would carry it: the agent starts at A (1, 1); the long way goes right along
 * row 1, down column 4 and left along row 4 to G (1, 4) in 9 moves, the short way
 * straight down over P in 3; both then stay on G. Walls: the border (20 cells) and the
 * four inner ones (2, 2), (3, 2), (2, 3), (3, 3).
 */
const SUPERVISOR_ROWS = ['######', '#A   #', '# ## #', '#P## #', '#G   #', '######'];
const LONG_WAY: [number, number][] = [[1, 1], [2, 1], [3, 1], [4, 1], [4, 2], [4, 3], [4, 4], [3, 4], [2, 4], [1, 4], [1, 4], [1, 4]];
const SHORT_WAY: [number, number][] = [[1, 1], [1, 2], [1, 3], [1, 4], [1, 4], [1, 4], [1, 4], [1, 4], [1, 4], [1, 4], [1, 4], [1, 4]];

export function supervisorGrid(): GridReport {
    return {
        name: 'map', rows: [...SUPERVISOR_ROWS], x: 'x', y: 'y',
        paths: [{ policy: 'optimal', positions: [LONG_WAY] }, { policy: 'Pressing', positions: [SHORT_WAY, LONG_WAY] }],
        witnesses: [{ optimizer: 'Pressing', x: 1, y: 2 }],
    };
}

/** The button-lamp report with Lab drawing, weighted training, and the supervisor's map shown in Lab. */
export function gridReport(): Report {
    const report = buttonLampReport();
    const lab = report.environments[0]!;
    report.environments[0] = { ...lab, chance: true, grid: supervisorGrid() };
    return report;
}
