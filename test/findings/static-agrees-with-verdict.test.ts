/**
 * One `mesa check` run never contradicts itself (docs/analyses.md, Static analyses): over
 * several training environments, the static proxy warning and the kind of the
 * pseudo-aligned verdict come from the same relation, chosen by the same precedence.
 */
import { describe, expect, test } from 'vitest';
import { CHECK_DEFAULTS, diagnoseText } from '../../cli/check.js';
import type { PlainDiagnostic } from '../../language/findings/report-diagnostic.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, services } from '../helpers/services.js';

async function check(text: string): Promise<PlainDiagnostic[]> {
    return diagnoseText(services, text, 'agree.mesa', CHECK_DEFAULTS);
}

const proxyCodes = (list: PlainDiagnostic[]): string[] => list.map(d => d.code).filter(c => c.startsWith('proxy-') || c === 'no-causal-link').sort();

describe('static findings agree with verdict kinds', () => {
    test('go * p over p in 0..1: a side-effect proxy in E(p=1), not "sign unknown" in E(p=0)', async () => {
        const text = `environment E(p: 0..1) {
  horizon 2
  action go
  node x = go * p
}
objective base B = x
objective mesa O = go
train E
`;
        const list = await check(text);
        expect(proxyCodes(list)).toEqual(['proxy-side-effect']);
        expect(list.find(d => d.code === 'proxy-side-effect')!.message)
            .toBe('O is a side-effect proxy of B in E(p=1): raising O through go raises B (go → x → B).');
        const o = simulate(await compiled(text)).optimizers.find(x => x.name === 'O')!;
        expect([o.verdict, o.kind]).toEqual(['pseudo-aligned', 'side-effect']);
        expect(list.find(d => d.code === 'selection-prefers-proxy')!.message).toContain('O, which is pseudo-aligned (side-effect)');
    });

    test('opposed in the first training environment, side-effect in the second: both say side-effect', async () => {
        // go lowers x five steps later, after the end of the episode: opposed in the graph, yet O fits.
        const text = `environment E(p: 0..1, n: 0..1) {
  horizon 2
  action go
  node x = go * p - go@5 * n
}
objective base B = x
objective mesa O = go
train E(p = 0, n = 1), E(p = 1, n = 0)
`;
        const spec = await compiled(text);
        expect(spec.environments.map(e => e.graph.edges.filter(x => x.to === 'x').map(x => `${x.delay} ${x.sign}`))).toEqual([['5 -'], ['0 +']]);
        const list = await check(text);
        expect(proxyCodes(list)).toEqual(['proxy-side-effect']);
        expect(list.find(d => d.code === 'proxy-side-effect')!.message).toContain('in E(p=1,n=0)');
        const o = simulate(spec).optimizers.find(x => x.name === 'O')!;
        expect([o.verdict, o.kind]).toEqual(['pseudo-aligned', 'side-effect']);
    });
});
