/**
 * The `mesa` binary as users run it: exit codes, one-line messages for bad input (never
 * a stack trace), and the shapes of JSON and SARIF output.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { mesa, ROOT } from '../helpers/cli.js';

const root = ROOT;
let dir: string;


beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs', 'cli'], { cwd: root });
    dir = mkdtempSync(join(tmpdir(), 'mesa-cli-'));
});

describe('mesa check on bad input', () => {
    test.each([
        ['a missing file', () => join(dir, 'missing.mesa'), /^mesa: .*missing\.mesa: no such file\n$/],
        ['a directory', () => dir, /^mesa: .*: is a directory; give the \.mesa files in it/],
        ['an empty file', () => file('empty.mesa', ''), /^mesa: .*empty\.mesa: the file is empty/],
        ['binary junk', () => file('junk.mesa', Buffer.from([0x4d, 0x00, 0xff, 0xfe, 0x01])), /^mesa: .*junk\.mesa: not a text file \(a NUL byte at offset 1\)/],
        ['invalid UTF-8', () => file('latin1.mesa', Buffer.from([0x65, 0xe9, 0x65])), /^mesa: .*latin1\.mesa: not valid UTF-8 text/],
    ])('%s: one line naming the path, exit 2', (_name, makePath, message) => {
        const result = mesa('check', makePath());
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(result.stderr).not.toMatch(/\bat .*\.c?js:\d+/);
    });

    test('an unreadable file', () => {
        const path = file('locked.mesa', 'environment E { horizon 1 }');
        chmodSync(path, 0o000);
        const result = mesa('check', path);
        if (process.getuid?.() === 0) {
            // root reads anything: the file is read and checked
            expect(result.code).toBe(1);
        } else {
            expect(result.stderr).toMatch(/permission denied/);
        }
    });

    test('syntax errors: located diagnostics, exit 1, no stack trace', () => {
        const path = file('broken.mesa', 'environment E {\n  horizon 3\n  node x = (1 +\n}\n');
        const result = mesa('check', path);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/broken\.mesa:4:1: error \[syntax-error\] Syntax error: expected .* but found '\}'\./);
        expect(result.stderr).toBe('');
    });

    test('half-typed input: syntax errors only, no internal error, nothing on stderr', () => {
        const path = file('half.mesa', 'environment E { horizon 2 action a node x = a }\ntrain (x)\nobjective base B = x\n');
        const result = mesa('check', path);
        expect(result.code).toBe(1);
        expect(result.stdout.split('\n').filter(line => line.includes('half.mesa:'))).toEqual([
            expect.stringMatching(/half\.mesa:2:7: error \[syntax-error\] Syntax error: expected a name but found '\('\./),
            expect.stringMatching(/half\.mesa:2:9: error \[syntax-error\] Syntax error: expected '=' or 'in' but found '\)'\./),
        ]);
        expect(result.stderr).toBe('');
    });

    test('a huge file is refused with its size', () => {
        const path = file('huge.mesa', 'x'.repeat(9 * 1024 * 1024));
        const result = mesa('check', path);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/huge\.mesa: too large \(9\.0 MB\); Mesa reads specs up to 8 MB/);
    });

    test('unknown options and commands', () => {
        expect(mesa('check', '--colour', 'x.mesa').stderr).toMatch(/^mesa: Unknown option '--colour'/);
        expect(mesa('frobnicate').stderr).toBe("mesa: unknown command 'frobnicate'; try `mesa help`\n");
        expect(mesa('check', '--format', 'xml', 'x.mesa').stderr).toBe("mesa: --format must be one of text, json, sarif, not 'xml'\n");
    });
});

describe('mesa check output formats', () => {
    test('exit 0 with warnings, 1 with --strict', () => {
        expect(mesa('check', 'examples/button-lamp.mesa').code).toBe(0);
        expect(mesa('check', '--strict', 'examples/button-lamp.mesa').code).toBe(1);
        expect(mesa('check', '--strict', 'examples/evolution.mesa').code).toBe(1);
    });

    test('JSON has the shape of docs/cli.md with 0-based positions', () => {
        const result = mesa('check', '--format', 'json', 'examples/button-lamp.mesa');
        const json = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; severity: string; message: string; range: unknown; related: unknown[] }[] }[] };
        expect(json.files).toHaveLength(1);
        expect(json.files[0]!.path).toBe('examples/button-lamp.mesa');
        const sideEffect = json.files[0]!.diagnostics.find(d => d.code === 'proxy-side-effect')!;
        expect(sideEffect.severity).toBe('warning');
        expect(sideEffect.range).toEqual({ start: { line: 15, character: 15 }, end: { line: 15, character: 23 } });
        expect(sideEffect.related).toContainEqual({
            message: 'press → lamp (+, delay 10)', path: 'examples/button-lamp.mesa',
            range: { start: { line: 5, character: 7 }, end: { line: 5, character: 11 } },
        });
        expect(json.files[0]!.diagnostics.map(d => d.code)).toEqual(expect.arrayContaining(['unidentifiable', 'distribution-shift', 'precomputation', 'selection-prefers-proxy']));
    });

    test('SARIF 2.1.0: rule ids are codes, 1-based physical locations', () => {
        const result = mesa('check', '--format', 'sarif', 'examples/garden.mesa');
        const sarif = JSON.parse(result.stdout);
        expect(sarif.version).toBe('2.1.0');
        const run = sarif.runs[0];
        expect(run.tool.driver.name).toBe('mesa');
        const instrumental = run.results.find((r: { ruleId: string }) => r.ruleId === 'proxy-instrumental');
        expect(instrumental.level).toBe('warning');
        expect(run.tool.driver.rules[instrumental.ruleIndex].id).toBe('proxy-instrumental');
        expect(instrumental.locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: 'examples/garden.mesa' },
            region: { startLine: 14, startColumn: 16, endLine: 14, endColumn: 24 },
        });
    });
});

describe('run-time errors', () => {
    // x walks right from 2 along a table of 4: x = 4 at step 2 reads past the end.
    const SPEC = 'const t = [1, 2, 3, 4]\nenvironment E {\n  horizon 2\n  action a\n  node x init 2 = x@1 + 1\n  node y = t[x]\n}\nobjective base B = y\ntrain E\n';

    test('an index out of range is its own code, at the read, in check and simulate', () => {
        const path = file('index.mesa', SPEC);
        const check = mesa('check', path);
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(/index\.mesa:6:12: error \[index-out-of-range\] Index 4 of t is out of range 0\.\.3 in E at step 2/);
        const simulate = mesa('simulate', path);
        expect(simulate.code).toBe(1);
        expect(simulate.stderr).toMatch(/index\.mesa:6:12: error \[index-out-of-range\] Index 4 of t/);
    });
});

describe('mesa graph', () => {
    test('DOT of the first training environment with signs and delays', () => {
        const result = mesa('graph', 'examples/button-lamp.mesa');
        expect(result.code).toBe(0);
        // The report's drawing: a delay is labelled, not dashed; dashes are the mesa objectives'.
        expect(result.stdout).toContain('"press" -> "lamp" [label="+ @10", class="causal delayed"];');
        expect(result.stdout).toContain('"lamp" -> "objective:Light" [label="+", color="#1864ab", fontcolor="#1864ab", penwidth=2, class="target base"];');
        expect(result.stdout).toContain('"press" -> "objective:Pressing" [label="+", color="#862e9c", fontcolor="#862e9c", style=dashed, class="target mesa"];');
    });

    test('SVG laid out by Graphviz', () => {
        const result = mesa('graph', 'examples/cleaning.mesa', '--env', 'Home', '--format', 'svg');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^<\?xml|<svg/);
        expect(result.stdout).toContain('scatter');
    });

    test('an unknown environment is named', () => {
        const result = mesa('graph', 'examples/cleaning.mesa', '--env', 'Attic');
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("mesa: examples/cleaning.mesa: no environment 'Attic' among those the spec uses (Room, Home)\n");
    });
});

function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
}
