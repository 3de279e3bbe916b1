/**
 * The layers of the tree (docs/design.md, Layout): the compiled model, the simulation
 * core and the analyses that read them import nothing from Langium or LSP, so the CLI,
 * the worker thread and the server share them; the language library imports nothing
 * from its hosts; nothing shipped imports bench or test code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(folder: string): string[] {
    return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter(f => f.endsWith('.ts'))
        .map(f => join(folder, f));
}

function imports(file: string): string[] {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm), ...text.matchAll(/^import\s+'([^']+)'/gm)].map(m => m[1]!);
}

/** Where a relative import lands, from the root (`language/model/spec.ts`). */
function target(file: string, specifier: string): string {
    return relative(root, join(root, file, '..', specifier)).replace(/\.js$/, '.ts');
}

/** Files of findings/ that turn findings into editor diagnostics or edits: they may use LSP types and the AST. */
const EDITOR_ADAPTERS = ['finding-to-diagnostic.ts', 'report-diagnostic.ts', 'simulation-store.ts', 'distinguishing-edits.ts'];

const core = [...sources('language/model'), ...sources('language/simulation'),
    ...sources('language/findings').filter(f => !EDITOR_ADAPTERS.some(a => f.endsWith(a)))];

describe('layers', () => {
    test('the core folders are found', () => {
        expect(core).toContain('language/model/spec.ts');
        expect(core).toContain('language/simulation/adversarial/distinguish.ts');
        expect(core).toContain('language/findings/simulation-analysis.ts');
        expect(core).not.toContain('language/findings/simulation-store.ts');
    });

    test.each(core)('%s imports nothing from Langium, LSP or the AST', file => {
        for (const specifier of imports(file)) {
            expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^(langium|vscode-languageserver|vscode-jsonrpc)/);
            if (specifier.startsWith('.')) {
                const to = target(file, specifier);
                // Only the model, the core, the pure analyses and the table of codes.
                expect(to, `${file} imports ${to}`).toMatch(/^language\/(model|simulation|findings)\/|^language\/validation\/codes\.ts$/);
                expect(EDITOR_ADAPTERS.some(a => to.endsWith(`findings/${a}`)), `${file} imports ${to}`).toBe(false);
            }
        }
    });

    test('the language library imports nothing from the server, client, CLI, bench or tests', () => {
        for (const file of sources('language')) {
            for (const specifier of imports(file).filter(s => s.startsWith('.'))) {
                expect(target(file, specifier), `${file} imports ${specifier}`).toMatch(/^language\//);
            }
        }
    });

    test('shipped code imports no bench or test code', () => {
        for (const file of [...sources('language'), ...sources('server'), ...sources('cli'), ...sources('client')]) {
            for (const specifier of imports(file).filter(s => s.startsWith('.'))) {
                expect(target(file, specifier), `${file} imports ${specifier}`).not.toMatch(/^(bench|test)\//);
            }
        }
    });
});
