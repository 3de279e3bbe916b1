/**
 * One measurement in a fresh process: this bundle run again with `args` (bench.ts
 * dispatches on the first, `--scale-child`, `--parallel-child`, `--lab-child`), its last
 * line of output read as JSON; or, when it failed, the last lines it printed.
 */
import { spawnSync } from 'node:child_process';

export function inChild<T>(args: string[], nodeOptions: string[] = []): T | string {
    const child = spawnSync(process.execPath, [...nodeOptions, process.argv[1]!, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) return (child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ');
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}
