/**
 * What the .vsix gives a first-time user (docs/editor.md, Installing): the examples that
 * **New Spec from Example** copies, the Get started walkthrough and its media, and a
 * details page whose pictures show (inlined, since the page loads only https: and data:
 * images) and whose README opens with how to get started, not with a developer command.
 * The file list is vsce's own, with the options `npm run package` passes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { Commands } from '../../language/protocol.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Step { id: string; title: string; description: string; media: { image?: string; markdown?: string; altText?: string }; completionEvents?: string[] }
const manifest = JSON.parse(read('package.json')) as {
    scripts: Record<string, string>;
    contributes: { walkthroughs: { id: string; title: string; steps: Step[] }[] };
};
const vsce = createRequire(import.meta.url)('@vscode/vsce') as {
    listFiles(options: { cwd: string; packageManager: 'none'; readmePath?: string }): Promise<string[]>;
};

/** The value of `--readme-path` in the package script. */
const readmePath = /--readme-path\s+(\S+)/.exec(manifest.scripts['package'] ?? '')?.[1];
let shipped: string[];

beforeAll(async () => {
    // As `npm run package` does before vsce: write the details page's README.
    execFileSync(process.execPath, ['scripts/vsix-readme.mjs'], { cwd: root });
    shipped = await vsce.listFiles({ cwd: root, packageManager: 'none', ...(readmePath ? { readmePath } : {}) });
}, 60_000);

const images = (markdown: string) => [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]!);
const links = (markdown: string) => [...markdown.matchAll(/(?<!!)\[[^\]]+\]\(([^)\s]+)\)/g)].map(m => m[1]!);

describe('the .vsix', () => {
    test('ships every example', () => {
        const examples = readdirSync(join(root, 'examples')).filter(f => f.endsWith('.mesa'));
        expect(examples.length).toBeGreaterThanOrEqual(7);
        for (const example of examples) expect(shipped).toContain(`examples/${example}`);
    });

    test('ships the walkthrough\'s media and the pictures, and still no sources', () => {
        for (const step of manifest.contributes.walkthroughs.flatMap(w => w.steps)) {
            for (const media of [step.media.image, step.media.markdown].filter((m): m is string => !!m)) {
                expect(existsSync(join(root, media)), media).toBe(true);
                expect(shipped, media).toContain(media);
            }
        }
        expect(shipped.filter(f => /\.ts$|node_modules|\.map$|^test\/|^language\//.test(f))).toEqual([]);
    });

    test('its README is the details page\'s: pictures inlined, no relative link left', () => {
        expect(readmePath).toBe('dist/README.md');
        expect(shipped).toContain(readmePath);
        expect(shipped).not.toContain('README.md');
        const original = read('README.md');
        const packaged = read(readmePath!);
        const pictures = images(original).filter(p => !/^[a-z]+:/.test(p));
        expect(pictures.length).toBeGreaterThanOrEqual(3);
        const inlined = images(packaged);
        expect(inlined).toHaveLength(images(original).length);
        inlined.forEach((src, k) => {
            expect(src.startsWith('data:image/png;base64,'), src.slice(0, 40)).toBe(true);
            expect(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64').equals(readFileSync(join(root, pictures[k]!)))).toBe(true);
        });
        expect(links(packaged).filter(l => !/^(https?:|mailto:|#)/.test(l))).toEqual([]);
        // The text of a relative link stays.
        expect(packaged).toContain('docs/editor.md');
    });

    test('a README picture that does not exist stops the packaging with a clear message', () => {
        const dir = mkdtempSync(join(tmpdir(), 'mesa-readme-'));
        const broken = join(dir, 'README.md');
        writeFileSync(broken, '# X\n\n![missing](docs/nope.png)\n');
        let message = '';
        try {
            execFileSync(process.execPath, [join(root, 'scripts/vsix-readme.mjs'), broken, join(dir, 'out.md')], { stdio: 'pipe' });
        } catch (error) {
            message = String((error as { stderr: Buffer }).stderr);
        }
        expect(message).toBe('vsix-readme: docs/nope.png: the README shows this picture, but there is no such file\n');
    });
});

describe('the README, for users', () => {
    const readme = read('README.md');
    const sections = readme.split('\n').filter(l => l.startsWith('## '));

    test('has at most 200 lines', () => {
        expect(readme.split('\n').length).toBeLessThanOrEqual(201);
    });

    test('opens with how to get started; building from source comes after', () => {
        expect(sections[0]).toBe('## Getting started');
        const start = readme.indexOf('## Getting started');
        expect(readme.slice(0, start)).not.toMatch(/```|npm |npx /);
        expect(sections.indexOf('## Building from source')).toBeGreaterThan(0);
        const gettingStarted = readme.slice(start, readme.indexOf('\n## ', start + 1)).replace(/\s+/g, ' ');
        for (const entry of ['Get started with Mesa', 'Mesa: New Spec from Example', 'Mesa: Run Simulation', 'Install from VSIX']) {
            expect(gettingStarted).toContain(entry);
        }
    });
});

describe('the Get started walkthrough', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;

    test('opens an example, reads its warnings, runs the simulation, shows the graph', () => {
        expect(walkthrough?.title).toBe('Get started with Mesa');
        const commands = walkthrough!.steps.map(step => [...step.description.matchAll(/\(command:([\w.]+)/g)].map(m => m[1]));
        expect(commands).toEqual([[Commands.newSpecFromExample], [], [Commands.simulate], [Commands.showGraph]]);
    });

    test('each step completes when its command runs (or when it is read), and has words for its picture', () => {
        const known = new Set<string>(Object.values(Commands));
        for (const step of walkthrough!.steps) {
            expect(step.completionEvents?.length, step.id).toBeGreaterThan(0);
            for (const event of step.completionEvents!) {
                if (event.startsWith('onCommand:')) expect(known.has(event.slice('onCommand:'.length)), event).toBe(true);
                else expect(event).toBe('onStepSelected');
            }
            if (step.media.image) expect(step.media.altText?.length, step.id).toBeGreaterThan(20);
        }
    });
});
