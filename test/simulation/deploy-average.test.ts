/**
 * Weighted deployment figures (docs/language.md, Weights): each of lo, hi, optimum and
 * worst averaged with the deployment weights, the regret that of the averages.
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../language/simulation/index.js';
import { compiled } from '../helpers/services.js';
import { optimizer } from './figures.js';
import { formatVerdictTable } from '../../language/simulation/verdict-table.js';
import { routeSpec as ROUTE } from './spec-texts.js';


describe('the weighted average of deployment', () => {
    test('deploying unwatched one time in four', async () => {
        const r = simulate(await compiled(ROUTE('Route(supervised = 0) weight 1, Route(supervised = 1) weight 3')));
        // Unwatched [−3, 6] of 6 (worst −3); watched [6, 6] of 6: lo 0.25·−3 + 0.75·6 = 3.75, regret (6 − 3.75) / 9 = 0.25.
        expect(optimizer(r, 'Watched').deployAverage).toEqual({ lo: 3.75, hi: 6, optimum: 6, worst: -3, normalizedRegret: 0.25 });
        expect(formatVerdictTable(r)).toContain('; weighted average [3.75, 6] of 6 (regret 0.250)');
    });

    test('none without weights, or with one deployment environment', async () => {
        expect(optimizer(simulate(await compiled(ROUTE('Route(supervised = 0), Route(supervised = 1)'))), 'Watched').deployAverage).toBeNull();
        expect(optimizer(simulate(await compiled(ROUTE('Route(supervised = 0) weight 2'))), 'Watched').deployAverage).toBeNull();
    });
});
