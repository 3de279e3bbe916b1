/**
 * Shared test helpers: one set of Mesa services per test file, loading a spec from
 * text, reading the bundled examples, and `<|...|>` markers that name an expected range.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LoadedSpec } from '../../language/compile/load.js';
import { loadSpecText, unloadSpec } from '../../language/compile/load.js';
import { createMesaServices } from '../../language/mesa-module.js';
import type { CompiledSpec, Range } from '../../language/model/spec.js';

export const services = createMesaServices(EmptyFileSystem).Mesa;

export const EXAMPLES = ['button-lamp', 'cleaning', 'garden', 'believer', 'shop', 'thermostat', 'evolution'] as const;

export function exampleText(name: string): string {
    return readFileSync(join(import.meta.dirname, '..', '..', 'examples', `${name}.mesa`), 'utf8');
}

/** The published cases (examples/published/, docs/published-cases.md). */
export const PUBLISHED = ['absent-supervisor', 'boat-race', 'coin-corridor', 'keys-and-chests', 'monster-gridworld'] as const;

export function publishedText(name: string): string {
    return readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'published', `${name}.mesa`), 'utf8');
}

export async function load(text: string): Promise<LoadedSpec> {
    const loaded = await loadSpecText(services, text);
    await unloadSpec(services, loaded);
    return loaded;
}

export async function diagnostics(text: string): Promise<Diagnostic[]> {
    return (await load(text)).diagnostics;
}

export async function compiled(text: string): Promise<CompiledSpec> {
    const loaded = await load(text);
    const errors = loaded.diagnostics.filter(d => d.severity === 1);
    if (!loaded.spec) throw new Error(`spec has errors: ${errors.map(e => e.message).join('; ')}`);
    return loaded.spec;
}

/** Strips `<|` and `|>` markers and returns the ranges they enclosed, in order. */
export function marked(source: string): { text: string; ranges: Range[] } {
    const ranges: Range[] = [];
    let text = '';
    let start: { line: number; character: number } | undefined;
    let line = 0;
    let character = 0;
    for (let i = 0; i < source.length; i++) {
        if (source.startsWith('<|', i)) {
            start = { line, character };
            i++;
            continue;
        }
        if (source.startsWith('|>', i) && start) {
            ranges.push({ start, end: { line, character } });
            start = undefined;
            i++;
            continue;
        }
        const c = source[i]!;
        text += c;
        if (c === '\n') {
            line++;
            character = 0;
        } else {
            character++;
        }
    }
    return { text, ranges };
}
