/**
 * Name resolution (docs/language.md, Name resolution): through an environment's
 * `extends` chain, nearest declaration first; in objectives, among the environments they
 * are evaluated in, the first training environment first; parameter bindings among the
 * used environment's parameters; and the reference index that find-references reads,
 * built when first asked for.
 */
import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { NameReference, Spec } from '../../language/generated/ast.js';
import { isAction, isEnvironment, isNameReference } from '../../language/generated/ast.js';
import { services } from '../helpers/services.js';

const parse = parseHelper<Spec>(services);

afterEach(() => clearDocuments(services.shared));

/** Every name read in the spec, as `where: name → Environment.member` (or `unresolved`). */
function resolutions(document: LangiumDocument<Spec>): string[] {
    return AstUtils.streamAst(document.parseResult.value).filter(isNameReference).map((ref: NameReference) => {
        const where = AstUtils.getContainerOfType(ref, isEnvironment)?.name ?? 'spec';
        const target = ref.target.ref as (AstNode & { name: string }) | undefined;
        const owner = target && AstUtils.getContainerOfType(target, isEnvironment)?.name;
        return `${where}: ${ref.target.$refText} → ${target ? `${owner}.${target.name}` : 'unresolved'}`;
    }).toArray();
}

describe('scopes', () => {
    test('an environment reads its own members first, then its ancestors\'', async () => {
        const document = await parse(`environment Room {
  horizon 12
  action sweep
  node cleaned = sweep * (floor@1 > 0)
  node floor init 6 = floor@1 - cleaned
  node bin = bin@1 + cleaned
}
environment Garden extends Room {
  action vacuum_plant
  node bin = bin@1 + cleaned + 3 * vacuum_plant
}
objective base Cleaning = cleaned
train Room
deploy Garden`);
        expect(resolutions(document).filter(r => r.startsWith('Garden'))).toEqual([
            'Garden: bin → Garden.bin',
            'Garden: cleaned → Room.cleaned',
            'Garden: vacuum_plant → Garden.vacuum_plant',
        ]);
    });

    test('an objective reads the first training environment first, then the other environments it is evaluated in', async () => {
        const document = await parse(`environment Lab { horizon 4 action press node lamp = press@2 }
environment LabWithSwitch extends Lab { action flip node lamp = press@2 + flip > 0 node spare = flip }
objective base Light = lamp
objective mesa Flipping = spare
train Lab
deploy LabWithSwitch`);
        expect(resolutions(document).filter(r => r.startsWith('spec'))).toEqual([
            'spec: lamp → Lab.lamp',
            'spec: spare → LabWithSwitch.spare',
        ]);
    });

    test('a name no evaluation environment declares is not resolved', async () => {
        const document = await parse(`environment Lab { horizon 4 action press node lamp = press@2 }
environment Elsewhere { horizon 4 action pull node rope = pull }
objective base Light = rope
train Lab`, { validation: true });
        expect(resolutions(document)).toContain('spec: rope → unresolved');
        expect(document.diagnostics?.map(d => d.code)).toContain('unresolved-name');
    });

    test('a parameter binding resolves among the used environment\'s parameters', async () => {
        const document = await parse(`environment Corridor(coin: 0..9) { horizon 4 action step node at = at@1 + step node got = at == coin }
objective base Coins = got
train Corridor(coin = 3)
deploy Corridor(coin in 0..9)`);
        const bindings = document.parseResult.value.declarations
            .flatMap(d => 'uses' in d ? (d.uses as { bindings: { parameter: { ref?: AstNode & { name: string } } }[] }[]) : [])
            .flatMap(use => use.bindings.map(b => b.parameter.ref));
        expect(bindings.map(p => p && `${AstUtils.getContainerOfType(p, isEnvironment)?.name}.${p.name}`)).toEqual(['Corridor.coin', 'Corridor.coin']);
    });
});

describe('the reference index', () => {
    test('find-references sees every read of a name, once the index is asked for it', async () => {
        const text = `environment Lab { horizon 4 action press node lamp = press@2 node glow = lamp + press }
objective base Light = lamp
objective mesa Pressing = press
train Lab`;
        const document = await parse(text);
        const press = AstUtils.streamAst(document.parseResult.value).filter(isAction).find(a => a.name === 'press')!;
        const references = services.references.References.findReferences(press, { includeDeclaration: false }).toArray();
        expect(references.map(r => text.slice(document.textDocument.offsetAt(r.segment.range.start), document.textDocument.offsetAt(r.segment.range.end))))
            .toEqual(['press', 'press', 'press']);
        expect(references.map(r => r.segment.range.start.line)).toEqual([0, 0, 2]);
    });
});
