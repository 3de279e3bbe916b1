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

/** Bundles `probe` (next to this file) and runs it under `--trace-deopt` and `flags`: what V8 printed. */
function traceOf(dir: string, probe: string, flags: string[] = []): string {
    const out = join(dir, probe.replace(/\.ts$/, '.cjs'));
    buildSync({ entryPoints: [join(__dirname, probe)], bundle: true, platform: 'node', target: 'node20', outfile: out, logLevel: 'silent' });
    return execFileSync(process.execPath, [...flags, '--trace-deopt', out], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

describe('shapes kept across analyses', () => {
    let dir: string;
    let trace: string;
    let growing: string;
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'mesa-shapes-'));
        trace = traceOf(dir, 'shapes-probe.ts', ['--expose-gc']);
        growing = traceOf(dir, 'growth-probe.ts', ['--trace-opt']);
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

    // The exploring loop grows its transition and reward arrays in place: a new array of
    // arrays has another hidden class, and V8 would throw the loop's optimised code away at
    // each growth (3 or 4 times here, as on 3 million states), and compile it again.
    it('keeps the exploring loop\'s optimised code while its arrays grow', () => {
        expect(growing).toContain('states 368639');
        // V8 did optimise the loop.
        expect(growing).toMatch(/completed (optimizing|compiling) [^\n]*<JSFunction explore /);
        const wrongMap = [...growing.matchAll(/reason: wrong map\)[^\n]*<JSFunction explore /g)];
        expect(wrongMap).toHaveLength(0);
    });
});
