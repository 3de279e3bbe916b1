/**
 * Run by shapes.test.ts, bundled, in a node with `--trace-deopt`: one exploration of
 * button-lamp with the lamp 12 presses back over 100 steps (368,639 states), long enough
 * for V8 to optimise the exploring loop while its transition and reward arrays still grow.
 */
import { Context } from '../../language/simulation/context.js';
import { budgetOf } from '../../language/simulation/simulate.js';
import { buildSpec } from './fixtures.js';

const spec = buildSpec({
    name: 'growing',
    envs: [{ label: 'Lab', horizon: 100, actions: ['press'], nodes: [['lamp', 'press@12']] }],
    objectives: [['base', 'Light', 'lamp'], ['mesa', 'Pressing', 'press']],
    train: ['Lab'],
    deploy: [],
});
console.log(`states ${new Context(spec, budgetOf({ maxStates: 1_000_000 })).graph('Lab')?.nStates}`);
