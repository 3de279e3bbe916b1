/**
 * The `mesa` command line: `check`, `simulate`, `distinguish`, `graph`. Arguments are parsed with
 * node:util; every failure is one line on stderr and a non-zero exit, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { EmptyFileSystem } from 'langium';
import { createMesaServices } from '../language/mesa-module.js';
import { CHECK_DEFAULTS, runCheck, type Output } from './check.js';
import { MAX_SPEC_BYTES } from './read-spec-file.js';
import { runDistinguish } from './distinguish.js';
import { UserError } from './user-error.js';
import { runGraph } from './graph.js';
import { DEFAULT_MAX_STATES, runSimulate } from './simulate.js';
import { progressLine } from './progress.js';
import { startWorkerEarly } from './parallel/pool.js';

const VERSION = '0.1.0';

const USAGE = `Usage: mesa <command> [options]

Commands:
  check FILE... [--format text|json|sarif] [--strict] [--max-states N] [--time-budget MS]
        Report every diagnostic, static and simulation-backed (within the editor's
        budgets by default: 200000 states, 2000 ms); exit 1 on errors (and on
        warnings with --strict).
  simulate FILE [--json OUT] [--html OUT] [--max-states N] [--seed N] [--time-budget MS] [--workers N]
        Run the full simulation: print the verdict table, write the report JSON and
        the self-contained HTML report (OUT '-' is stdout). Default budget 10000000
        states per environment, no time limit; seed 1. Environments are explored,
        large capability sweeps and the learning path run and the distinguishing
        search's environments judged on N threads at once (default: the number of
        cores; 1: one thread); the report is the same for every N.
  distinguish FILE [--write] [--max-states N] [--time-budget MS] [--workers N]
        Add distinguishing environments (adversarial training) that rule out the
        objectives training cannot tell from the base one: print the edited spec,
        or with --write rewrite FILE in place. --workers as for simulate.
  graph FILE [--env NAME] [--format dot|svg]
        Print an environment's signed causal graph.
  help  Show this help.

Options:
  --version   Print the version.
`;

const out = {
    stdout: (text: string) => { process.stdout.write(text); },
    stderr: (text: string) => { process.stderr.write(text); },
};

/** The output of a long run: `out`, with the line that shows its phases when standard error is a terminal. */
function withProgress(): Output {
    const line = progressLine(process.stderr);
    return line ? { ...out, progress: line } : out;
}

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
        out.stdout(USAGE);
        return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
        out.stdout(`mesa ${VERSION}\n`);
        return 0;
    }
    // Built once the arguments are read: a run of the pool starts its first worker before this (pool.ts, `startWorkerEarly`).
    const services = () => createMesaServices(EmptyFileSystem, { maxSpecBytes: MAX_SPEC_BYTES }).Mesa;
    switch (command) {
        case 'check': {
            const { values, positionals } = parse(rest, {
                format: { type: 'string', default: 'text' },
                strict: { type: 'boolean', default: false },
                'max-states': { type: 'string', default: String(CHECK_DEFAULTS.maxStates) },
                'time-budget': { type: 'string', default: String(CHECK_DEFAULTS.timeBudgetMs) },
            });
            const format = oneOf(values.format as string, ['text', 'json', 'sarif'] as const, '--format');
            if (positionals.length === 0) throw new UserError('check: give at least one .mesa file');
            return runCheck(services(), positionals, {
                format, strict: values.strict as boolean,
                maxStates: positiveInteger(values['max-states'] as string, '--max-states'),
                timeBudgetMs: positiveInteger(values['time-budget'] as string, '--time-budget'),
            }, out, VERSION);
        }
        case 'simulate': {
            const { values, positionals } = parse(rest, {
                json: { type: 'string' },
                html: { type: 'string' },
                'max-states': { type: 'string', default: String(DEFAULT_MAX_STATES) },
                seed: { type: 'string', default: '1' },
                'time-budget': { type: 'string' },
                workers: { type: 'string' },
            });
            if (positionals.length !== 1) throw new UserError('simulate: give exactly one .mesa file');
            const options = {
                ...(values.json !== undefined ? { json: values.json as string } : {}),
                ...(values.html !== undefined ? { html: values.html as string } : {}),
                maxStates: positiveInteger(values['max-states'] as string, '--max-states'),
                seed: wholeNumber(values.seed as string, '--seed'),
                ...(values['time-budget'] !== undefined ? { timeBudgetMs: positiveInteger(values['time-budget'] as string, '--time-budget') } : {}),
                ...(values.workers !== undefined ? { workers: positiveInteger(values.workers as string, '--workers') } : {}),
            };
            startWorkerEarly(options);
            return runSimulate(services(), positionals[0]!, options, withProgress());
        }
        case 'distinguish': {
            const { values, positionals } = parse(rest, {
                write: { type: 'boolean', default: false },
                'max-states': { type: 'string', default: String(DEFAULT_MAX_STATES) },
                'time-budget': { type: 'string' },
                workers: { type: 'string' },
            });
            if (positionals.length !== 1) throw new UserError('distinguish: give exactly one .mesa file');
            const options = {
                write: values.write as boolean,
                maxStates: positiveInteger(values['max-states'] as string, '--max-states'),
                ...(values['time-budget'] !== undefined ? { timeBudgetMs: positiveInteger(values['time-budget'] as string, '--time-budget') } : {}),
                ...(values.workers !== undefined ? { workers: positiveInteger(values.workers as string, '--workers') } : {}),
            };
            startWorkerEarly(options);
            return runDistinguish(services(), positionals[0]!, options, withProgress());
        }
        case 'graph': {
            const { values, positionals } = parse(rest, {
                env: { type: 'string' },
                format: { type: 'string', default: 'dot' },
            });
            const format = oneOf(values.format as string, ['dot', 'svg'] as const, '--format');
            if (positionals.length !== 1) throw new UserError('graph: give exactly one .mesa file');
            return runGraph(services(), positionals[0]!, { env: values.env as string | undefined, format }, out);
        }
        default:
            throw new UserError(`unknown command '${command}'; try \`mesa help\``);
    }
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

function parse(args: string[], options: OptionSpec) {
    try {
        return parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (error) {
        throw new UserError((error as Error).message.replace(/\. To specify a positional.*$/, ''));
    }
}

export function positiveInteger(value: string, flag: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
        throw new UserError(`${flag} must be a positive whole number, not '${value}'`);
    }
    return n;
}

function wholeNumber(value: string, flag: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
        throw new UserError(`${flag} must be a whole number, not '${value}'`);
    }
    return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
    if (!(allowed as readonly string[]).includes(value)) {
        throw new UserError(`${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
    }
    return value as T;
}

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (error: unknown) => {
    if (error instanceof UserError) {
        process.stderr.write(`mesa: ${error.message}\n`);
        process.exitCode = error.exitCode;
    } else {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`mesa: internal error: ${message} (set MESA_DEBUG=1 for details, and please report it)\n`);
        if (process.env['MESA_DEBUG']) console.error(error);
        process.exitCode = 70;
    }
});
