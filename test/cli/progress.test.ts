/**
 * The progress line of `mesa simulate` and `mesa distinguish` (cli/progress.ts,
 * docs/cli.md): its text, kept to one row and erased, against a stand-in terminal; then
 * the built binary in a real pseudo-terminal (util-linux `script`), and in a pipe, where
 * nothing of it shows.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { progressLine, type ProgressStream } from '../../cli/progress.js';
import { mesa, ROOT } from '../helpers/cli.js';
import { BUTTON_LAMP_PHASES } from '../helpers/phases.js';

const ERASE = '\r\x1b[K';

/** A terminal of `columns` columns (0: one that does not say) that keeps what is written. */
function terminal(columns: number): ProgressStream & { written: string[] } {
    const written: string[] = [];
    return { isTTY: true, columns, written, write: text => written.push(text) };
}

describe('the progress line', () => {
    test('each stage rewrites the line with the seconds since the run began; done erases it once', () => {
        let now = 1_000;
        const tty = terminal(100);
        const line = progressLine(tty, () => now)!;
        line.stage('exploring Lab');
        now += 1_540;
        line.stage('analysing Pressing');
        line.done();
        line.done();
        expect(tty.written).toEqual([
            `${ERASE}mesa [0.0 s]: exploring Lab…`,
            `${ERASE}mesa [1.5 s]: analysing Pressing…`,
            ERASE,
        ]);
    });

    test('kept to one row: cut at the terminal\'s width less one, 80 columns when it does not say', () => {
        const narrow = terminal(30);
        progressLine(narrow, () => 0)!.stage('candidate objectives and distinguishing environments');
        expect(narrow.written[0]).toBe(`${ERASE}mesa [0.0 s]: candidate obje…`);
        expect(narrow.written[0]!.length - ERASE.length).toBe(29);
        const silent = terminal(0);
        progressLine(silent, () => 0)!.stage('x'.repeat(200));
        expect(silent.written[0]!.length - ERASE.length).toBe(79);
    });

    test('nothing when the stream is not a terminal, and nothing to erase before a stage', () => {
        expect(progressLine({ write: () => { throw new Error('written'); } })).toBeUndefined();
        const tty = terminal(80);
        progressLine(tty)!.done();
        expect(tty.written).toEqual([]);
    });
});

/** Whether util-linux's `script` (Debian's bsdutils) is here to run a command in a pseudo-terminal. */
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;

describe('mesa simulate in a terminal and in a pipe', () => {
    beforeAll(() => {
        execFileSync(process.execPath, ['esbuild.mjs', 'cli'], { cwd: ROOT });
    });

    test.skipIf(!SCRIPT)(`in a terminal: the phases in order on one line, erased before the verdict table${SCRIPT ? '' : ' (skipped: util-linux script is not on the PATH; scripts/install-system-packages.sh installs it)'}`, () => {
        const command = `'${process.execPath}' '${join(ROOT, 'bin', 'mesa.cjs')}' simulate examples/button-lamp.mesa --workers 1`;
        // script runs the command in a pseudo-terminal; its output is the terminal's (both streams).
        const result = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
        expect(result.status).toBe(0);
        const out = result.stdout.replace(/\r\n/g, '\n');
        const stages = [...out.matchAll(/\r\x1b\[Kmesa \[\d+\.\d s\]: ([^…]+)…/g)].map(m => m[1]);
        expect(stages).toEqual(BUTTON_LAMP_PHASES);
        expect(out).toContain(`learning path…${ERASE}optimizer  verdict`);
        expect(out).toMatch(/^Pressing +pseudo-aligned +side-effect/m);
    });

    test.skipIf(!SCRIPT)('the pool\'s first phase is one stage: the environments on its threads', () => {
        const command = `'${process.execPath}' '${join(ROOT, 'bin', 'mesa.cjs')}' simulate examples/button-lamp.mesa --workers 2`;
        const result = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/\r\x1b\[Kmesa \[\d+\.\d s\]: exploring 2 environments on 2 threads…/);
        expect(result.stdout).not.toMatch(/exploring Lab…/);
    });

    test('in a pipe: the results alone', () => {
        const result = mesa('simulate', 'examples/button-lamp.mesa');
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('');
        expect(result.stdout).not.toContain('\x1b');
        expect(result.stdout).toMatch(/^optimizer  verdict/);
    });
});
