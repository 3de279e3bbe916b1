/**
 * Static analyses of chance and tables (docs/language.md, Edge signs): a draw is a source,
 * with sign ± toward each of its options that reads a name and no edge from a constant
 * option; an indexing depends with sign ± on what its indices read, never on the table;
 * a value's sign follows its outcomes (a draw's options, a table's values, an init that
 * draws).
 */
import { describe, expect, test } from 'vitest';
import { buildCausalGraph } from '../../language/model/causal-graph.js';
import { valueSign, valueSignTable } from '../../language/model/signs.js';
import type { CausalEdge, CompiledNode, SourceLocation } from '../../language/model/spec.js';
import { parseExpr } from '../simulation/expr-parser.js';

const at: SourceLocation = { uri: 'test:///signs', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
const tables = { maze: [[0, 1], [2, 3]], loss: [-1, -2] };

function edgesOf(nodes: [string, string][], init: Partial<Record<string, CompiledNode['initOutcomes']>> = {}): CausalEdge[] {
    const compiled: CompiledNode[] = nodes.map(([name, rule]) => ({
        name, init: 0, rule: parseExpr(rule, tables).expr, location: at, ...(init[name] ? { initOutcomes: init[name] } : {}),
    }));
    return buildCausalGraph(['a'], compiled, []).edges;
}

const sign = (edges: CausalEdge[], from: string, to: string): string | undefined => edges.find(e => e.from === from && e.to === to)?.sign;

describe('edges of draws and indexings', () => {
    test('a draw of constants is a source: no edge into it', () => {
        expect(edgesOf([['x', 'bernoulli(0.5)'], ['u', 'uniform(0, 3)']])).toEqual([]);
    });

    test('an option that reads a name gives an edge of sign ±', () => {
        const edges = edgesOf([['x', 'a'], ['y', 'choose(0.5: x, 0.5: 0)'], ['z', 'choose(0.5: x@1 + 1, 0.5: a)']]);
        expect(sign(edges, 'x', 'y')).toBe('±');
        expect(edges.filter(e => e.to === 'z').map(e => [e.from, e.delay, e.sign])).toEqual([['x', 1, '±'], ['a', 0, '±']]);
    });

    test('a draw multiplying a name: the name keeps its sign, the draw being ≥ 0', () => {
        expect(sign(edgesOf([['x', 'a'], ['y', 'x * bernoulli(0.3)']]), 'x', 'y')).toBe('+');
        expect(sign(edgesOf([['x', 'a'], ['y', 'x * choose(0.5: -1, 0.5: -2)']]), 'x', 'y')).toBe('-');
    });

    test('an indexing depends on its indices with sign ±, not on the table', () => {
        const edges = edgesOf([['i', 'a'], ['j', 'i@1'], ['v', 'maze[i][j + 1]']]);
        expect(edges.filter(e => e.to === 'v').map(e => [e.from, e.sign])).toEqual([['i', '±'], ['j', '±']]);
        expect(edgesOf([['v', 'maze[1][0]']])).toEqual([]);
    });
});

describe('value signs', () => {
    const table = valueSignTable(['a'], []);
    test('a draw is one of its options; a table read is one of its values', () => {
        expect(valueSign(parseExpr('bernoulli(0.5)').expr, table)).toBe('nonneg');
        expect(valueSign(parseExpr('choose(0.5: -1, 0.5: 0)').expr, table)).toBe('nonpos');
        expect(valueSign(parseExpr('uniform(-1, 1)').expr, table)).toBe('any');
        expect(valueSign(parseExpr('loss[a]', tables).expr, table)).toBe('nonpos');
        // A constant index reads its one value.
        expect(valueSign(parseExpr('maze[0][0]', tables).expr, table)).toBe('zero');
    });

    test('an init that draws may be any of its outcomes', () => {
        const rule = parseExpr('c@1').expr;
        const signs = valueSignTable([], [{ name: 'c', init: 1, rule, initOutcomes: [{ value: 1, p: 0.5 }, { value: -1, p: 0.5 }] }]);
        expect(signs.current.get('c')).toBe('any');
        expect(valueSignTable([], [{ name: 'c', init: 1, rule }]).current.get('c')).toBe('nonneg');
    });
});
