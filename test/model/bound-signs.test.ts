/**
 * Edge signs in an environment whose parameters are bound (docs/language.md, Edge signs):
 * the sign follows from the bound values, so a factor fixed at 0 cuts the edge and a
 * factor fixed positive or negative gives a definite sign (a read in an `if` condition
 * stays ±), in rules and in objectives.
 */
import { describe, expect, test } from 'vitest';
import type { CausalEdge } from '../../language/model/spec.js';
import { compiled } from '../helpers/services.js';

const spec = `environment E(p: -1..1) {
  horizon 2
  action go
  node x = go * p
  node y = x@1 * 0 + go
  node w = if go * p > 0 then 1 else 0
}
objective base B = x
objective mesa O = go
objective mesa Z = y * 0
train E
`;

async function edgesOf(label: string, text = spec): Promise<CausalEdge[]> {
    const model = await compiled(text);
    return model.environments.find(e => e.label === label)!.graph.edges;
}

const shown = (edges: CausalEdge[]): string[] => edges.map(e => `${e.from}${e.delay > 0 ? `@${e.delay}` : ''} → ${e.to} ${e.sign}`);

describe('edge signs from bound parameters', () => {
    test('a factor bound to 0 cuts the edge', async () => {
        expect(shown(await edgesOf('E(p=0)'))).toEqual([
            'go → y +',
            'x → B +', 'go → O +',
        ]);
    });

    test('a factor bound positive gives +, bound negative gives −', async () => {
        expect(shown(await edgesOf('E(p=1)'))).toEqual([
            'go → x +', 'go → y +', 'go → w ±',
            'x → B +', 'go → O +',
        ]);
        expect(shown(await edgesOf('E(p=-1)'))).toEqual([
            'go → x -', 'go → y +', 'go → w ±',
            'x → B +', 'go → O +',
        ]);
    });

    // Factors computed from parameters only are evaluated with the bound values.
    const computed = `environment F(q: 0..2) {
  horizon 2
  action go
  node v = go * (q - 1)
  node k = go * (q > 1)
  node u = if q > 0 then go else 0
  node m = max(go, 1) * (q - q)
  node o = go and q > 0
  node r = go or q > 1
}
objective base B = v
train F
`;

    test('a factor computed from parameters has the sign of its value', async () => {
        expect(shown(await edgesOf('F(q=0)', computed))).toEqual(['go → v -', 'go → r +', 'v → B +']);
        expect(shown(await edgesOf('F(q=1)', computed))).toEqual(['go → u +', 'go → o +', 'go → r +', 'v → B +']);
        // go or 1 is always 1.
        expect(shown(await edgesOf('F(q=2)', computed))).toEqual(['go → v +', 'go → k +', 'go → u +', 'go → o +', 'v → B +']);
    });
});
