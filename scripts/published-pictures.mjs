// Writes the pictures of docs/published-cases.md: the absent supervisor's map with the
// paths of its optimizers, and the coin corridor's diversity sweep, cut from the HTML
// reports `mesa simulate` writes, as headless Chromium lays them out at 1,000 pixels.
// Run after `npm run build`: node scripts/published-pictures.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'mesa-pictures-'));
const pictures = [
    ['absent-supervisor', '#env-1-unwatched figure.map', 'absent-supervisor-map.png'],
    ['coin-corridor', '#diversity', 'coin-corridor-diversity.png'],
];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    for (const [name, selector, picture] of pictures) {
        const html = join(dir, `${name}.html`);
        execFileSync(process.execPath, [join(repo, 'bin', 'mesa.cjs'), 'simulate', join(repo, 'examples', 'published', `${name}.mesa`), '--html', html], { stdio: 'ignore' });
        await page.goto(`file://${html}`);
        await page.locator(selector).first().screenshot({ path: join(repo, 'docs', 'images', picture) });
        console.log(`wrote docs/images/${picture}`);
    }
} finally {
    await browser.close();
}
