/**
 * The playground (docs/browser.md, The playground), built from the sources and opened
 * from file:// in headless Chromium, used as a reader would: button-lamp's warnings in
 * the problems list (the README's), an error typed and seen, completion and hover, Run
 * and the verdicts in the report (whose links lead back into the spec), the causal graph
 * from its code lens, the examples menu, and a shared link that opens the same spec.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exampleText } from '../helpers/services.js';
import { buildInto, chromium, launch, NO_CHROMIUM, pageErrors } from './browser.js';

/** Each problem row as "line:column severity [code]". */
async function problems(page: Page): Promise<string[]> {
    return page.locator('#problems li').evaluateAll(rows => rows.map(row =>
        `${row.querySelector('.where')!.textContent} ${row.querySelector('.severity')!.textContent}`));
}

const text = (page: Page) => page.evaluate(() => (globalThis as unknown as { mesaPlayground: { text(): string } }).mesaPlayground.text());

/** The README's diagnostics of button-lamp, in the list's order. */
const BUTTON_LAMP = [
    '16:16 warning [proxy-side-effect]', '16:16 warning [unidentifiable]', '16:16 warning [distribution-shift]', '16:16 info [precomputation]',
    '19:1 warning [underdetermined-training]', '19:1 info [learning-path-proxy-first]', '21:1 warning [selection-prefers-proxy]',
];

describe.skipIf(!chromium)(`the playground from file://${NO_CHROMIUM}`, () => {
    let browser: Browser;
    let url: string;
    let remove = () => undefined as void;

    beforeAll(async () => {
        const built = await buildInto(['playground']);
        remove = built.remove;
        url = pathToFileURL(join(built.dir, 'playground/index.html')).href;
        browser = await launch();
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
        remove();
    });

    async function open(address = url): Promise<{ page: Page; errors: string[] }> {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const errors = pageErrors(page);
        await page.goto(address);
        await page.locator('#run:not([disabled])').waitFor();
        return { page, errors };
    }

    test('opens on button-lamp and lists its warnings; an error typed shows at once', async () => {
        const { page, errors } = await open();
        expect(await text(page)).toBe(exampleText('button-lamp'));
        await page.locator('#problems li[data-code="unidentifiable"]').waitFor();
        await page.locator('#problems li[data-code="selection-prefers-proxy"]').waitFor();
        expect(await problems(page)).toEqual(BUTTON_LAMP);
        await expect.poll(() => page.locator('#problems-summary').textContent()).toBe('0 errors, 5 warnings, 2 info');

        // Line 6 is `  node lamp = press@10 ...`: Backspace before `@` makes `pres`.
        await page.locator('.monaco-editor .view-lines').click();
        await page.keyboard.press('Control+Home');
        for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Home');
        await page.keyboard.press('Home');
        for (let k = 0; k < 19; k++) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Backspace');
        const error = page.locator('#problems li.error[data-code="unresolved-name"]');
        await error.waitFor();
        expect(await error.locator('.where').textContent()).toBe('6:15');
        expect(await error.locator('.message').textContent())
            .toBe('Unknown name \'pres\' in environment \'Lab\' (nor in any environment it extends): declare it as an action, node or parameter.');
        await page.locator('.monaco-editor .squiggly-error').first().waitFor();
        // The simulation-backed results wait for the error to be fixed.
        await page.locator('#problems li[data-code="analysis-waiting"]').waitFor();
        expect(await problems(page)).not.toContain('16:16 warning [unidentifiable]');
        expect(errors).toEqual([]);
        await page.close();
    });

    test('completion offers the environment\'s names; hover shows the verdict', async () => {
        const { page, errors } = await open();
        await page.locator('#problems li[data-code="unidentifiable"]').waitFor();
        await page.locator('.monaco-editor .view-lines').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('objective mesa Guess = la');
        await page.keyboard.press('Control+Space');
        await page.locator('.suggest-widget .monaco-list-row', { hasText: 'lamp' }).first().waitFor();
        await page.keyboard.press('Escape');
        // Hover `Pressing` on line 16.
        await page.locator('.monaco-editor .view-line', { hasText: 'objective mesa Pressing' }).locator('span', { hasText: /^Pressing$/ }).hover();
        await page.locator('.monaco-hover', { hasText: 'pseudo-aligned (side-effect)' }).first().waitFor();
        expect(errors).toEqual([]);
        await page.close();
    });

    test('Run shows the report with the verdicts, whose links lead into the spec; the code lens draws the graph', async () => {
        const { page, errors } = await open();
        await page.locator('#run').click();
        const report = page.frameLocator('#view');
        const pressing = report.locator('tr', { has: report.locator('a.src', { hasText: /^Pressing$/ }) }).first();
        await pressing.waitFor();
        expect(await pressing.innerText()).toMatch(/pseudo-aligned\s+side-effect/);
        expect(await pressing.innerText()).toContain('regret 0.25');
        const lighting = report.locator('tr', { has: report.locator('a.src', { hasText: /^Lighting$/ }) }).first();
        expect(await lighting.innerText()).toContain('robust');

        await pressing.locator('a.src', { hasText: /^Pressing$/ }).click();
        await expect.poll(() => page.evaluate(() => (globalThis as unknown as { mesaPlayground: { position(): unknown } }).mesaPlayground.position()))
            .toEqual({ lineNumber: 16, column: 16 });

        // An edit: the report says it is out of date.
        await page.keyboard.press('End');
        await page.keyboard.type(' ');
        await expect.poll(() => page.locator('#view-note').textContent()).toBe('The spec has changed since this report was made: press Run again.');

        await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Show causal graph' }).first().click();
        const graph = page.frameLocator('#view');
        await graph.locator('svg text', { hasText: /^lamp$/ }).first().waitFor();
        await graph.locator('select#env').selectOption('LabWithSwitch');
        await graph.locator('svg text', { hasText: /^flip$/ }).first().waitFor();
        expect(errors).toEqual([]);
        await page.close();
    });

    test('Run on a spec with an error says so instead of a report', async () => {
        const { page } = await open();
        await page.evaluate(() => (globalThis as unknown as { mesaPlayground: { setText(t: string): void } }).mesaPlayground.setText('environment Lab {\n  horizon 3\n  action press\n  node lamp = pres\n}\n'));
        await page.locator('#problems li[data-code="unresolved-name"]').waitFor();
        await page.locator('#run').click();
        await expect.poll(() => page.locator('#view-note').textContent()).toMatch(/^playground\.mesa has \d+ errors?: fix the/);
        await page.close();
    });

    test('while it runs, the note says its phase; pressing Run again cancels the simulation', async () => {
        const { page, errors } = await open();
        // x and y count the presses of a and b over 180 steps: seconds of simulation.
        await page.evaluate(() => (globalThis as unknown as { mesaPlayground: { setText(t: string): void } }).mesaPlayground.setText(
            'environment Counters {\n  horizon 180\n  action a\n  action b\n  node x = x@1 + a\n  node y = y@1 + b\n}\n'
            + 'objective base X = x\nobjective mesa Y = y\ntrain Counters\ndeploy Counters\n'));
        await page.locator('#problems li').first().waitFor();
        await page.locator('#run').click();
        await expect.poll(() => page.locator('#run').textContent()).toBe('Cancel');
        // The note follows the run's phases as the server tells them.
        await expect.poll(() => page.locator('#view-note').textContent(), { timeout: 30_000 }).toMatch(/^Simulating: (exploring Counters|analysing Y)…$/);
        await page.locator('#run').click();
        await expect.poll(() => page.locator('#view-note').textContent()).toBe('Simulation cancelled.');
        expect(await page.locator('#run').textContent()).toBe('Run');
        expect(errors).toEqual([]);
        await page.close();
    });

    test('the examples menu opens an example; a shared link opens the same spec', async () => {
        const { page, errors } = await open();
        await page.locator('#examples').selectOption('garden');
        await expect.poll(() => text(page)).toBe(exampleText('garden'));
        await page.locator('.monaco-editor .view-lines').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('// shared from the playground: ünïcödé ✓\n');
        const edited = await text(page);
        expect(edited).toBe(`${exampleText('garden')}// shared from the playground: ünïcödé ✓\n`);
        await page.locator('#share').click();
        await expect.poll(() => page.url()).toMatch(/#spec=[A-Za-z0-9_-]+$/);
        const link = page.url();
        await page.close();

        const { page: reader } = await open(link);
        await expect.poll(() => text(reader)).toBe(edited);
        expect(await reader.locator('#examples').inputValue()).toBe('');
        await reader.close();
        expect(errors).toEqual([]);

        const { page: named } = await open(`${url}#example=shop`);
        await expect.poll(() => text(named)).toBe(exampleText('shop'));
        await named.close();
    });

    test('a damaged link opens button-lamp and says why', async () => {
        const { page } = await open(`${url}#spec=AAAA`);
        await expect.poll(() => text(page)).toBe(exampleText('button-lamp'));
        expect(await page.locator('#view-note').textContent())
            .toBe('This link\'s spec is damaged (cut short, or not made by the playground): the playground opened an example instead.');
        await page.close();
    });
});
