/**
 * One test at least per error of docs/analyses.md (Well-formedness errors): the code, a message naming the objects
 * involved, and the precise range (marked in the source with `<|...|>`).
 */
import { describe, expect, test } from 'vitest';
import { diagnostics, EXAMPLES, exampleText, marked } from '../helpers/services.js';

const MIN = `objective base B = x\ntrain E\n`;

interface Case {
    name: string;
    source: string;
    code: string;
    message: RegExp;
}

const cases: Case[] = [
    {
        name: 'syntax error',
        source: `environment E { horizon 3 action a node x = a + <|}|>\n${MIN}`,
        code: 'syntax-error', message: /^Syntax error: expected .* but found '}'\.$/,
    },
    {
        name: 'unresolved name in a rule',
        source: `environment E { horizon 3 action a node x = <|ghost|> }\n${MIN}`,
        code: 'unresolved-name', message: /Unknown name 'ghost' in environment 'E'/,
    },
    {
        name: 'unresolved environment in train',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = x\ntrain <|Nowhere|>\n`,
        code: 'unresolved-name', message: /Unknown environment 'Nowhere'/,
    },
    {
        name: 'unresolved name in an objective',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = <|y|>\ntrain E\n`,
        code: 'unresolved-name', message: /Unknown name 'y' in objective 'B'/,
    },
    {
        name: 'duplicate action',
        source: `environment E { horizon 3 action a, <|a|> node x = a }\n${MIN}`,
        code: 'duplicate-name', message: /Duplicate name 'a' in environment 'E': already declared as an action/,
    },
    {
        name: 'duplicate environment',
        source: `environment E { horizon 3 action a node x = a }\nenvironment <|E|> { horizon 2 }\n${MIN}`,
        code: 'duplicate-name', message: /Duplicate environment 'E'/,
    },
    {
        name: 'duplicate objective',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = x\nobjective mesa <|B|> = a\ntrain E\n`,
        code: 'duplicate-name', message: /Duplicate objective or optimizer 'B'/,
    },
    {
        name: 'redeclared action in a child',
        source: `environment E { horizon 3 action a node x = a }\nenvironment F extends E { action <|a|> }\n${MIN}`,
        code: 'duplicate-name', message: /'a' is already an action of 'E', which 'F' extends/,
    },
    {
        name: 'cycle without delay, listing the cycle',
        source: `environment E { horizon 3 action a node <|x|> = y + a node y = x }\n${MIN}`,
        code: 'cycle', message: /Cycle without delay in 'E': x → y → x/,
    },
    {
        name: 'self-loop without delay',
        source: `environment E { horizon 3 action a node <|x|> = x + a }\n${MIN}`,
        code: 'cycle', message: /x → x/,
    },
    {
        name: 'extends cycle',
        source: `environment E extends <|F|> { horizon 3 action a node x = a }\nenvironment F extends E { }\n${MIN}`,
        code: 'extends-cycle', message: /Environment 'E' extends itself: E → F → E/,
    },
    {
        name: 'delay @0',
        source: `environment E { horizon 3 action a node x = a@<|0|> }\n${MIN}`,
        code: 'invalid-delay', message: /Delay a@0 is invalid/,
    },
    {
        name: 'negative delay',
        source: `environment E { horizon 3 action a node x = a@<|-2|> }\n${MIN}`,
        code: 'invalid-delay', message: /Delay a@-2 is invalid/,
    },
    {
        name: 'no base objective',
        source: `environment E { horizon 3 action a node x = a }\n<|objective mesa M = x|>\ntrain E\n`,
        code: 'no-base-objective', message: /no base objective/,
    },
    {
        name: 'more than one base objective',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = x\nobjective base <|C|> = a\ntrain E\n`,
        code: 'multiple-base-objectives', message: /More than one base objective: 'C' and 'B'/,
    },
    {
        name: 'missing horizon',
        source: `environment <|E|> { action a node x = a }\n${MIN}`,
        code: 'missing-horizon', message: /Environment 'E' has no horizon/,
    },
    {
        name: 'final below the top of an objective',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = 1 + <|final|>(x)\ntrain E\n`,
        code: 'misplaced-aggregate', message: /final\(\.\.\.\) may stand only at the top of an objective/,
    },
    {
        name: 'sum inside a rule',
        source: `environment E { horizon 3 action a node x = <|sum|>(a) }\n${MIN}`,
        code: 'misplaced-aggregate', message: /sum\(\.\.\.\) may stand only at the top/,
    },
    {
        name: 'parameter value outside its range',
        source: `environment E(k: 0..3) { horizon 3 action a node x = a * k }\nobjective base B = x\ntrain E(k = <|7|>)\n`,
        code: 'parameter-out-of-range', message: /k = 7 is outside the declared range 0\.\.3 of 'E'/,
    },
    {
        name: 'parameter range outside its declaration',
        source: `environment E(k: 0..3) { horizon 3 action a node x = a * k }\nobjective base B = x\ntrain E(k = 1)\ndeploy E(k in 0..<|9|>)\n`,
        code: 'parameter-out-of-range', message: /k in 0\.\.9 goes outside the declared range 0\.\.3/,
    },
    {
        name: 'objective reads a name a deployment environment lacks',
        source: `environment E { horizon 3 action a node x = a }\nenvironment F { horizon 3 action b node x = b node y = b }\nobjective base B = x\nobjective mesa M = <|y|>\ntrain F\ndeploy E\n`,
        code: 'missing-name-in-environment', message: /Objective 'M' reads 'y', which deployment environment 'E' lacks/,
    },
    {
        name: 'depth out of range',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = x\nobjective mesa M = a\noptimizer O { objective M depth <|5|> }\ntrain E\n`,
        code: 'depth-out-of-range', message: /Depth 5 of optimizer 'O' is out of range: .* from 1 to 3/,
    },
    {
        name: 'depth zero',
        source: `environment E { horizon 3 action a node x = a }\nobjective base B = x\nobjective mesa M = a\noptimizer O { objective M depth <|0|> }\ntrain E\n`,
        code: 'depth-out-of-range', message: /Depth 0 of optimizer 'O'/,
    },
    {
        name: 'model with an action the true environment lacks',
        source: `environment E { horizon 3 action a node x = a }\nenvironment M extends E { action b }\nobjective base B = x\nobjective mesa Q = a\noptimizer O { objective Q model <|M|> }\ntrain E\n`,
        code: 'invalid-model', message: /Model 'M' of optimizer 'O' has action 'b' that training environment 'E' lacks/,
    },
    {
        name: 'init reading a node',
        source: `environment E { horizon 3 action a node y = 1 node x init <|y|> = a }\n${MIN}`,
        code: 'invalid-init', message: /The init of 'x' reads 'y': an init may use parameters and constants only/,
    },
    {
        name: 'too many concrete environments',
        source: `environment E(k: 0..1000000) { horizon 3 action a node x = a * k }\nobjective base B = x\ntrain <|E|>\n`,
        code: 'too-many-environments', message: /stands for 1000001 concrete environments/,
    },
];

describe('well-formedness errors', () => {
    test.each(cases)('$name', async ({ source, code, message }) => {
        const { text, ranges } = marked(source);
        const found = (await diagnostics(text)).filter(d => d.code === code);
        expect(found.map(d => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
        const match = found.find(d => message.test(d.message))!;
        expect(match.severity).toBe(1);
        expect(match.range).toEqual(ranges[0]);
    });
});

describe('the bundled examples', () => {
    test.each(EXAMPLES)('%s parses and links with no error', async (name) => {
        const found = (await diagnostics(exampleText(name))).filter(d => d.severity === 1);
        expect(found).toEqual([]);
    });
});

describe('recovery', () => {
    test('garbage input gives syntax errors, not an exception', async () => {
        const found = await diagnostics('\u0007\u0000 @@@ environment { ::: }}} objective');
        expect(found.length).toBeGreaterThan(0);
        expect(found.filter(d => d.code === 'syntax-error').length).toBeGreaterThan(0);
        expect(found.every(d => d.range.start.line === 0)).toBe(true);
    });
});

describe('junk input', () => {
    test('at most 100 syntax errors, then one saying how many more', async () => {
        const junk = Array.from({ length: 400 }, (_, i) => `#${i} ¤ $`).join('\n');
        const found = await diagnostics(junk);
        expect(found.filter(d => d.code === 'syntax-error')).toHaveLength(101);
        expect(found[found.length - 1]!.message).toMatch(/^\d+ more syntax errors from here on are not shown\. Is this a Mesa spec\?$/);
    });
});
