/**
 * Golden tests of the built `mesa` binary on the bundled examples: the text of
 * `mesa check` and of `mesa simulate`, byte for byte. After a deliberate change of
 * output, regenerate with `MESA_UPDATE_GOLDEN=1 npx vitest run test/cli/golden.test.ts`
 * and review the diff.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLES } from '../helpers/services.js';

const root = join(import.meta.dirname, '..', '..');
const goldenDir = join(import.meta.dirname, 'golden');
const update = process.env['MESA_UPDATE_GOLDEN'] === '1';

function mesa(...args: string[]) {
    const result = spawnSync(process.execPath, [join(root, 'bin', 'mesa.cjs'), ...args], { cwd: root, encoding: 'utf8' });
    return `exit ${result.status}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}

function golden(name: string, actual: string): void {
    const file = join(goldenDir, name);
    if (update || !existsSync(file)) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
}

beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs', 'cli'], { cwd: root });
});

describe('golden output', () => {
    test('mesa check examples/*.mesa', () => {
        golden('check-examples.txt', mesa('check', ...EXAMPLES.map(e => `examples/${e}.mesa`)));
    });

    test.each(EXAMPLES)('mesa simulate examples/%s.mesa', (example) => {
        golden(`simulate-${example}.txt`, mesa('simulate', `examples/${example}.mesa`));
    });

    test('mesa simulate reports a division by zero where it is written', () => {
        golden('simulate-division.txt', mesa('simulate', 'test/cli/fixtures/division.mesa'));
    });

    test('mesa simulate, distinguish and check report a value that overflows at its node, never Infinity', () => {
        const fixture = 'test/cli/fixtures/overflow.mesa';
        golden('overflow.txt', ['simulate', 'distinguish', 'check'].map(command => `$ mesa ${command}\n${mesa(command, fixture)}`).join('\n'));
    });
});
