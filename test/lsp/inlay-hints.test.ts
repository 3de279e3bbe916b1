/**
 * Inlay hints: after every name a rule or an objective reads, the sign of that causal
 * edge from the sign analysis (docs/language.md, Edge signs) — nothing while the document has errors.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';
import { exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
const parse = parseHelper(services.Mesa);
afterEach(() => clearDocuments(services.shared));

/** Each hint as the text of its line up to the hint, followed by the hint. */
async function hints(text: string): Promise<string[]> {
    const document = await parse(text, { validation: true });
    const lines = text.split('\n');
    const result = await services.Mesa.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    }) ?? [];
    return result.map(h => `${lines[h.position.line]!.slice(0, h.position.character)}⟨${String(h.label)}⟩`);
}

describe('inlay hints', () => {
    test('the design examples: + in both of sweep * (floor@1 > 0), − for -floor, ± for abs(temp - 21)', async () => {
        const cleaning = await hints(exampleText('cleaning'));
        expect(cleaning).toContain('  node dusty_sweeps = sweep⟨: +⟩');
        expect(cleaning).toContain('  node dusty_sweeps = sweep * (floor@1⟨: +⟩');
        expect(cleaning).toContain('objective base Clean = -floor⟨: −⟩');
        expect(cleaning).toContain('  node floor init 6 = floor@1 - dusty_sweeps⟨: −⟩');
        const thermostat = await hints(exampleText('thermostat'));
        expect(thermostat).toContain('objective mesa RoughComfort = -abs(temp⟨: ±⟩');
    });

    test('one hint per name read, placed after a written delay', async () => {
        const lamp = await hints(exampleText('button-lamp'));
        expect(lamp).toEqual([
            '  node lamp = press@10⟨: +⟩',
            '  node lamp = press@10⟨: +⟩',
            '  node lamp = press@10 + flip⟨: +⟩',
            'objective base Light = lamp⟨: +⟩',
            'objective mesa Pressing = press⟨: +⟩',
            'objective mesa Lighting = lamp⟨: +⟩',
        ]);
    });

    test('no hint in an init, for qualitative parents, or while the spec has errors', async () => {
        const text = 'environment A(k: 1..2) { horizon 3 action a node x init k = x@1 + a }\nobjective base O = x';
        expect(await hints(text)).toEqual([
            'environment A(k: 1..2) { horizon 3 action a node x init k = x@1⟨: +⟩',
            'environment A(k: 1..2) { horizon 3 action a node x init k = x@1 + a⟨: +⟩',
            'objective base O = x⟨: +⟩',
        ]);
        expect(await hints(exampleText('evolution'))).toEqual([
            'objective base Fitness = offspring⟨: +⟩',
            'objective mesa Pleasure = food⟨: +⟩',
            'objective mesa Pleasure = food + mating⟨: +⟩',
            'objective mesa Pleasure = food + mating - pain⟨: −⟩',
        ]);
        expect(await hints(exampleText('cleaning').replace('train Room', 'train Rooom'))).toEqual([]);
    });
});
