/**
 * Long `extends` chains (docs/language.md, Extends): each environment is flattened from
 * its parent's result, so flattening every environment of a chain of n, and checking
 * each for an `extends` cycle, follows n links, not n²/2. Counted by the reads of each
 * environment's `extends` link; the flattened members are those of the whole chain.
 */
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { flattenEnvironment } from '../../language/compile/environments.js';
import type { Environment, Spec } from '../../language/generated/ast.js';
import { isEnvironment } from '../../language/generated/ast.js';
import { checkExtendsIsAcyclic } from '../../language/validation/environment-checks.js';
import { services } from '../helpers/services.js';

const N = 1_000;

/** A linked chain E0 ← E1 ← … ← E(n−1), with every `extends` link's reads counted (constant rules: linking flattens nothing). */
async function chain(n: number, cycle = false): Promise<{ envs: Environment[]; reads: () => number }> {
    const text = `environment E0${cycle ? ` extends E${n - 1}` : ''} { horizon 3 action a node x = a }\n`
        + Array.from({ length: n - 1 }, (_, i) => `environment E${i + 1} extends E${i} { node y${i + 1} = 1 }\n`).join('')
        + 'objective base B = x\n';
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Spec>(text, URI.parse(`memory:///chain-${n}-${cycle}.mesa`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: false });
    await services.shared.workspace.DocumentBuilder.update([], [document.uri]);
    const envs = document.parseResult.value.declarations.filter(isEnvironment);
    let count = 0;
    for (const env of envs) {
        const link = env.superEnv;
        Object.defineProperty(env, 'superEnv', { get: () => { count++; return link; } });
    }
    return { envs, reads: () => count };
}

describe('a chain of 1,000 extends', () => {
    test.each([['declaration order', false], ['deepest first', true]])('flattened in %s: one link read per environment', async (_, reversed) => {
        const { envs, reads } = await chain(N);
        const order = reversed ? [...envs].reverse() : envs;
        const flats = order.map(env => flattenEnvironment(env));
        expect(reads()).toBeLessThanOrEqual(N);
        const last = flattenEnvironment(envs[N - 1]!);
        expect(flats).toContain(last);
        expect(last.nodes.map(n => n.name)).toEqual(['x', ...Array.from({ length: N - 1 }, (_, i) => `y${i + 1}`)]);
        expect(last.actions.map(a => a.name)).toEqual(['a']);
        expect(last.horizon).toBe(3);
        expect(last.cyclic).toBe(false);
        expect(last.chain).toHaveLength(N);
        expect(last.chain[N - 1]).toBe(envs[0]);
    });

    test('checking each for a cycle reads each link a bounded number of times', async () => {
        const { envs, reads } = await chain(N);
        const errors: string[] = [];
        for (const env of envs) checkExtendsIsAcyclic(env, (_, message) => errors.push(message));
        expect(errors).toEqual([]);
        expect(reads()).toBeLessThanOrEqual(3 * N);
    });

    test('a chain closed into a cycle is still reported, each environment once', async () => {
        const { envs } = await chain(5, true);
        const errors: string[] = [];
        for (const env of envs) checkExtendsIsAcyclic(env, (_, message) => errors.push(message));
        expect(errors).toHaveLength(5);
        expect(errors[0]).toBe("Environment 'E0' extends itself: E0 → E4 → E3 → E2 → E1 → E0.");
        expect(flattenEnvironment(envs[2]!).cyclic).toBe(true);
        expect(flattenEnvironment(envs[2]!).nodes.map(n => n.name)).toEqual(['y3', 'y4', 'x', 'y1', 'y2']);
    });
});
