/**
 * The snippets (language/lsp/snippets.json) and the language configuration: every snippet,
 * expanded with its default placeholders, parses as the declaration it offers; the
 * configuration's regular expressions compile and its word pattern matches Mesa names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';

const root = join(import.meta.dirname, '..', '..');
const services = createMesaServices(EmptyFileSystem);
afterEach(() => clearDocuments(services.shared));

const snippets = JSON.parse(readFileSync(join(root, 'language', 'lsp', 'snippets.json'), 'utf8')) as Record<string, { prefix: string; body: string[]; description: string }>;

/**
 * A snippet body with every placeholder replaced by its default (choices: the first),
 * innermost first, or by what `typed` says the user typed into it.
 */
function expand(body: string[], typed: Record<string, string> = {}): string {
    const defaults = new Map<string, string>(Object.entries(typed));
    let text = body.join('\n');
    for (let before = ''; before !== text;) {
        before = text;
        text = text
            .replace(/\$\{(\d+):([^{}]*)\}/g, (_, n: string, value: string) => {
                if (!defaults.has(n)) defaults.set(n, value);
                return defaults.get(n)!;
            })
            .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
            .replace(/\$\{(\d+)\}/g, (_, n: string) => defaults.get(n) ?? '');
    }
    // Tab stops that mirror a placeholder (`$3`) take that placeholder's default.
    for (let i = 0; i < 3; i++) text = text.replace(/\$(\d+)/g, (_, n: string) => defaults.get(n) ?? '');
    return text;
}

describe('snippets', () => {
    test('one per declaration kind', () => {
        const prefixes = Object.values(snippets).map(s => s.prefix);
        for (const kind of ['environment', 'node', 'node qualitative', 'objective base', 'objective mesa', 'optimizer', 'train', 'deploy', 'select', 'const', 'const rows', 'grid', 'show']) {
            expect(prefixes).toContain(kind);
        }
        for (const snippet of Object.values(snippets)) expect(snippet.description.length).toBeGreaterThan(10);
    });

    test.each(Object.entries(snippets))('%s parses', async (_name, snippet) => {
        const text = expand(snippet.body);
        const member = /^(node|show)/.test(text);
        const source = member ? `environment E { horizon 2 action input, parent\n${text}\n}` : text;
        const document = await parseHelper(services.Mesa)(source);
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    });

    // The `action` placeholder takes a list; no other placeholder may mirror it (a rule `walk, cut` does not parse).
    test.each(Object.entries(snippets).filter(([, s]) => s.body.some(line => /action \$\{\d+:/.test(line))))('%s takes a list of actions', async (_name, snippet) => {
        const placeholder = /action \$\{(\d+):/.exec(snippet.body.join('\n'))![1]!;
        const text = expand(snippet.body, { [placeholder]: 'walk, cut' });
        expect(text).toContain('action walk, cut\n');
        const document = await parseHelper(services.Mesa)(text);
        expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    });
});

describe('language configuration', () => {
    const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8')) as {
        comments: { lineComment: string; blockComment: string[] };
        wordPattern: string;
        folding: { markers: { start: string; end: string } };
        indentationRules: Record<string, string>;
    };

    test('comments, and patterns that compile', () => {
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        for (const pattern of [config.folding.markers.start, config.folding.markers.end, ...Object.values(config.indentationRules)]) {
            expect(() => new RegExp(pattern)).not.toThrow();
        }
    });

    test('the word pattern matches whole names and numbers', () => {
        const words = 'node dusty_sweeps init 6 = floor@1 - 0.5'.match(new RegExp(config.wordPattern, 'g'));
        expect(words).toEqual(['node', 'dusty_sweeps', 'init', '6', 'floor', '1', '-', '0.5'].filter(w => w !== '-'));
    });
});
