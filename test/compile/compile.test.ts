/**
 * The compiled model: environments flattened through `extends`, nodes in evaluation
 * order, the largest delays, parameters bound and labelled, and never more than 1,000
 * concrete environments per use.
 */
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { CompileError } from '../../language/compile/compile-spec.js';
import { compileDocument } from '../../language/compile/model-cache.js';
import type { Spec } from '../../language/generated/ast.js';
import { compiled, exampleText, services } from '../helpers/services.js';

/** Compiles a spec parsed and linked but not validated (as a caller that skips validation would). */
async function compileUnvalidated(text: string) {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Spec>(text, URI.parse('memory:///unvalidated.mesa'));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: false });
    try {
        return compileDocument(document);
    } finally {
        await services.shared.workspace.DocumentBuilder.update([], [document.uri]);
    }
}

describe('compiled model', () => {
    test('cleaning Home inherits dusty_sweeps and replaces floor and bin', async () => {
        const spec = await compiled(exampleText('cleaning'));
        const home = spec.environments.find(e => e.label === 'Home')!;
        expect(home.actions).toEqual(['sweep', 'scatter']);
        expect(home.nodes.map(n => n.name)).toEqual(['dusty_sweeps', 'floor', 'bin']);
        expect(home.nodes.find(n => n.name === 'floor')!.init).toBe(6);
        expect(home.maxDelay).toEqual({ sweep: 0, scatter: 0, dusty_sweeps: 0, floor: 1, bin: 1 });
        expect(spec.train).toEqual(['Room']);
        expect(spec.deploy).toEqual(['Home']);
        expect(spec.base).toBe('Clean');
        expect(spec.objectives.map(o => [o.name, o.aggregate, o.size])).toEqual([['Clean', 'sum', 2], ['Sweeping', 'sum', 1], ['Vacuuming', 'final', 2]]);
    });

    test('nodes come in evaluation order, whatever the declaration order', async () => {
        const spec = await compiled(`environment E { horizon 2 action a node z = y + 1 node y = x * 2 node x = a }
objective base B = z
train E`);
        expect(spec.environments[0]!.nodes.map(n => n.name)).toEqual(['x', 'y', 'z']);
    });

    test('parameters are bound: one environment per value, labelled', async () => {
        const spec = await compiled(`environment Corridor(coin: 0..3) { horizon 4 action right node pos = pos@1 + right node got = pos == coin }
objective base Coin = got
train Corridor(coin = 3)
deploy Corridor(coin in 0..2)`);
        expect(spec.train).toEqual(['Corridor(coin=3)']);
        expect(spec.deploy).toEqual(['Corridor(coin=0)', 'Corridor(coin=1)', 'Corridor(coin=2)']);
        const env = spec.environments.find(e => e.label === 'Corridor(coin=1)')!;
        expect(env.params).toEqual({ coin: 1 });
        expect(env.nodes.find(n => n.name === 'got')!.rule).toEqual({
            kind: 'binary', op: '==', left: { kind: 'ref', name: 'pos', delay: 0 }, right: { kind: 'const', value: 1 },
        });
    });

    test('a spec without train trains in its first environment', async () => {
        const spec = await compiled(`environment A { horizon 2 action a node x = a }
environment B extends A { }
objective base X = x`);
        expect(spec.train).toEqual(['A']);
    });

    test.each([
        ['the default training environment', 'environment E(p: 0..1000000000) { horizon 2 action a node x = a }\nobjective base B = x\n', 1000000001],
        ['a train use', 'environment E(p: 0..9, q: 0..200) { horizon 2 action a node x = a }\nobjective base B = x\ntrain E\n', 2010],
        ['a deploy use', 'environment E(p: 0..5000) { horizon 2 action a node x = a }\nobjective base B = x\ntrain E(p = 1)\ndeploy E(p in 0..1000)\n', 1001],
    ])('%s past 1,000 environments is refused, not expanded', async (_, text, count) => {
        const result = await compileUnvalidated(text);
        expect(result).toBeInstanceOf(CompileError);
        const error = result as CompileError;
        expect(error.message).toBe(`'E' stands for ${count} concrete environments; Mesa analyses at most 1000.`);
        expect(error.location.range).toEqual({ start: { line: 0, character: 12 }, end: { line: 0, character: 13 } });
    });
});
