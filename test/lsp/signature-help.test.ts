/**
 * Signature help for the built-in functions (docs/editor.md, Features): the call around
 * the cursor, found in text still being typed, with the parameter being typed; and the
 * table of signatures in step with the functions the grammar allows in a call.
 */
import { AstUtils, EmptyFileSystem, GrammarAST } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { SignatureHelp } from 'vscode-languageserver';
import { BUILTIN_FUNCTIONS } from '../../language/lsp/builtin-functions.js';
import { isChanceFunction } from '../../language/validation/builtin-functions.js';
import { createMesaServices } from '../../language/mesa-module.js';

const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));

/** The signature help at the `<|>` marker of `text`. */
async function helpAt(text: string): Promise<SignatureHelp | undefined> {
    const offset = text.indexOf('<|>');
    const document = await parseHelper(services.Mesa)(text.replace('<|>', ''));
    return services.Mesa.lsp.SignatureHelp!.provideSignatureHelp(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset),
    });
}

/** The label of the highlighted parameter, as the editor shows it. */
function active(help: SignatureHelp | undefined): string | undefined {
    const signature = help?.signatures[help.activeSignature ?? 0];
    const parameter = signature?.parameters?.[help?.activeParameter ?? 0];
    if (!signature || !parameter) return undefined;
    return typeof parameter.label === 'string' ? parameter.label : signature.label.slice(...parameter.label);
}

const env = 'environment A { horizon 3 action a, b node x = a@1 + b }\n';

describe('inside a call', () => {
    test('clamp: the label, and the parameter being typed', async () => {
        const first = await helpAt(`${env}objective mesa M = clamp(<|>`);
        expect(first?.signatures.map(s => [s.label, s.documentation])).toEqual([['clamp(x, lo, hi)', 'x limited to [lo, hi]']]);
        expect(active(first)).toBe('x');
        expect(active(await helpAt(`${env}objective mesa M = clamp(x, <|>`))).toBe('lo');
        expect(active(await helpAt(`${env}objective mesa M = clamp(x, 0, <|>)`))).toBe('hi');
        expect((await helpAt(`${env}objective mesa M = clamp(x, 0, <|>)`))?.signatures[0]!.parameters?.[2]?.documentation).toBe('the greatest value returned');
    });

    test('min and max take any number of values: past the second, `...`', async () => {
        expect((await helpAt(`${env}objective mesa M = min(<|>`))?.signatures[0]!.label).toBe('min(a, b, ...)');
        expect(active(await helpAt(`${env}objective mesa M = max(x, <|>`))).toBe('b');
        expect(active(await helpAt(`${env}objective mesa M = max(x, a, b, <|>`))).toBe('...');
    });

    test('nested calls: the innermost open one; grouping parentheses are looked through', async () => {
        const inner = await helpAt(`${env}objective mesa M = clamp(min(a, <|>`);
        expect([inner?.signatures[0]!.label, active(inner)]).toEqual(['min(a, b, ...)', 'b']);
        const outer = await helpAt(`${env}objective mesa M = clamp(x, min(a, b), <|>`);
        expect([outer?.signatures[0]!.label, active(outer)]).toEqual(['clamp(x, lo, hi)', 'hi']);
        const grouped = await helpAt(`${env}objective mesa M = max(x, (a + <|>`);
        expect([grouped?.signatures[0]!.label, active(grouped)]).toEqual(['max(a, b, ...)', 'b']);
        const inIf = await helpAt('environment A { horizon 3 action a node x = min(1, if (a > <|>');
        expect(active(inIf)).toBe('b');
    });

    test('the chance functions: bernoulli(p), uniform(lo, hi), choose with one parameter per outcome', async () => {
        const rule = 'environment A { horizon 3 action a node x = ';
        const bernoulli = await helpAt(`${rule}bernoulli(<|>`);
        expect(bernoulli?.signatures.map(s => [s.label, s.documentation])).toEqual([['bernoulli(p)', '1 with probability p, else 0 (a draw; not in objectives)']]);
        expect(active(bernoulli)).toBe('p');
        const uniform = await helpAt(`${rule}uniform(0, <|>`);
        expect([uniform?.signatures[0]!.label, active(uniform)]).toEqual(['uniform(lo, hi)', 'hi']);
        const first = await helpAt(`${rule}choose(0.5<|>`);
        expect([first?.signatures[0]!.label, active(first)]).toEqual(['choose(p1: e1, p2: e2, ...)', 'p1: e1']);
        // The colon inside an outcome moves nothing; each comma moves to the next outcome.
        expect(active(await helpAt(`${rule}choose(0.5: a<|>`))).toBe('p1: e1');
        expect(active(await helpAt(`${rule}choose(0.5: a, 0.25: <|>`))).toBe('p2: e2');
        expect(active(await helpAt(`${rule}choose(0.5: a, 0.25: 1, <|>`))).toBe('...');
    });

    test('a character literal or grid row holding a parenthesis or comma opens nothing', async () => {
        const rule = 'environment A { horizon 3 action a\n grid g { "(,(" }\n node x = ';
        const help = await helpAt(`${rule}min(g[0][0] == '(', g[0][1] == ',', <|>`);
        expect([help?.signatures[0]!.label, active(help)]).toEqual(['min(a, b, ...)', '...']);
        expect(await helpAt(`${rule}min(1, 2) + g[0][0] == '(' + <|>`)).toBeUndefined();
        expect(active(await helpAt('environment A { horizon 3 action a\n grid g { "(, (" }\n node x = abs(<|>'))).toBe('x');
    });

    test('a node rule in a long spec: read from its own declaration', async () => {
        const text = `${env.repeat(50)}environment B { horizon 2 action a node y = abs(a - <|>) }\n${env}`;
        const help = await helpAt(text);
        expect([help?.signatures[0]!.label, active(help)]).toEqual(['abs(x)', 'x']);
    });
});

describe('outside a call', () => {
    test.each([
        ['after the closing parenthesis', `${env}objective mesa M = min(a, b) + <|>`],
        ['in an environment\'s parameter list', 'environment C(k: <|>'],
        ['in an environment use', `${env}train A(k = <|>`],
        ['in a comment', `${env}objective mesa M = min(a, // clamp(<|>\n b)`],
        ['in a block comment', `${env}objective mesa M = min(a, /* max(<|> */ b)`],
        ['outside any expression', `${env}<|>`],
    ])('%s: none', async (_where, text) => {
        expect(await helpAt(text)).toBeUndefined();
    });

    test('a comment with parentheses and commas before the cursor changes nothing', async () => {
        expect(active(await helpAt(`${env}objective mesa M = clamp(x, /* (, , */ <|>`))).toBe('lo');
        expect(active(await helpAt(`${env}objective mesa M = clamp(x, // a, (b\n <|>`))).toBe('lo');
    });
});

test('the table lists exactly the functions the grammar allows in a call, and choose', () => {
    const call = AstUtils.streamAllContents(services.Mesa.Grammar).filter(GrammarAST.isAssignment)
        .find(a => a.feature === 'function' && AstUtils.getContainerOfType(a, GrammarAST.isParserRule)?.name === 'Primary')!;
    const keywords = AstUtils.streamAllContents(call).filter(GrammarAST.isKeyword).map(k => k.value).toArray();
    expect(keywords.length).toBeGreaterThan(0);
    // `choose` has its own rule (its arguments are `p: e` outcomes) but is a function all the same.
    const choose = AstUtils.streamAllContents(services.Mesa.Grammar).filter(GrammarAST.isKeyword).some(k => k.value === 'choose');
    expect(choose).toBe(true);
    expect(Object.keys(BUILTIN_FUNCTIONS).sort()).toEqual([...keywords, 'choose'].sort());
    expect(Object.keys(BUILTIN_FUNCTIONS).filter(isChanceFunction).sort()).toEqual(['bernoulli', 'choose', 'uniform']);
});

test('the server offers it on `(` and `,`', () => {
    expect(services.Mesa.lsp.SignatureHelp!.signatureHelpOptions.triggerCharacters).toEqual(['(', ',']);
});
