/**
 * Tables and grids in the exact core (docs/simulation.md, Run-time errors; Trajectory
 * sample): indexing reads the table, an index that is not an integer in range is a
 * located run-time error naming the table, the index, the environment and the step, and
 * an environment that shows a grid reports where its sampled behaviours and witnesses put
 * the agent.
 */
import { describe, expect, test } from 'vitest';
import { SimulationError, simulate } from '../../language/simulation/index.js';
import { buildSpec } from './fixtures.js';

function errorOf(run: () => unknown): SimulationError {
    let error: unknown;
    try { run(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SimulationError);
    return error as SimulationError;
}

describe('indexing', () => {
    const counter = (rule: string, horizon = 5) => buildSpec({
        name: 'maze',
        envs: [{ label: 'Lab', horizon, actions: ['a'], nodes: [['i', 'i@1 + a'], ['v', rule]], tables: { maze: [1, 0, 2] }, grids: { g: ['#.', '.#'] } }],
        objectives: [['base', 'B', 'v'], ['mesa', 'M', 'a']], train: ['Lab'],
    });

    test('reads the table: pressing to index 2 and staying', () => {
        // v = maze[min(i, 2)]: pressing at steps 1 and 2 reads maze[1] = 0, then maze[2] = 2 twice;
        // every other way scores less (waiting throughout: 1 + 1 + 1).
        const report = simulate(counter('maze[min(i, 2)]', 3), { samples: 1 });
        expect(report.optimizers[0]!.train[0]!.optimum).toBe(0 + 2 + 2);
    });

    test('an index out of range is an error at the indexing, with the table, the index, the environment and the step', () => {
        const e = errorOf(() => simulate(counter('maze[i]'), { samples: 1 }));
        expect(e.message).toBe('Index 3 of maze is out of range 0..2 in Lab at step 3: an index must be an integer from 0 to 2 in every reachable state; keep it in range, e.g. with clamp(i, 0, 2).');
        expect(e.location?.range.start.line).toBe(500);
        expect(e.code).toBe('index-out-of-range');
    });

    test('an index that is not an integer is the same error', () => {
        const e = errorOf(() => simulate(counter('maze[i / 2]'), { samples: 1 }));
        expect(e.message).toMatch(/^Index 0\.5 of maze is not an integer in 0\.\.2 in Lab at step 1: /);
    });

    test('a grid is indexed row, then column; the column is checked in its row', () => {
        // g[0][0] is '#', g[1][0] is '.': waiting keeps i at 0 and scores each step.
        expect(simulate(counter("g[min(i, 1)][0] == '#'", 2), { samples: 1 }).optimizers[0]!.train[0]!.optimum).toBe(2);
        const e = errorOf(() => simulate(counter('g[0][i]'), { samples: 1 }));
        expect(e.message).toMatch(/^Index 2 of g\[0\] is out of range 0\.\.1 in Lab at step 2: /);
    });
});

describe('a shown grid', () => {
    // A corridor: right moves the agent one cell unless a wall is there; the goal is G.
    const corridor = buildSpec({
        name: 'corridor',
        envs: [{
            label: 'Hall', horizon: 3, actions: ['right'],
            grids: { maze: ['#####', '#..G#', '#####'] },
            nodes: [['x', "x@1 + (right and maze[1][x@1 + 1] != '#')", 1], ['y', '1', 1], ['goal', "maze[y][x] == 'G'"]],
            show: { grid: 'maze', x: 'x', y: 'y' },
        }],
        objectives: [['base', 'Goal', 'goal'], ['mesa', 'Push', 'right']],
        train: ['Hall'],
    });

    test('the report gives the grid, the paths of the optimum and of each optimizer, and the witness position', () => {
        const report = simulate(corridor, { samples: 20 });
        // Right, right reaches G at step 2 and stays: Goal 2. Push always pushes: the same
        // path; at G, where Goal allows waiting too, is its witness.
        expect(report.optimizers[0]!.train[0]).toEqual({ env: 'Hall', lo: 2, hi: 2, optimum: 2, worst: 0 });
        const path: [number, number][] = [[1, 1], [2, 1], [3, 1], [3, 1]];
        expect(report.environments[0]!.grid).toEqual({
            name: 'maze', rows: ['#####', '#..G#', '#####'], x: 'x', y: 'y',
            paths: [{ policy: 'optimal', positions: [path] }, { policy: 'Push', positions: [path] }],
            witnesses: [{ optimizer: 'Push', x: 3, y: 1 }],
        });
    });

    test('the shown nodes are remembered even when no rule reads them back', () => {
        // y is never read with a delay, yet each state holds it.
        const report = simulate(corridor, { samples: 1 });
        expect(report.optimizers[0]!.witness!.values).toEqual({ 'x@1': 3, 'y@1': 1 });
    });

    test('an environment without show has no grid', () => {
        const spec = buildSpec({
            name: 'plain', envs: [{ label: 'E', horizon: 2, actions: ['a'], nodes: [['x', 'a']] }],
            objectives: [['base', 'B', 'x']], train: ['E'],
        });
        expect(simulate(spec, { samples: 1 }).environments[0]!.grid).toBeNull();
    });
});
