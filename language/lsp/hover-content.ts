/**
 * The markdown of Mesa's hovers (docs/editor.md, Features), as pure functions of the AST and, when the
 * document compiles, of the compiled model: a node's rule, parents and children with
 * signs and delays and the objectives reading it; an action's readers; an objective's
 * targets, bits and verdict; an environment's horizon, actions, nodes and `extends` chain.
 * The first time `bits` or `depth` appears in a hover, a line in plain words says what
 * it means (docs/simulation.md, Capability sweep and Description length).
 */
import { AstUtils } from 'langium';
import type { Action, Environment, Node, Objective, Optimizer, Parameter, Spec } from '../generated/ast.js';
import { isDepthSetting, isModelSetting, isNameReference, isObjective, isObjectiveSetting, isRangeSetting } from '../generated/ast.js';
import type { CausalEdge, CompiledEnvironment, CompiledSpec, Sign } from '../model/spec.js';
import { flattenEnvironment } from '../compile/environments.js';
import { bits, trainingNames } from '../simulation/select.js';
import type { DistinguishedBy } from '../simulation/report.js';
import { firstTrainingEnvironment } from './document-model.js';

/** The terms a hover explains where it first uses them. */
export type Term = 'bits' | 'depth';

/** What each term means, in plain words (docs/simulation.md, Optimizers, Capability sweep, Description length). */
export const TERM_EXPLANATIONS: Readonly<Record<Term, string>> = {
    bits: '_Bits_: how long the objective is to write down, its size (names, numbers, operators) times the bits one of them takes. '
        + '`penalty length` in `select` counts them against it.',
    depth: '_Depth_: how many steps ahead an optimizer looks when it chooses, the current step included (unlimited: to the end of the episode). '
        + 'A verdict gives the depth the optimizer needs: its declared one, or the fewest steps of look-ahead that reach its own objective\'s best in training. '
        + '`penalty depth` in `select` counts it against the optimizer.',
};

/** The hover of the keywords `depth` and `length` (in an optimizer or a `select` penalty). */
export function keywordHover(keyword: string): string | undefined {
    if (keyword === 'depth') return `**depth**\n\n${TERM_EXPLANATIONS.depth}`;
    if (keyword === 'length') return `**length**: the objective's description length, in bits\n\n${TERM_EXPLANATIONS.bits}`;
    return undefined;
}

/** The terms a hover has explained so far: each is explained once, where it first appears. */
export class Explained {
    private readonly done = new Set<Term>();

    /** The explanation of `term` the first time it is asked for, then nothing. */
    first(term: Term): string[] {
        if (this.done.has(term)) return [];
        this.done.add(term);
        return [TERM_EXPLANATIONS[term]];
    }
}

/** Signs as the editor shows them (a real minus sign). */
export function showSign(sign: Sign | '+' | '-'): string {
    return sign === '-' ? '−' : sign;
}

const code = (name: string) => `\`${name}\``;

function edgeText(name: string, edge: { sign?: Sign; delay: number }): string {
    const sign = edge.sign ? showSign(edge.sign) : '';
    const delay = edge.delay > 0 ? `@${edge.delay}` : '';
    const note = [sign, delay].filter(s => s).join(' ');
    return note ? `${code(name)} (${note})` : code(name);
}

function list(label: string, items: string[]): string {
    return `**${label}:** ${items.length > 0 ? items.join(', ') : 'none'}`;
}

/** The text of a node as written, on one line; empty for a part the parser could not read (half-typed text). */
function sourceText(node: { $cstNode?: { text: string } } | undefined): string {
    return (node?.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
}

function block(text: string): string {
    return '```mesa\n' + text + '\n```';
}

/** Distinct (name, delay) reads of an AST subtree, for the syntax-level fallback. */
function syntaxReads(root: Node | Objective): { name: string; delay: number }[] {
    const seen = new Map<string, { name: string; delay: number }>();
    for (const ref of AstUtils.streamAst(root).filter(isNameReference)) {
        const delay = ref.delay ?? 0;
        seen.set(`${ref.target.$refText}@${delay}`, { name: ref.target.$refText, delay });
    }
    return [...seen.values()];
}

function objectivesOf(spec: Spec): Objective[] {
    return spec.declarations.filter(isObjective);
}

/** Who reads `name`: nodes and objectives, with signs and delays when the model is known. */
function readers(name: string, env: Environment, compiled: CompiledEnvironment | undefined): string[] {
    if (compiled) {
        const edges = compiled.graph.edges.filter(e => e.from === name);
        return [
            list('Read by nodes', edges.filter(e => !e.toObjective).map(e => edgeText(e.to, e))),
            list('Read by objectives', edges.filter(e => e.toObjective).map(e => edgeText(e.to, e))),
        ];
    }
    const nodes = flattenEnvironment(env).nodes
        .flatMap(n => [...syntaxReads(n).filter(r => r.name === name).map(r => edgeText(n.name, r)),
            ...n.parents.filter(p => p.target?.$refText === name).map(p => edgeText(n.name, { sign: p.sign as Sign, delay: 0 }))]);
    const spec = AstUtils.getContainerOfType(env, (n): n is Spec => n.$type === 'Spec');
    const objectives = (spec ? objectivesOf(spec) : [])
        .flatMap(o => syntaxReads(o).filter(r => r.name === name).map(r => edgeText(o.name, r)));
    return [list('Read by nodes', nodes), list('Read by objectives', objectives)];
}

export function nodeHover(node: Node, env: Environment, compiled: CompiledEnvironment | undefined): string {
    const header = `**node** ${code(node.name)} in environment ${code(env.name)}${node.qualitative ? ' (qualitative)' : ''}`;
    let parents: string[];
    if (compiled) {
        parents = compiled.graph.edges.filter(e => e.to === node.name && !e.toObjective).map(e => edgeText(e.from, e));
    } else if (node.qualitative) {
        // A parent the parser recovered without its name (half-typed) has no target yet.
        parents = node.parents.filter(p => p.target).map(p => edgeText(p.target.$refText, { sign: p.sign as Sign, delay: 0 }));
    } else {
        parents = node.rule ? syntaxReads(node).map(r => edgeText(r.name, r)) : [];
    }
    return [header, block(sourceText(node)), list('Parents', parents), ...readers(node.name, env, compiled)].join('\n\n');
}

export function actionHover(action: Action, env: Environment, compiled: CompiledEnvironment | undefined): string {
    return [`**action** ${code(action.name)} in environment ${code(env.name)}`, ...readers(action.name, env, compiled)].join('\n\n');
}

export function parameterHover(parameter: Parameter): string {
    const env = parameter.$container;
    return `**parameter** ${code(parameter.name)} of environment ${code(env.name)}: integer in ${parameter.low}..${parameter.high}`;
}

export function environmentHover(env: Environment): string {
    const flat = flattenEnvironment(env);
    const chain = flat.chain.map(e => code(e.name)).join(' → ') + (flat.cyclic ? ' (cyclic)' : '');
    const lines = [
        `**environment** ${code(env.name)}`,
        `**Horizon:** ${flat.horizon ?? 'missing'} · **discount:** ${flat.discount ?? 1}`,
        list('Actions', flat.actions.map(a => code(a.name))),
        `**Nodes:** ${flat.nodes.length}${flat.qualitative ? ' (qualitative: analysed, not simulated)' : ''}`,
    ];
    if (flat.parameters.length > 0) {
        lines.push(list('Parameters', flat.parameters.map(p => `${code(p.name)} ${p.low}..${p.high}`)));
    }
    if (flat.chain.length > 1) lines.push(`**Extends:** ${chain}`);
    return lines.join('\n\n');
}

/**
 * Which training data tell an optimizer's objective from the base objective
 * (docs/analyses.md, Identifiability by data source), as a hover line.
 */
export function identifiabilityLine(d: DistinguishedBy): string {
    const kinds = [['behaviour', d.behaviour], ['returns', d.returns], ['per-step rewards', d.rewards]] as const;
    const words = (want: boolean): string[] => kinds.filter(([, v]) => v === want).map(([w]) => w);
    const join = (xs: string[], last: string): string => xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${last} ${xs[xs.length - 1]}`;
    const can = words(true), cannot = words(false);
    const told = can.length === 0 ? `none (not ${join(cannot, 'or')})` : `${join(can, 'and')}${cannot.length > 0 ? `; not ${join(cannot, 'or')}` : ''}`;
    return `**Training data that tells it from the base objective:** ${told}`;
}

/**
 * An objective's hover; `distinguishedBy`, when known, is its ideal optimizer's (from the
 * last simulation report).
 */
export function objectiveHover(objective: Objective, spec: CompiledSpec | undefined, verdict: string | undefined, explained = new Explained(),
    distinguishedBy?: DistinguishedBy | null): string {
    const lines = [`**${objective.kind} objective** ${code(objective.name)}`, block(`objective ${objective.kind} ${objective.name} = ${sourceText(objective.body)}`)];
    const compiled = spec?.objectives.find(o => o.name === objective.name);
    const train = spec ? firstTrainingEnvironment(spec) : undefined;
    if (spec && compiled && train) {
        const targets = train.graph.edges.filter((e: CausalEdge) => e.toObjective && e.to === objective.name);
        lines.push(`${list('Targets', targets.map(e => edgeText(e.from, e)))} (in ${code(train.label)})`);
        const names = trainingNames(spec).size;
        lines.push(`**Bits:** ${bits(spec, compiled).toFixed(2)} (size ${compiled.size} × log2(${names} names + 12))`, ...explained.first('bits'));
        lines.push(`**Aggregate:** ${compiled.aggregate === 'final' ? 'value at the last step' : 'summed over the episode'}`);
    } else {
        lines.push(list('Reads', syntaxReads(objective).map(r => edgeText(r.name, r))));
    }
    if (verdict) lines.push(`**Verdict:** ${verdict}`, ...verdictTerms(verdict, explained));
    if (distinguishedBy) lines.push(identifiabilityLine(distinguishedBy));
    return lines.join('\n\n');
}

/** The explanation of the depth a verdict names (`robust · depth 11`), if not given yet. */
function verdictTerms(verdict: string, explained: Explained): string[] {
    return /\bdepth\b/.test(verdict) ? explained.first('depth') : [];
}

/** An optimizer's hover; `distinguishedBy`, when known, from the last simulation report. */
export function optimizerHover(optimizer: Optimizer, verdict: string | undefined, explained = new Explained(),
    distinguishedBy?: DistinguishedBy | null): string {
    const objective = optimizer.settings.find(isObjectiveSetting)?.objective?.$refText;
    const model = optimizer.settings.find(isModelSetting)?.model?.$refText;
    const depth = optimizer.settings.find(isDepthSetting)?.value;
    const range = optimizer.settings.find(isRangeSetting)?.value;
    // Without an objective, a range makes it learn one: the best-scoring within range (docs/analyses.md, Algorithmic range).
    const pursued = objective ? code(objective) : range !== undefined ? 'learned, the best-scoring one within its range' : 'missing';
    const lines = [
        `**optimizer** ${code(optimizer.name)}`,
        `**Objective:** ${pursued} · **model:** ${model ? code(model) : 'the true environment'} · **depth:** ${depth ?? 'unlimited'}${range !== undefined ? ` · **range:** ${range} bits` : ''}`,
        ...explained.first('depth'),
    ];
    if (verdict) lines.push(`**Verdict:** ${verdict}`, ...verdictTerms(verdict, explained));
    if (distinguishedBy) lines.push(identifiabilityLine(distinguishedBy));
    return lines.join('\n\n');
}
