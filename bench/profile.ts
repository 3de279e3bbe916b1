import { simulate } from '../language/simulation/index.js';
import { buttonLamp } from '../test/simulation/fixtures.js';
for (let i = 0; i < 5; i++) { const t0 = performance.now(); simulate(buttonLamp); console.log((performance.now() - t0).toFixed(1), 'ms'); }
