/**
 * The other-editor path, proven (docs/editor.md, Neovim and other LSP editors): a
 * headless Neovim (Debian's 0.7) runs the 0.7 configuration and the `:MesaSimulate`
 * command exactly as docs/editor.md gives them, against the bundled server; it opens
 * examples/button-lamp.mesa and reads back its diagnostics and verdicts. Skipped, saying
 * why, only when `nvim` is not on the PATH (scripts/apt-packages.txt installs it).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureServerBundle } from '../helpers/lsp-session.js';
import { BUTTON_LAMP_PHASES } from '../helpers/phases.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'button-lamp.mesa');
const nvim = (process.env['PATH'] ?? '').split(delimiter).map(dir => join(dir, 'nvim')).find(path => existsSync(path));
/** Neovim's diagnostic severities (vim.diagnostic.severity). */
const vim = { ERROR: 1, WARN: 2, INFO: 3 } as const;
const version = nvim ? execFileSync(nvim, ['--version'], { encoding: 'utf8' }).split('\n')[0]! : '';

/** The fenced Lua block of docs/editor.md's Neovim section that contains `marker`. */
function documentedLua(marker: string): string {
    const docs = readFileSync(join(root, 'docs', 'editor.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Neovim and other LSP editors'), docs.indexOf('## Custom requests'));
    const block = [...section.matchAll(/```lua\n([\s\S]*?)```/g)].map(m => m[1]!).find(b => b.includes(marker));
    expect(block, `docs/editor.md has a Lua block with ${marker}`).toBeDefined();
    return block!.replaceAll('/path/to/mesa', root);
}

/** Runs after the configuration: open the spec, wait for the analyses, run :MesaSimulate, write what Neovim holds. */
const HARNESS = (out: string) => `
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(example)}))
local function code(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
local analysed = vim.wait(20000, function()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do seen[code(d) or ''] = true end
  return seen['proxy-side-effect'] and seen['unidentifiable'] and seen['distribution-shift']
end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, { code = code(d), lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message })
end
local printed = {}
print = function(line) table.insert(printed, line) end
local echoed = {}
vim.api.nvim_echo = function(chunks) table.insert(echoed, chunks[1][1]) end
vim.cmd('MesaSimulate')
vim.wait(15000, function() return #printed >= 2 end, 50)
local clients = {}
for _, c in pairs(vim.lsp.get_active_clients()) do table.insert(clients, c.name) end
local f = io.open(${JSON.stringify(out)}, 'w')
f:write(vim.fn.json_encode({ analysed = analysed, filetype = vim.bo.filetype, clients = clients, diagnostics = diagnostics, printed = printed, echoed = echoed }))
f:close()
vim.cmd('qa!')
`;

interface NeovimDiagnostic { code: string; lnum: number; col: number; end_col: number; severity: number; message: string }
interface Result { analysed: boolean; filetype: string; clients: string[]; diagnostics: NeovimDiagnostic[]; printed: string[]; echoed: string[] }

let result: Result;
let dir: string;

describe.skipIf(!nvim)(`Neovim${nvim ? ` (${version})` : ' (skipped: nvim is not on the PATH; scripts/install-system-packages.sh installs it)'} with the documented configuration`, () => {
    beforeAll(async () => {
        ensureServerBundle(root);
        dir = mkdtempSync(join(tmpdir(), 'mesa-neovim-'));
        for (const sub of ['config', 'data', 'state', 'cache']) mkdirSync(join(dir, sub));
        writeFileSync(join(dir, 'init.lua'), `${documentedLua('vim.lsp.buf_attach_client')}\n${documentedLua("'mesa/simulate'")}`);
        writeFileSync(join(dir, 'harness.lua'), HARNESS(join(dir, 'out.json')));
        // A clean Neovim: no user configuration, plugins, swap or shada files; `node` is this Node.
        const env = {
            ...process.env,
            PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`,
            XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'),
        };
        const child = spawn(nvim!, ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', join(dir, 'init.lua'), '-c', `luafile ${join(dir, 'harness.lua')}`],
            { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', chunk => { output += String(chunk); });
        child.stderr.on('data', chunk => { output += String(chunk); });
        const code = await new Promise<number | null>(resolve => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
            child.on('exit', status => { clearTimeout(timer); resolve(status); });
        });
        expect(existsSync(join(dir, 'out.json')), `Neovim wrote its result (exit ${code}): ${output}`).toBe(true);
        result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Result;
    }, 60_000);

    afterAll(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('the spec gets the mesa filetype and one mesa client', () => {
        expect(result.filetype).toBe('mesa');
        expect(result.clients).toEqual(['mesa']);
    });

    test('button-lamp: the warnings on Pressing, at its name on line 16', () => {
        expect(result.analysed).toBe(true);
        const onPressing = result.diagnostics.filter(d => d.lnum === 15);
        for (const code of ['proxy-side-effect', 'unidentifiable', 'distribution-shift']) {
            expect(onPressing.find(d => d.code === code), code).toMatchObject({ col: 15, end_col: 23, severity: vim.WARN });
        }
        expect(onPressing.find(d => d.code === 'precomputation')).toMatchObject({ severity: vim.INFO });
        expect(onPressing.find(d => d.code === 'proxy-side-effect')?.message)
            .toBe('Pressing is a side-effect proxy of Light in Lab: raising Pressing through press raises Light (press → (@10) lamp → Light).');
        expect(onPressing.find(d => d.code === 'distribution-shift')?.message)
            .toBe("In deployment environment LabWithSwitch, Pressing scores [30, 30] against Light's optimum 40 (worst 0): normalized regret 0.25.");
    });

    test('Lighting, the robust objective, gets no warning; nothing is an error', () => {
        expect(result.diagnostics.filter(d => d.lnum === 16)).toEqual([]);
        expect(result.diagnostics.filter(d => d.severity === vim.ERROR)).toEqual([]);
        expect(result.diagnostics.map(d => d.code)).toEqual(expect.arrayContaining(['selection-prefers-proxy', 'underdetermined-training']));
    });

    test(':MesaSimulate prints each optimizer\'s verdict from mesa/simulate, having shown the run\'s phases', () => {
        expect(result.printed).toEqual([
            'Pressing         pseudo-aligned  side-effect',
            'Lighting         robust          ',
        ]);
        expect(result.echoed).toEqual(BUTTON_LAMP_PHASES.map(phase => `mesa: ${phase}…`));
    });
});
