/**
 * The extension's contract with VS Code and with the server, checked statically: a thin
 * client (no Langium, nothing from language/ but the protocol file, which brings only
 * the protocol library's RequestType and the report's types),
 * the manifest's commands and settings in step with the code, a .vsix that ships bundles only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ClientSettings, Commands, DEFAULT_SETTINGS } from '../../language/protocol.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const manifest = JSON.parse(read('package.json')) as {
    main: string;
    browser: string;
    type: string;
    contributes: {
        commands: { command: string; title: string; category: string; icon: string }[];
        menus: Record<string, { command: string; when: string; group?: string }[]>;
        configuration: { properties: Record<string, { default: unknown }> };
        languages: { id: string; extensions: string[] }[];
    };
};

function imports(source: string): string[] {
    return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm), ...source.matchAll(/^\s*import\s+'([^']+)'/gm)].map(m => m[1]!);
}

describe('the thin client', () => {
    const files = readdirSync(join(root, 'client')).filter(f => f.endsWith('.ts'));

    test.each(files)('client/%s imports only vscode, the language client and the protocol', file => {
        for (const specifier of imports(read(join('client', file)))) {
            expect(specifier, `${file} imports ${specifier}`).toMatch(
                /^(vscode|vscode-languageclient(\/node\.js|\/browser\.js)?|node:[a-z_]+|\.\/[a-z-]+\.js|\.\.\/language\/protocol\.js)$/);
        }
    });

    test('the protocol file brings the client only RequestType at run time, and the report as types', () => {
        const source = read('language/protocol.ts');
        expect(imports(source)).toEqual(['vscode-languageserver-protocol', './simulation/report.js']);
        expect(source).toContain("import type { Report } from './simulation/report.js';");
        // The report's types reach only the model's types, and nothing at run time.
        expect(imports(read('language/simulation/report.ts'))).toEqual(['../model/spec.js']);
        expect(read('language/simulation/report.ts')).toMatch(/^import type \{[^}]*\} from '\.\.\/model\/spec\.js';$/m);
        expect(imports(read('language/model/spec.ts'))).toEqual([]);
    });
});

describe('the manifest', () => {
    test('every contributed command is registered, and in the palette', () => {
        // Both entries (main.ts for Node, browser-main.ts for a browser) activate through extension.ts.
        const main = read('client/extension.ts');
        for (const entry of ['client/main.ts', 'client/browser-main.ts']) expect(read(entry)).toContain('return activateMesa(context, {');
        expect(manifest.contributes.commands.map(c => c.command)).toEqual(Object.values(Commands));
        for (const key of Object.keys(Commands)) expect(main).toContain(`registerCommand(Commands.${key},`);
        expect(manifest.contributes.commands.map(c => `${c.category}: ${c.title}`))
            .toEqual(['Mesa: Run Simulation', 'Mesa: Show Causal Graph', 'Mesa: New Spec from Example']);
    });

    test('the two commands on a spec are offered with a spec open, in the palette and the editor title', () => {
        for (const command of [Commands.simulate, Commands.showGraph]) {
            expect(manifest.contributes.menus['commandPalette']).toContainEqual({ command, when: 'editorLangId == mesa' });
            expect(manifest.contributes.menus['editor/title']?.some(m => m.command === command && m.group?.startsWith('navigation'))).toBe(true);
        }
    });

    test('New Spec from Example is in the palette with or without a spec open', () => {
        expect(manifest.contributes.menus['commandPalette']).toContainEqual({ command: Commands.newSpecFromExample });
        expect(manifest.contributes.menus['editor/title']?.some(m => m.command === Commands.newSpecFromExample)).toBe(false);
    });

    test('snippets come from the server only, where their declaration may stand', () => {
        // A contributed snippet file would show every snippet everywhere, beside the server's.
        expect(manifest.contributes).not.toHaveProperty('snippets');
    });

    test('the settings are those the server reads, with its defaults, and the client\'s own', () => {
        const properties = manifest.contributes.configuration.properties;
        for (const [key, value] of Object.entries(DEFAULT_SETTINGS.analysis)) {
            expect(properties[`mesa.analysis.${key}`]?.default, key).toBe(value);
        }
        expect(properties['mesa.trace.server']?.default).toBe('off');
        for (const setting of Object.values(ClientSettings)) {
            expect(properties[`${setting.section}.${setting.key}`]?.default, setting.key).toBe(setting.default);
        }
    });

    test('a browser entry beside the Node one (docs/browser.md): the web bundle esbuild writes, loaded as CommonJS', () => {
        expect(manifest.browser).toBe('./dist/web/client.js');
        expect(read('web/build.mjs')).toContain("outfile: join(out, 'web/client.js'),\n            format: 'cjs'");
        // The package is "type": "module"; VS Code's web worker extension host loads a
        // browser entry as CommonJS only while `main` ends in .cjs (it reads the type from `main`),
        // and appends .js to an entry that does not end in it.
        expect(manifest.type).toBe('module');
        expect(manifest.main).toMatch(/\.cjs$/);
        expect(manifest.browser).toMatch(/\.js$/);
    });

    test('the .vsix ships the bundles, not sources or node_modules', () => {
        expect(manifest.main).toBe('./dist/client.cjs');
        const ignore = read('.vscodeignore').split('\n').filter(l => l && !l.startsWith('#'));
        expect(ignore[0]).toBe('**');
        expect(ignore).toEqual(expect.arrayContaining(['!dist/client.cjs', '!dist/server.cjs', '!dist/worker.cjs', '!dist/web/client.js', '!dist/web/server.js']));
        expect(ignore.some(l => /node_modules|\.map|\.ts$/.test(l))).toBe(false);
    });
});
