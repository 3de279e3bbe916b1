/**
 * Run by shapes.test.ts, bundled, in a node with `--expose-gc --trace-deopt`: the whole
 * button-lamp analysis, again and again, a full collection before each; what V8 reports
 * after the line `warm` is what the test reads.
 */
import { simulate } from '../../language/simulation/index.js';
import { buttonLamp } from './fixtures.js';

const gc = (globalThis as { gc?: () => void }).gc!;
for (let i = 0; i < 10; i++) {
    if (i === 3) console.log('warm');
    gc();
    simulate(buttonLamp);
}
