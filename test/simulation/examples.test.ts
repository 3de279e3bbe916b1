/**
 * The real examples, compiled from examples/*.mesa by the language's compiler, give
 * The expected figures (docs/analyses.md), the same as the hand-built fixtures.
 */
import { describe, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import { compiled, exampleText, EXAMPLES } from '../helpers/services.js';
import { FIGURES } from './figures.js';

describe('expected figures (examples/*.mesa)', () => {
    for (const name of EXAMPLES) {
        test(name, async () => FIGURES[name]!(simulate(await compiled(exampleText(name)))));
    }
});
