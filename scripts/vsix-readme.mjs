// The README the .vsix ships as its details page (docs/editor.md, Installing): README.md
// with every picture inlined as a data: URI and every relative link reduced to its text.
// VS Code's extension details page shows only https: and data: images and opens only web
// links, and the package has no web home to point them at. `npm run package` runs this,
// then `vsce package --readme-path dist/README.md`.
//
//   node scripts/vsix-readme.mjs [IN] [OUT]      (default README.md, dist/README.md)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const IMAGE_TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

const isRelative = target => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');

/** The details-page README of the markdown `text`, whose relative paths are read from `baseDir`. */
export function vsixReadme(text, baseDir) {
    // Images first: `![alt](path)`, with the path relative to the README.
    let out = text.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (all, alt, target) => {
        if (!isRelative(target)) return all;
        const type = IMAGE_TYPES[extname(target).toLowerCase()];
        if (!type) throw new Error(`${target}: a picture in the README must be PNG, JPEG or GIF to be inlined`);
        let bytes;
        try {
            bytes = readFileSync(join(baseDir, target));
        } catch {
            throw new Error(`${target}: the README shows this picture, but there is no such file`);
        }
        return `![${alt}](data:${type};base64,${bytes.toString('base64')})`;
    });
    // Then links: a relative one keeps its text only (the page cannot open it).
    out = out.replace(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g, (all, label, target) => isRelative(target) ? label : all);
    return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
    const input = process.argv[2] ?? 'README.md';
    const output = process.argv[3] ?? join('dist', 'README.md');
    try {
        const text = vsixReadme(readFileSync(input, 'utf8'), dirname(input));
        mkdirSync(dirname(output), { recursive: true });
        writeFileSync(output, text);
    } catch (error) {
        console.error(`vsix-readme: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    }
}
