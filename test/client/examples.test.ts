/**
 * What **Mesa: New Spec from Example** offers and where it writes (docs/editor.md,
 * Commands): each shipped example's name and the sentence its opening comment says, and
 * the file names a copy may take, so that it never replaces a file.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyFileNames, describeExample, exampleName } from '../../client/examples.js';
import { exampleText } from '../helpers/services.js';

describe('the examples offered', () => {
    test('every shipped example has a name and a description from its opening comment', () => {
        const files = readdirSync(join(import.meta.dirname, '..', '..', 'examples')).filter(f => f.endsWith('.mesa'));
        expect(files.length).toBeGreaterThanOrEqual(7);
        for (const file of files) {
            const name = exampleName(file)!;
            expect(name, file).toBe(file.slice(0, -5));
            const description = describeExample(name, exampleText(name));
            expect(description.length, file).toBeGreaterThan(20);
            expect(description, file).not.toMatch(/^\s|\/\/|^[\w-]+:/);
        }
    });

    test('button-lamp: two comment lines, joined, without the name', () => {
        expect(describeExample('button-lamp', exampleText('button-lamp')))
            .toBe('pressing the button lights the lamp ten steps later; in training nothing else lights it.');
    });

    test('only .mesa files with a plain name are examples', () => {
        expect(exampleName('shop.mesa')).toBe('shop');
        expect(exampleName('README.md')).toBeUndefined();
        expect(exampleName('.hidden.mesa')).toBeUndefined();
        expect(exampleName('a b.mesa')).toBeUndefined();
    });
});

describe('the names a copy may take', () => {
    test('the example\'s own name first, then numbered from 2, all different', () => {
        const names = [...copyFileNames('button-lamp', 5)];
        expect(names).toEqual(['button-lamp.mesa', 'button-lamp-2.mesa', 'button-lamp-3.mesa', 'button-lamp-4.mesa', 'button-lamp-5.mesa']);
        expect(new Set(copyFileNames('shop')).size).toBe(1000);
    });
});
