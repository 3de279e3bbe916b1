/**
 * What a deployment environment changes from training (model/changes.ts): added actions
 * and nodes, and nodes whose rule, init or drawn init differ.
 */
import { describe, expect, test } from 'vitest';
import { environmentChanges } from '../../language/model/changes.js';
import { compiled } from '../helpers/services.js';

describe('environment changes', () => {
    test('an init drawn from another distribution is a change, even with the same most likely value', async () => {
        // uniform(0, 2) and choose(0.5: 0, 0.25: 1, 0.25: 2): both most likely 0 (the first of equals), different draws.
        const spec = await compiled(`environment A { horizon 2 action a node c init uniform(0, 2) = c@1 node x = a }
environment B extends A { node c init choose(0.5: 0, 0.25: 1, 0.25: 2) = c@1 action b }
environment C extends A { node x = a }
objective base O = x
train A
deploy B, C
`);
        const env = (label: string) => spec.environments.find(e => e.label === label)!;
        expect(env('A').nodes.find(n => n.name === 'c')!.init).toBe(env('B').nodes.find(n => n.name === 'c')!.init);
        expect(environmentChanges(env('B'), env('A'))).toEqual({ addedActions: ['b'], addedNodes: [], changedNodes: ['c'] });
        expect(environmentChanges(env('C'), env('A'))).toEqual({ addedActions: [], addedNodes: [], changedNodes: [] });
    });
});
