/**
 * Hovers (docs/editor.md, Features): a node's rule, parents and children with signs and delays and the
 * objectives reading it; an action's readers; an objective's targets, bits and verdict;
 * an environment's horizon, actions, nodes and extends chain; the syntax-level fallback
 * while the document has errors.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectHover, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { TERM_EXPLANATIONS } from '../../language/lsp/hover-content.js';
import { createMesaServices } from '../../language/mesa-module.js';
import { simulate } from '../../language/simulation/simulate.js';
import { compiled, exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const hover = expectHover(services.Mesa);
afterEach(() => clearDocuments(services.shared));

/** `text` with a `<|>` marker inside `word`, at its first occurrence within `context`. */
function at(text: string, context: string, word = context): string {
    const start = text.indexOf(context);
    if (start < 0) throw new Error(`no '${context}'`);
    const index = start + context.indexOf(word) + 1;
    return `${text.slice(0, index)}<|>${text.slice(index)}`;
}

async function hoverText(text: string): Promise<string> {
    let value = '';
    const document = await parseHelper(services.Mesa)(text.replace('<|>', ''), { validation: true });
    const result = await services.Mesa.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(text.indexOf('<|>')),
    });
    if (result && typeof result.contents === 'object' && 'value' in result.contents) value = result.contents.value;
    return value;
}

const lamp = exampleText('button-lamp');

describe('node', () => {
    test('its rule, signed and delayed parents, and the objectives reading it', async () => {
        await hover({
            text: at(lamp, 'node lamp', 'lamp'), index: 0, parseOptions: { validation: true },
            hover: '**node** `lamp` in environment `Lab`\n\n```mesa\nnode lamp = press@10\n```\n\n'
                + '**Parents:** `press` (+ @10)\n\n**Read by nodes:** none\n\n**Read by objectives:** `Light` (+), `Lighting` (+)',
        });
    });

    test('a name read inside a derived environment is described there', async () => {
        const text = at(exampleText('cleaning'), 'floor@1 - dusty_sweeps + scatter', 'dusty_sweeps'); // in Home's floor rule
        const value = await hoverText(text);
        expect(value).toContain('**node** `dusty_sweeps` in environment `Home`');
        expect(value).toContain('**Parents:** `sweep` (+), `floor` (+ @1)');
        expect(value).toContain('**Read by nodes:** `floor` (−), `bin` (+)');
        expect(value).toContain('**Read by objectives:** `Sweeping` (+)');
    });

    test('a qualitative node shows its declared signs', async () => {
        const value = await hoverText(at(exampleText('evolution'), 'node pain', 'pain'));
        expect(value).toContain('(qualitative)');
        expect(value).toContain('**Parents:** `forage` (−)');
        expect(value).toContain('**Read by nodes:** `survival` (−)');
        expect(value).toContain('**Read by objectives:** `Pleasure` (−)');
    });

    test('with errors, parents and readers come from the syntax, without signs', async () => {
        const broken = at(lamp.replace('train Lab', 'train Lob'), 'node lamp', 'lamp');
        const value = await hoverText(broken);
        expect(value).toContain('**Parents:** `press` (@10)');
        expect(value).toContain('**Read by objectives:** `Light`, `Lighting`');
    });
});

describe('other declarations', () => {
    test('an action: the nodes and objectives reading it', async () => {
        await hover({
            text: at(lamp, 'action press', 'press'), index: 0, parseOptions: { validation: true },
            hover: '**action** `press` in environment `Lab`\n\n**Read by nodes:** `lamp` (+ @10)\n\n**Read by objectives:** `Pressing` (+)',
        });
    });

    test('an objective: targets with signs, bits, and its verdict once known', async () => {
        const text = at(exampleText('cleaning'), 'base Clean', 'Clean');
        const before = await hoverText(text);
        expect(before).toContain('**base objective** `Clean`');
        expect(before).toContain('```mesa\nobjective base Clean = -floor\n```');
        expect(before).toContain('**Targets:** `floor` (−) (in `Room`)');
        // size 2 (negation, name) × log2(4 names + 12) = 8.
        expect(before).toContain('**Bits:** 8.00 (size 2 × log2(4 names + 12))');
        expect(before).not.toContain('Verdict');
        const provider = services.Mesa.lsp.HoverProvider;
        const verdicts = services.Mesa.analysis.VerdictCache;
        const uri = 'file:///verdicts.mesa';
        verdicts.set(uri, { Clean: 'base objective' });
        const document = await parseHelper(services.Mesa)(exampleText('cleaning'), { documentUri: uri });
        const after = await provider.getHoverContent(document, { textDocument: { uri }, position: document.textDocument.positionAt(exampleText('cleaning').indexOf('Clean =') + 1) });
        expect(JSON.stringify(after?.contents)).toContain('**Verdict:** base objective');
        verdicts.delete(uri);
    });

    test('verdicts fed from a simulation report show on objectives and optimizers', async () => {
        const text = exampleText('button-lamp');
        const uri = 'file:///report.mesa';
        const provider = services.Mesa.lsp.HoverProvider;
        const verdicts = services.Mesa.analysis.VerdictCache;
        verdicts.setFromReport(uri, simulate(await compiled(text)));
        const document = await parseHelper(services.Mesa)(text, { documentUri: uri, validation: true });
        const hoverAt = async (needle: string) => JSON.stringify((await provider.getHoverContent(document, {
            textDocument: { uri }, position: document.textDocument.positionAt(text.indexOf(needle) + 1),
        }))?.contents);
        expect(await hoverAt('Pressing =')).toContain('**Verdict:** pseudo-aligned (side-effect) · depth 1');
        expect(await hoverAt('Lighting =')).toContain('**Verdict:** robust · depth 11');
        // Pressing: behaviour cannot tell it from Light, returns and per-step rewards can (docs/analyses.md).
        expect(await hoverAt('Pressing =')).toContain('**Training data that tells it from the base objective:** returns and per-step rewards; not behaviour');
        verdicts.delete(uri);
        expect(await hoverAt('Pressing =')).not.toContain('Verdict');
        expect(await hoverAt('Pressing =')).not.toContain('Training data');
    });

    test('an optimizer with a range and no objective learns one', async () => {
        const value = await hoverText(at(`${lamp}optimizer Small { range 4 }\n`, 'optimizer Small', 'Small'));
        expect(value).toContain('**Objective:** learned, the best-scoring one within its range · **model:** the true environment · **depth:** unlimited · **range:** 4 bits');
    });

    test('an objective whose body the parser could not read hovers without it', async () => {
        const value = await hoverText('environment E { horizon 2 action a node x = a }\nobjective base <|>B = horizon\ntrain E\n');
        expect(value).toContain('**base objective** `B`');
    });

    test('an objective reference inside an optimizer hovers the objective', async () => {
        const value = await hoverText(at(exampleText('shop'), 'objective Commission', 'Commission'));
        expect(value).toContain('**mesa objective** `Commission`');
        expect(value).toContain('**Targets:** `commission` (+) (in `Shop`)');
    });

    test('an optimizer: objective, model and depth', async () => {
        await hover({
            text: at(exampleText('believer'), 'optimizer Believer', 'Believer'), index: 0,
            hover: '**optimizer** `Believer`\n\n**Objective:** `Minimalism` · **model:** `DustVanishes` · **depth:** unlimited\n\n'
                + TERM_EXPLANATIONS.depth,
        });
    });

    test('an environment: horizon, actions, nodes and the extends chain', async () => {
        await hover({
            text: at(lamp, 'environment LabWithSwitch', 'LabWithSwitch'), index: 0,
            hover: '**environment** `LabWithSwitch`\n\n**Horizon:** 40 · **discount:** 1\n\n**Actions:** `press`, `flip`\n\n**Nodes:** 1\n\n**Extends:** `LabWithSwitch` → `Lab`',
        });
    });

    test('a parameter: its range', async () => {
        await hover({
            text: 'environment C(co<|>in: 0..9) { horizon 2 action a node x = coin * a }', index: 0,
            hover: '**parameter** `coin` of environment `C`: integer in 0..9',
        });
    });
});

describe('half-typed text', () => {
    test('a qualitative node whose parent is not named yet still has a hover', async () => {
        const text = 'environment E {\n  action press\n  node glow <- +node, +press\n}\n';
        // Recovery keeps `node glow <- +` with one parent that has no name yet.
        const value = await hoverText(at(text, 'node glow', 'glow'));
        expect(value).toContain('**node** `glow` in environment `E` (qualitative)');
        expect(value).toContain('**Parents:** none');
    });

    test('an optimizer whose objective is not named yet says it is missing', async () => {
        const text = 'environment E { horizon 2 action a node x = a }\nobjective base B = x\noptimizer Opt { objective model E }\n';
        expect(await hoverText(at(text, 'optimizer Opt', 'Opt'))).toContain('**Objective:** missing');
    });
});
