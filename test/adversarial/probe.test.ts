import { test } from 'vitest';
import { compiled, exampleText, EXAMPLES } from '../helpers/services.js';
import { simulate } from '../../language/simulation/index.js';

test('probe', async () => {
    for (const name of EXAMPLES) {
        const spec = await compiled(exampleText(name));
        const t0 = performance.now();
        const r = simulate(spec);
        const t1 = performance.now();
        const r2 = simulate(spec, { adversarial: false });
        const t2 = performance.now();
        console.log(name, (t1 - t0).toFixed(0), 'ms vs', (t2 - t1).toFixed(0), JSON.stringify(r.candidates), JSON.stringify(r.distinguishing, null, 1), r.incomplete);
    }
});
