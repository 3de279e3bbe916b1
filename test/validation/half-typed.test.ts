/**
 * Half-typed and mistyped text: every check copes with what the parser recovered (a use
 * without its environment, a setting without its name), so no `internal-error` ever
 * appears; and one typo gives one error, not one more per name or binding that depended
 * on the mistyped name (docs/analyses.md, Well-formedness errors).
 */
import { describe, expect, test, vi } from 'vitest';
import { diagnostics } from '../helpers/services.js';

const E = 'environment E { horizon 2 action a node x = a }\n';
const ROUTE = 'environment Route(supervised: 0..1, speed: 0..2) {\n  horizon 3\n  action go\n  node arrived = go@1 + supervised\n}\n'
    + 'objective base Arrive = arrived\nobjective mesa Go = go\n';

/** The diagnostics of `text` as `code line:column message` (from 1), failing on anything logged. */
async function listed(text: string): Promise<string[]> {
    const logged = vi.spyOn(console, 'error');
    try {
        const list = await diagnostics(text);
        expect(logged.mock.calls.map(call => String(call[0]))).toEqual([]);
        return list.map(d => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    } finally {
        logged.mockRestore();
    }
}

describe('half-typed input gives syntax errors only', () => {
    test('`train (x)`', async () => {
        expect(await listed(`${E}train (x)\nobjective base B = x\nobjective mesa M = a\n`)).toEqual([
            "syntax-error 2:7 Syntax error: expected a name but found '('.",
            "syntax-error 2:9 Syntax error: expected '=' or 'in' but found ')'.",
        ]);
    });

    test('`deploy (`', async () => {
        expect(await listed(`${E}objective base B = x\ndeploy (`)).toEqual([
            "syntax-error 3:8 Syntax error: expected a name but found '('.",
            'syntax-error 3:9 Syntax error: expected a name but found the end of the file.',
        ]);
    });

    test('`optimizer O { objective model E }`', async () => {
        expect(await listed(`${E}objective base B = x\noptimizer O { objective model E }\n`)).toEqual([
            "syntax-error 3:25 Syntax error: expected a name but found 'model'.",
        ]);
    });

    test('`train é(p = 0)`', async () => {
        expect(await listed('environment E(p: 0..3) { horizon 2 action a node x = a + p }\nobjective base B = x\ntrain é(p = 0)\n')).toEqual([
            'syntax-error 3:7 Syntax error: unexpected character U+00E9.',
            "syntax-error 3:8 Syntax error: expected a name but found '('.",
        ]);
    });
});

describe('one typo, one error', () => {
    test('an unknown environment in `train`: not its bindings, nor the objectives\' names', async () => {
        expect(await listed(`${ROUTE}train Rout(supervised = 1)\n`)).toEqual(["unresolved-name 8:7 Unknown environment 'Rout'."]);
    });

    test('an unknown environment in `deploy`, with a binding', async () => {
        expect(await listed(`${ROUTE}train Route(supervised = 1)\ndeploy Rout(speed in 0..2)\n`)).toEqual(["unresolved-name 9:8 Unknown environment 'Rout'."]);
    });

    test('an unknown environment after `extends`: not the names it would have declared, nor its horizon', async () => {
        expect(await listed('environment A { horizon 2 action a node x = a }\nenvironment B extends Aa { node y = x + a }\nobjective base O = x\ntrain B\n'))
            .toEqual(["unresolved-name 2:23 Unknown environment 'Aa'."]);
    });

    test('a parameter the environment lacks is still one error', async () => {
        expect(await listed(`${ROUTE}train Route(supervisd = 1)\n`)).toEqual(["unresolved-name 8:13 Environment 'Route' has no parameter 'supervisd'."]);
    });

    test('an optimizer with an unknown model and objective: one error each', async () => {
        expect(await listed(`${E}objective base B = x\noptimizer O { objective Nope model Aa depth 1 }\ntrain E\n`)).toEqual([
            "unresolved-name 3:25 Unknown objective 'Nope'.",
            "unresolved-name 3:36 Unknown environment 'Aa'.",
        ]);
    });
});
