/**
 * The worker threads of `mesa simulate` and `mesa distinguish` (docs/simulation.md, Worker
 * threads; cli/parallel/pool.ts): environments explored and solved on workers give the
 * report of one thread byte for byte, on every example and published case; state cap
 * entries come in the same order; a time budget, a cancellation and a located run-time
 * error end as in one thread; a missing worker bundle falls back to one thread; a worker
 * claims its next environment itself while this thread is busy, and this thread explores
 * what a worker that failed or is still starting did not claim; a worker started before
 * the run is the one it takes, and is ended when nothing takes it. The pool runs
 * dist/core-worker.cjs, built here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { simulateParallel, startedWorkers, startWorkerEarly, waitingWorkers, workerSeeds } from '../../cli/parallel/pool.js';
import { buffersOf } from '../../cli/parallel/messages.js';
import { compileEnvironment } from '../../language/simulation/codegen.js';
import { Budget } from '../../language/simulation/errors.js';
import { explore } from '../../language/simulation/explore.js';
import { simulate, SimulationError } from '../../language/simulation/index.js';
import { compiled, EXAMPLES, exampleText, PUBLISHED, publishedText } from '../helpers/services.js';
import { mesa, ROOT } from '../helpers/cli.js';

const root = ROOT;
let dir: string;


function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
}

beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs', 'cli', 'core-worker'], { cwd: root });
    dir = mkdtempSync(join(tmpdir(), 'mesa-parallel-'));
});

/** A worker bundle that, once told to explore, claims every free environment as a real worker would, and fails each. */
function greedyWorker(name: string): string {
    return file(name, [
        "const { parentPort } = require('node:worker_threads');",
        'let run;',
        'parentPort.on(\'message\', m => {',
        '    if (m.begin) { run = m.begin; return; }',
        '    run.tasks.forEach((label, j) => {',
        '        if (Atomics.compareExchange(run.claims, j, 0, 1 + run.slot) === 0) parentPort.postMessage({ label, kind: \'failed\', stopped: false });',
        '    });',
        '});',
    ].join('\n'));
}

/** Three environments, explored in the order A, B, C: A and C too big for a cap of 2,000 states, B (4 states) between them. */
const CAPPED = `environment A {
  horizon 30
  action press
  node lamp = press@8
}
environment B extends A { horizon 3 }
environment C extends A { horizon 40 }
objective base Light = lamp
objective mesa Pressing = press
train A, B
deploy C
`;

/** Four environments explored in the order A to D: A over `horizon` steps, the others of a few states each (the lamp cannot light within their horizon). */
const four = (horizon: number): string => `environment A {
  horizon ${horizon}
  action press
  node lamp = press@14
}
environment B extends A { horizon 2 }
environment C extends A { horizon 3 }
environment D extends A { horizon 4 }
objective base Light = lamp
objective mesa Pressing = press
train A, B
deploy C, D
`;

/** A division by zero met only in the deployment environment, the second one explored. */
const DIVIDES = `environment E {
  horizon 3
  action go
  node d = 1
  node x = go / d
}
environment F extends E {
  node d = 1 - go@1
}
objective base B = x
objective mesa O = go
train E
deploy F
`;

/** A return that overflows only when summed, in the second environment: an error of the solve, not the exploration. */
const OVERFLOWS = `environment E {
  horizon 2
  action go
  node x = go
}
environment F extends E {
  horizon 4
  node x = 1e308 + go
}
objective base B = x
train E
deploy F
`;

describe('the pool gives the report of one thread, byte for byte', () => {
    test.each([...EXAMPLES.map(n => [n, exampleText(n)]), ...PUBLISHED.map(n => [`published/${n}`, publishedText(n)])])(
        '%s', async (_name, text) => {
            const spec = await compiled(text!);
            const one = JSON.stringify(simulate(spec), null, 2);
            expect(JSON.stringify(await simulateParallel(spec, { workers: 2 }), null, 2)).toBe(one);
        });
});

describe('what the workers hand over', () => {
    test('button-lamp: both environments explored and every objective solved on workers', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const seeds = await workerSeeds(spec, { workers: 2 });
        expect([...seeds.keys()].sort()).toEqual(['Lab', 'LabWithSwitch']);
        const lab = seeds.get('Lab')!;
        if (!('graph' in lab)) throw new Error('Lab was not explored');
        expect(lab.graph.nStates).toBe(32_767);
        expect([...lab.solved.keys()]).toEqual(['Light', 'Pressing', 'Lighting']);
        expect(lab.solved.get('Light')!.optimum).toBe(30);
        expect(lab.solved.get('Pressing')!.optimum).toBe(40);
        // Born in shared memory: a worker can be handed it again without a copy.
        for (const a of [lab.graph.next, lab.graph.codes, ...lab.graph.rewards.values()]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    });

    test('one worker, one environment, or no worker bundle: nothing is handed over, and the report is the same', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        expect((await workerSeeds(spec, { workers: 1 })).size).toBe(0);
        expect((await workerSeeds(await compiled(exampleText('evolution')), { workers: 2 })).size).toBe(0);
        const missing = join(dir, 'no-such-worker.cjs');
        expect((await workerSeeds(spec, { workers: 2, workerFile: missing })).size).toBe(0);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2, workerFile: missing }))).toBe(JSON.stringify(simulate(spec)));
    });

    test('a worker bundle that fails at start: this thread explores every environment, and the report is the same', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const broken = file('broken-worker.cjs', 'throw new Error("no");\n');
        expect([...(await workerSeeds(spec, { workers: 2, workerFile: broken })).keys()]).toEqual(['Lab', 'LabWithSwitch']);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2, workerFile: broken }))).toBe(JSON.stringify(simulate(spec)));
    });

    test('a worker still starting when the rest is done: this thread explores every environment rather than wait', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const started = join(dir, 'slow-worker-started');
        // Sleeps 3 s, leaves a mark, then is the real worker.
        const slow = file('slow-worker.cjs', [
            'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);',
            `require('node:fs').writeFileSync(${JSON.stringify(started)}, '');`,
            `require(${JSON.stringify(join(root, 'dist', 'core-worker.cjs'))});`,
        ].join('\n'));
        const seeds = await workerSeeds(spec, { workers: 2, workerFile: slow });
        expect([...seeds.keys()]).toEqual(['Lab', 'LabWithSwitch']);
        expect(existsSync(started)).toBe(false);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2, workerFile: slow }))).toBe(JSON.stringify(simulate(spec)));
        expect(existsSync(started)).toBe(false);
    });

    test('four environments on two threads: each is explored once, every objective solved, and the report is the same', async () => {
        const spec = await compiled(four(24));
        const seeds = await workerSeeds(spec, { workers: 2 });
        const sizes = Object.fromEntries([...seeds].map(([label, seed]) => [label, 'graph' in seed ? seed.graph.nStates : -1]));
        expect(sizes).toEqual({ A: 196_607, B: 3, C: 4, D: 5 });
        for (const seed of seeds.values()) expect('solved' in seed && [...seed.solved.keys()]).toEqual(['Light', 'Pressing']);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2 }))).toBe(JSON.stringify(simulate(spec)));
    });

    test('a worker claims the next environments itself while this thread explores the first', async () => {
        // A has 1.7 million states: this thread is still exploring it when the worker has started.
        const spec = await compiled(four(118));
        const greedy = greedyWorker('greedy-worker.cjs');
        // This thread claimed A, by far the largest, before the worker started; the worker took B, C and D meanwhile.
        const seeds = await workerSeeds(spec, { workers: 2, workerFile: greedy });
        expect([...seeds.keys()]).toEqual(['A']);
        const a = seeds.get('A')!;
        expect('graph' in a && a.graph.nStates).toBe(1_736_703);
    });

    test('the transfer list holds every buffer of a graph, each once', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const g = explore(compileEnvironment(spec.environments[0]!, spec.objectives), new Budget(1e6, undefined, undefined));
        const buffers = buffersOf({ graph: g });
        expect(new Set(buffers).size).toBe(buffers.length);
        for (const a of [g.next, g.layerStart, ...g.rewards.values()]) expect(buffers).toContain(a.buffer);
        // Lab draws nothing: next, layerStart, three reward arrays and the state store's buffers.
        expect(buffers.length).toBeGreaterThanOrEqual(6);
    });
});

describe('a worker started before the run', () => {
    test('is the one the run takes: it claims the environments this thread leaves, and no other starts', async () => {
        // A has 1.7 million states: this thread explores it while the worker, ready long before, claims the rest.
        const spec = await compiled(four(118));
        const greedy = greedyWorker('greedy-early-worker.cjs');
        const before = startedWorkers();
        startWorkerEarly({ workers: 2, workerFile: greedy });
        // A second call while one waits starts none.
        startWorkerEarly({ workers: 2, workerFile: greedy });
        expect([startedWorkers() - before, waitingWorkers()]).toEqual([1, 1]);
        const seeds = await workerSeeds(spec, { workers: 2, workerFile: greedy });
        // The early worker failed B, C and D, which it claimed: only this thread's A is handed over.
        expect([...seeds.keys()]).toEqual(['A']);
        expect([startedWorkers() - before, waitingWorkers()]).toEqual([1, 0]);
    });

    test('gives the report of one thread, byte for byte', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        startWorkerEarly({ workers: 2 });
        expect(waitingWorkers()).toBe(1);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2 }))).toBe(JSON.stringify(simulate(spec)));
        expect(waitingWorkers()).toBe(0);
    });

    test('is ended when the run stays on this thread or leaves it waiting; with one worker, none starts', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        startWorkerEarly({ workers: 1 });
        expect(waitingWorkers()).toBe(0);
        startWorkerEarly({ workers: 2, workerFile: join(dir, 'no-such-worker.cjs') });
        expect(waitingWorkers()).toBe(0);
        startWorkerEarly({ workers: 2 });
        expect(waitingWorkers()).toBe(1);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 1 }))).toBe(JSON.stringify(simulate(spec)));
        expect(waitingWorkers()).toBe(0);
        // One environment to explore, and no search or sweep that shares its work: the pool never takes it.
        const evolution = await compiled(exampleText('evolution'));
        startWorkerEarly({ workers: 2 });
        expect(JSON.stringify(await simulateParallel(evolution, { workers: 2 }))).toBe(JSON.stringify(simulate(evolution)));
        expect(waitingWorkers()).toBe(0);
    });

    test('that fails at start: the run goes on without it, and the report is the same', async () => {
        const spec = await compiled(exampleText('button-lamp'));
        const broken = file('broken-early-worker.cjs', 'throw new Error("no");\n');
        startWorkerEarly({ workers: 2, workerFile: broken });
        // Taken before its failure is heard, or forgotten after: either way the run does as one thread does.
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2, workerFile: broken }))).toBe(JSON.stringify(simulate(spec)));
        startWorkerEarly({ workers: 2, workerFile: broken });
        for (let i = 0; i < 200 && waitingWorkers() > 0; i++) await new Promise(r => setTimeout(r, 10));
        expect(waitingWorkers()).toBe(0);
        expect(JSON.stringify(await simulateParallel(spec, { workers: 2, workerFile: broken }))).toBe(JSON.stringify(simulate(spec)));
    });
});

describe('budgets through the pool', () => {
    test('the state cap: the same incomplete entries, in the same order', async () => {
        const spec = await compiled(CAPPED);
        const one = simulate(spec, { maxStates: 2_000 });
        const pooled = await simulateParallel(spec, { maxStates: 2_000, workers: 2 });
        expect(pooled.incomplete.slice(0, 2).map(e => [e.budget, e.env, e.limit])).toEqual([['states', 'A', 2_000], ['states', 'C', 2_000]]);
        expect(JSON.stringify(pooled)).toBe(JSON.stringify(one));
        expect(pooled.environments.map(e => [e.label, e.states])).toEqual([['A', null], ['B', 4], ['C', null]]);
    });

    test('a time budget of 1 ms ends with a report saying so', async () => {
        const spec = await compiled(CAPPED);
        const report = await simulateParallel(spec, { timeBudgetMs: 1, workers: 2 });
        const time = report.incomplete.filter(e => e.budget === 'time');
        expect(time).toHaveLength(1);
        expect(time[0]!.limit).toBe(1);
        expect(time[0]!.message).toMatch(/^incomplete: the time budget of 1 ms was hit/);
        expect(report.samples).toEqual([]);
        expect(report.learningPath).toBeNull();
    });

    test('a cancellation while both threads explore stops both: nothing is handed over, and the report says so', async () => {
        // Two labs of 1.7 million states (about 0.3 s each here): each thread is exploring one when the run is cancelled.
        const spec = await compiled(four(118).replace('environment B extends A { horizon 2 }', 'environment B extends A { horizon 117 }'));
        const cancelledAfter = (ms: number): { cancelled: boolean } => {
            const t0 = performance.now();
            return { get cancelled(): boolean { return performance.now() - t0 > ms; } };
        };
        // The worker stopped too: had it gone on, B's graph would be handed over.
        expect((await workerSeeds(spec, { signal: cancelledAfter(100), workers: 2 })).size).toBe(0);
        const report = await simulateParallel(spec, { signal: cancelledAfter(100), workers: 2 });
        expect(report.incomplete.map(e => e.budget)).toEqual(['cancelled']);
        expect(report.environments.map(e => e.states)).toEqual([null, null, null, null]);
    });

    test('a cancelled run ends with a report saying so', async () => {
        const spec = await compiled(CAPPED);
        const report = await simulateParallel(spec, { signal: { cancelled: true }, workers: 2 });
        expect(report.incomplete.map(e => e.budget)).toEqual(['cancelled']);
        expect(report.environments.every(e => e.states === null)).toBe(true);
    });
});

describe('run-time errors through the pool', () => {
    test.each([
        ['a division by zero while exploring', DIVIDES, 'Division by zero in F: this divisor is 0 in a reachable state; guard it, e.g. `if d == 0 then 0 else n / d`.', 4],
        ['a return that overflows when solved', OVERFLOWS, /^The return of objective B in F is not a finite number: summed from step 3/, 9],
    ])('%s: the same located error', async (_name, text, message, line) => {
        const spec = await compiled(text);
        const one = (() => { try { simulate(spec); } catch (e) { return e; } return null; })();
        expect(one).toBeInstanceOf(SimulationError);
        const pooled = await simulateParallel(spec, { workers: 2 }).then(() => null, (e: unknown) => e);
        expect(pooled).toBeInstanceOf(SimulationError);
        expect((pooled as SimulationError).message).toBe((one as SimulationError).message);
        expect((pooled as SimulationError).message).toMatch(message);
        expect((pooled as SimulationError).location?.range.start.line).toBe(line);
    });
});

describe('mesa simulate --workers', () => {
    test('--workers 1 and the default print the same JSON', () => {
        const path = join(root, 'examples', 'button-lamp.mesa');
        const one = mesa('simulate', path, '--json', '-', '--workers', '1');
        const pooled = mesa('simulate', path, '--json', '-');
        expect(one.code).toBe(0);
        expect(pooled.code).toBe(0);
        expect(JSON.parse(pooled.stdout).environments.map((e: { states: number }) => e.states)).toEqual([32_767, 32_767]);
        expect(pooled.stdout).toBe(one.stdout);
    });

    test('a located run-time error prints the same line through the pool', () => {
        const path = file('divides.mesa', DIVIDES);
        const pooled = mesa('simulate', path, '--workers', '2');
        expect(pooled.code).toBe(1);
        expect(pooled.stderr).toBe(`${path}:5:12: error [runtime-error] Division by zero in F: this divisor is 0 in a reachable state; guard it, e.g. \`if d == 0 then 0 else n / d\`.\n`);
        expect(mesa('simulate', path, '--workers', '1').stderr).toBe(pooled.stderr);
        const distinguish = mesa('distinguish', path, '--workers', '2');
        expect(distinguish.code).toBe(1);
        expect(distinguish.stderr).toBe(pooled.stderr);
    });

    test('a spec that does not parse: the located error and exit 1, the worker started early ended with the process', () => {
        const path = file('half.mesa', 'environment E {\n  horizon 3\n  action go\n');
        const pooled = mesa('simulate', path, '--workers', '2');
        expect(pooled.code).toBe(1);
        expect(pooled.stderr).toContain(`${path}:3:12: error [syntax-error] Syntax error: expected '}' but found the end of the file.\n`);
        expect(pooled.stderr).toContain(`mesa: ${path}: fix the 2 errors above before simulating\n`);
        const one = mesa('simulate', path, '--workers', '1');
        expect([one.stdout, one.stderr]).toEqual([pooled.stdout, pooled.stderr]);
    });

    test('--workers must be a positive whole number; the help names it', () => {
        expect(mesa('simulate', 'x.mesa', '--workers', '0')).toMatchObject({ code: 2, stderr: "mesa: --workers must be a positive whole number, not '0'\n" });
        expect(mesa('distinguish', 'x.mesa', '--workers', 'two').stderr).toBe("mesa: --workers must be a positive whole number, not 'two'\n");
        expect(mesa('help').stdout).toMatch(/simulate FILE .*\[--workers N\]/);
    });
});
