import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The shapes of an analysis's objects outlive it (language/simulation/shapes.ts), so that a
// collection between two analyses leaves the optimised code of the core's loops in place.
// V8 reports each piece of optimised code it drops because an object it relied on died
// ("weak objects"); the core's hot functions must hardly ever be among them.
const HOT = ['explore', 'fast', 'intern', 'add', 'spend', 'solvePass', 'pairPass', 'evaluate', 'canonical', 'uniformValue', 'transitionSums'];

describe('shapes kept across analyses', () => {
    let dir: string;
    let trace: string;
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'mesa-shapes-'));
        const out = join(dir, 'probe.cjs');
        buildSync({ entryPoints: [join(__dirname, 'shapes-probe.ts')], bundle: true, platform: 'node', target: 'node20', outfile: out, logLevel: 'silent' });
        trace = execFileSync(process.execPath, ['--expose-gc', '--trace-deopt', out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('hardly ever drops the hot loops\' optimised code, once warm, when a full collection comes between analyses', () => {
        const warm = trace.indexOf('\nwarm\n');
        expect(warm).toBeGreaterThan(0);
        const dropped = [...trace.slice(warm).matchAll(/SharedFunctionInfo (\w+)>\)[^\n]*reason: weak objects/g)].map(m => m[1]!);
        // The probe ran, and V8 did optimise the exploring loop.
        expect(trace.slice(0, warm)).toMatch(/SharedFunctionInfo explore>|<JSFunction explore /);
        // Without the kept shapes, every analysis drops several of them (48 in all here); V8 may
        // still drop one now and then, for a reason of its own (a step function it had inlined).
        expect(dropped.filter(name => HOT.includes(name)).length).toBeLessThanOrEqual(2);
    });
});
