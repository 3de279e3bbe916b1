/**
 * Name resolution in half-typed text (docs/language.md, Name resolution): a use or
 * binding the parser recovered without its name, completion's stand-in binding, and a
 * `train` or `deploy` naming an environment that does not exist never make scoping
 * throw, and the names that can be resolved still are.
 */
import type { AstNode, LangiumDocument, ReferenceInfo } from 'langium';
import { AstUtils } from 'langium';
import { clearDocuments, expectCompletion, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import type { Spec } from '../../language/generated/ast.js';
import { isBinding, isEnvironment, isNameReference } from '../../language/generated/ast.js';
import { services } from '../helpers/services.js';

const parse = parseHelper<Spec>(services);
afterEach(() => clearDocuments(services.shared));

const ROUTE = 'environment Route(supervised: 0..1, speed: 0..2) {\n  horizon 3\n  action go\n  node arrived = go@1 + supervised\n}\n'
    + 'objective base Arrive = arrived\nobjective mesa Go = go\n';

/** Every name an objective reads, as `name → Environment.member` (or why it is not resolved). */
function objectiveNames(document: LangiumDocument<Spec>): string[] {
    return AstUtils.streamAst(document.parseResult.value).filter(isNameReference)
        .filter(ref => !AstUtils.getContainerOfType(ref, isEnvironment)).map(ref => {
            const target = ref.target.ref as (AstNode & { name: string }) | undefined;
            const owner = target && AstUtils.getContainerOfType(target, isEnvironment)?.name;
            return `${ref.target.$refText} → ${target ? `${owner}.${target.name}` : ref.target.error?.message}`;
        }).toArray();
}

/** Parses and links `text`, failing on anything logged (Langium logs a scope provider's exception instead of throwing it). */
async function linked(text: string): Promise<LangiumDocument<Spec>> {
    const logged = vi.spyOn(console, 'error');
    try {
        const document = await parse(text, { validation: true });
        expect(logged.mock.calls.map(call => String(call[0]))).toEqual([]);
        return document;
    } finally {
        logged.mockRestore();
    }
}

describe('half-typed uses', () => {
    test('`train (x)`: the use has no environment, and the objectives still read the spec\'s environment', async () => {
        const document = await linked('environment E { horizon 2 action a node x = a }\ntrain (x)\nobjective base B = x\nobjective mesa M = a\n');
        expect(objectiveNames(document)).toEqual(['x → E.x', 'a → E.a']);
    });

    test('`train é(p = 0)`: the binding of a use without an environment resolves nowhere, silently', async () => {
        const document = await linked('environment E(p: 0..3) { horizon 2 action a node x = a + p }\nobjective base B = x\ntrain é(p = 0)\n');
        const binding = AstUtils.streamAst(document.parseResult.value).find(isBinding)!;
        expect(binding.parameter.ref).toBeUndefined();
        expect(objectiveNames(document)).toEqual(['x → E.x']);
    });

    test('an unknown environment in `train` leaves the objectives\' names resolved in the environments declared', async () => {
        const document = await linked(`${ROUTE}train Rout(supervised = 1)\n`);
        expect(objectiveNames(document)).toEqual(['arrived → Route.arrived', 'go → Route.go']);
    });

    test('a name no environment declares is still unresolved while `train` names an unknown one', async () => {
        const document = await linked(`${ROUTE}objective mesa Ghost = ghost\ntrain Rout\n`);
        expect(objectiveNames(document)).toContain("ghost → Unknown name 'ghost' in objective 'Ghost': no training or deployment environment declares it.");
    });
});

describe('completion in a half-typed binding', () => {
    const complete = expectCompletion(services);

    /** The names offered at `<|>`. */
    async function offered(text: string): Promise<string[]> {
        let labels: string[] = [];
        const logged = vi.spyOn(console, 'error');
        try {
            await complete({ text, index: 0, assert: (list: CompletionList) => { labels = list.items.map(i => i.label); } });
            expect(logged.mock.calls.map(call => String(call[0]))).toEqual([]);
        } finally {
            logged.mockRestore();
        }
        return labels;
    }

    test.each([
        ['deploy Route(su', `${ROUTE}train Route(supervised = 1)\ndeploy Route(su<|>`, ['supervised']],
        ['train Route(s', `${ROUTE}train Route(s<|>`, ['supervised', 'speed']],
        ['Route(x = 1, s', `${ROUTE}train Route(x = 1, s<|>`, ['supervised', 'speed']],
    ])('`%s` offers the environment\'s parameters that match', async (_name, text, parameters) => {
        const names = await offered(text);
        expect(names.filter(name => ['supervised', 'speed'].includes(name))).toEqual(parameters);
    });

    test('the scope of completion\'s stand-in binding, whose container is the binding being typed, is the parameters', async () => {
        const document = await parse(`${ROUTE}train Route(su`);
        const typed = AstUtils.streamAst(document.parseResult.value).find(isBinding)!;
        // The stand-in Langium's completion makes for the binding at the cursor.
        const standIn = { $type: 'Binding', $container: typed, $containerProperty: 'bindings' } as unknown as AstNode;
        const info = { reference: { $refText: '' }, container: standIn, property: 'parameter' } as unknown as ReferenceInfo;
        const scope = services.references.ScopeProvider.getScope(info);
        expect(scope.getAllElements().map(d => d.name).toArray()).toEqual(['supervised', 'speed']);
    });
});
