/**
 * `mesa distinguish` on a corridor whose coin position is a parameter, trained with the
 * coin at the end and deployed nowhere (docs/analyses.md, Distinguishing environments):
 * no use compiles another coin position, yet the fix is the one a user writes first, the
 * training binding widened to the nearest value that rules the proxies out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { CORRIDOR } from '../simulation/spec-texts.js';
import { mesa, ROOT } from '../helpers/cli.js';

const root = ROOT;
const NO_DEPLOY = CORRIDOR.replace('deploy Corridor(coin in 0..8)\n', '');
let dir: string;


beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs', 'cli', 'core-worker'], { cwd: root });
    dir = mkdtempSync(join(tmpdir(), 'mesa-distinguish-parameters-'));
});

describe('mesa distinguish, other values of a parameter no use compiles', () => {
    test('prints the spec with the binding widened to coin in 4..8', () => {
        const path = join(dir, 'corridor.mesa');
        writeFileSync(path, NO_DEPLOY);
        const result = mesa('distinguish', path);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(NO_DEPLOY.replace('train Corridor(coin = 8)', 'train Corridor(coin in 4..8)'));
        expect(result.stderr).toBe('mesa: Corridor(coin in 4..8) widens coin from 8 to 4..8; rules out right, x\n');
    });

    test('--write rewrites the file, and the fixed spec needs nothing more', () => {
        const path = join(dir, 'write.mesa');
        writeFileSync(path, NO_DEPLOY);
        expect(mesa('distinguish', path, '--write').code).toBe(0);
        expect(readFileSync(path, 'utf8')).toBe(NO_DEPLOY.replace('train Corridor(coin = 8)', 'train Corridor(coin in 4..8)'));
        // Trained on 4..8, GoRight misfits and no candidate is left to rule out.
        const again = mesa('distinguish', path);
        expect(again.stdout).toBe(readFileSync(path, 'utf8'));
        expect(again.stderr).toBe(`mesa: ${path}: nothing to add: no enumerated or declared objective fits training without being robust\n`);
    });
});
