/**
 * The bound on concrete environments (docs/language.md, Parameters) holds for the
 * default training environment too: a spec without `train` trains in its first
 * environment with every parameter unbound, and that use is refused past 1,000
 * environments with `too-many-environments` at the environment's name, before
 * anything expands the range.
 */
import { describe, expect, test } from 'vitest';
import { diagnostics, marked } from '../helpers/services.js';

const tooMany = async (source: string) => {
    const { text, ranges } = marked(source);
    const found = (await diagnostics(text)).filter(d => d.code === 'too-many-environments');
    return { found, ranges };
};

describe('the default training environment', () => {
    test('1,001 values without train: refused at the environment name', async () => {
        const { found, ranges } = await tooMany('environment <|E|>(p: 0..1000) { horizon 2  action a  node x = a }\nobjective base B = x\n');
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe(1);
        expect(found[0]!.range).toEqual(ranges[0]);
        expect(found[0]!.message).toBe("'E' is the training environment (the spec has no `train`) and stands for 1001 concrete environments "
            + '(one per parameter value); Mesa analyses at most 1000. Add a `train` with values or narrower ranges, e.g. `train E(p = 0)`.');
    });

    test('a billion values: refused, not expanded', async () => {
        const { found, ranges } = await tooMany('environment <|E|>(p: 0..1000000000) { horizon 2  action a  node x = a }\nobjective base B = x\n');
        expect(found.map(d => d.range)).toEqual([ranges[0]]);
        expect(found[0]!.message).toContain('stands for 1000000001 concrete environments');
    });

    test('parameters multiply, inherited ones included', async () => {
        const { found, ranges } = await tooMany('environment <|C|>(q: 0..20) extends A { }\n'
            + 'environment A(p: 1..50) { horizon 2  action a  node x = a }\nobjective base X = x\n');
        expect(found.map(d => d.range)).toEqual([ranges[0]]);
        expect(found[0]!.message).toContain('stands for 1050 concrete environments');
    });

    test('exactly 1,000 values, or a written train, are allowed', async () => {
        expect((await tooMany('environment E(p: 1..1000) { horizon 2  action a  node x = a }\nobjective base B = x\n')).found).toEqual([]);
        expect((await tooMany('environment E(p: 0..1000000000) { horizon 2  action a  node x = a }\nobjective base B = x\ntrain E(p = 7)\n')).found).toEqual([]);
    });
});
