/**
 * The hover line of identifiability by data source (docs/analyses.md): which training data
 * tell an optimizer's objective from the base objective, on button-lamp's objectives and
 * on the believer's declared optimizer, with the figures of a simulation report.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { Objective, Optimizer, Spec } from '../../language/generated/ast.js';
import { isObjective, isOptimizer } from '../../language/generated/ast.js';
import { identifiabilityLine, objectiveHover, optimizerHover } from '../../language/lsp/hover-content.js';
import { createMesaServices } from '../../language/mesa-module.js';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText } from '../helpers/services.js';

const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));

async function declarations(name: string): Promise<Spec> {
    return (await parseHelper<Spec>(services.Mesa)(exampleText(name))).parseResult.value;
}

describe('identifiability in hovers', () => {
    test('button-lamp: Pressing is told apart by returns and per-step rewards, not behaviour; Lighting by nothing', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const report = simulate(spec, { samples: 5 });
        const ast = await declarations('button-lamp');
        const objective = (n: string) => ast.declarations.find((d): d is Objective => isObjective(d) && d.name === n)!;
        const figures = (n: string) => report.optimizers.find(o => o.name === n)!.distinguishedBy;
        const pressing = objectiveHover(objective('Pressing'), spec, 'pseudo-aligned', undefined, figures('Pressing'));
        expect(pressing).toContain('**Training data that tells it from the base objective:** returns and per-step rewards; not behaviour');
        const lighting = objectiveHover(objective('Lighting'), spec, 'robust', undefined, figures('Lighting'));
        expect(lighting).toContain('**Training data that tells it from the base objective:** none (not behaviour, returns or per-step rewards)');
        // The base objective, and a hover without a report, say nothing of it.
        expect(objectiveHover(objective('Light'), spec, undefined)).not.toContain('Training data');
        expect(objectiveHover(objective('Pressing'), spec, undefined, undefined, null)).not.toContain('Training data');
    });

    test('believer: the declared optimizer Believer is told apart by returns and per-step rewards', async () => {
        const spec = await compiled(exampleText('believer'));
        const report = simulate(spec, { samples: 5 });
        const ast = await declarations('believer');
        const believer = ast.declarations.find((d): d is Optimizer => isOptimizer(d) && d.name === 'Believer')!;
        // By hand: planning with dust vanishing, Believer sweeps while dust is left, as Clean does;
        // Minimalism is −6 on every trajectory of Room while Clean varies.
        const text = optimizerHover(believer, 'pseudo-aligned', undefined, report.optimizers.find(o => o.name === 'Believer')!.distinguishedBy);
        expect(text).toContain('**Training data that tells it from the base objective:** returns and per-step rewards; not behaviour');
    });

    test('every combination reads as a sentence', () => {
        expect(identifiabilityLine({ behaviour: true, returns: true, rewards: true }))
            .toBe('**Training data that tells it from the base objective:** behaviour, returns and per-step rewards');
        expect(identifiabilityLine({ behaviour: false, returns: false, rewards: true }))
            .toBe('**Training data that tells it from the base objective:** per-step rewards; not behaviour or returns');
        expect(identifiabilityLine({ behaviour: true, returns: false, rewards: false }))
            .toBe('**Training data that tells it from the base objective:** behaviour; not returns or per-step rewards');
    });
});
