/**
 * Headless Chromium for the browser tests (docs/browser.md, Tests): Debian's chromium
 * from scripts/apt-packages.txt (or `CHROMIUM`), driven by playwright-core as the
 * end-to-end tests drive it. Without it the suites say so and are skipped.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium as playwright } from 'playwright-core';
import { buildWeb } from '../../web/build.mjs';

/** `CHROMIUM`, as for the end-to-end tests, else the first Chromium on the PATH. */
export const chromium = [process.env['CHROMIUM'] ?? '', ...['chromium', 'chromium-browser', 'google-chrome']
    .flatMap(name => (process.env['PATH'] ?? '').split(delimiter).map(dir => join(dir, name)))]
    .find(path => path !== '' && existsSync(path));

export const NO_CHROMIUM = chromium ? '' : ' (skipped: no chromium on PATH; scripts/install-system-packages.sh installs it)';

export function launch(): Promise<Browser> {
    return playwright.launch({
        executablePath: chromium!, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
}

/** The named browser bundles (web/build.mjs) built from the sources into a fresh folder; `remove` deletes it. */
export async function buildInto(names: string[]): Promise<{ dir: string; remove(): void }> {
    const dir = mkdtempSync(join(tmpdir(), 'mesa-web-'));
    await buildWeb(names, dir);
    return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Collects the page's uncaught errors, to assert there were none. */
export function pageErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    return errors;
}
