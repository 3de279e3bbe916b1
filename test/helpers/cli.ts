/** Runs the built `mesa` command (bin/mesa.cjs) from the repository root, as a user would. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The exit code and the output of `mesa ...args`. */
export function mesa(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'mesa.cjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
