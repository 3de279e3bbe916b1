/**
 * The report view's out-of-date mark (docs/editor.md, The report view) on the page the
 * server renders for button-lamp: the banner is hidden while the report is current and
 * shown when stale, its Rerun link is a command URI for `mesa.simulate` on the spec, its
 * style and script carry the page's nonce (the only code the page's CSP admits), and the
 * script shows or hides the banner on the panel's messages.
 */
import { runInNewContext } from 'node:vm';
import { parse } from 'parse5';
import { beforeAll, describe, expect, test } from 'vitest';
import { commandUri, REPORT_STATUS_MESSAGE, withReportStatus } from '../../client/report-status.js';
import { analyzeBySimulation } from '../../language/findings/simulation-analysis.js';
import { Commands } from '../../language/protocol.js';
import { renderReportHtml } from '../../language/report/html/index.js';
import { compiled, exampleText } from '../helpers/services.js';

const NONCE = 'bm9uY2Utb2YtdGhlLXBhZ2U=';
const SPEC = 'file:///specs/button-lamp.mesa';
let page: string;

beforeAll(async () => {
    const { report } = analyzeBySimulation(await compiled(exampleText('button-lamp')), { maxStates: 200_000 });
    page = await renderReportHtml(report!, { mode: 'webview', nonce: NONCE, cspSource: 'vscode-webview://test' });
});

const status = (stale: boolean) => ({ stale, nonce: NONCE, rerun: commandUri(Commands.simulate, SPEC) });

interface Node { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string }
function all(node: Node, name: string): Node[] {
    return [...(node.nodeName === name ? [node] : []), ...(node.childNodes ?? []).flatMap(c => all(c, name))];
}
const attr = (node: Node, name: string) => node.attrs?.find(a => a.name === name)?.value;
function banner(html: string): Node {
    const found = all(parse(html) as unknown as Node, 'div').filter(d => attr(d, 'id') === 'mesa-stale');
    expect(found).toHaveLength(1);
    return found[0]!;
}

describe('the out-of-date banner', () => {
    test('is hidden while the report is current, shown when it is stale', () => {
        expect(attr(banner(withReportStatus(page, status(false))), 'hidden')).toBe('');
        expect(attr(banner(withReportStatus(page, status(false))), 'data-stale')).toBe('false');
        const stale = banner(withReportStatus(page, status(true)));
        expect(attr(stale, 'hidden')).toBeUndefined();
        expect(attr(stale, 'data-stale')).toBe('true');
    });

    test('says the report may be out of date, and its Rerun link runs mesa.simulate on the spec', () => {
        const shown = banner(withReportStatus(page, status(true)));
        const text = all(shown, '#text').map(t => t.value).join('');
        expect(text).toBe('The spec has changed since this report was made: it may be out of date. Rerun');
        const href = attr(all(shown, 'a')[0]!, 'href')!;
        expect(href.startsWith('command:mesa.simulate?')).toBe(true);
        expect(JSON.parse(decodeURIComponent(href.slice('command:mesa.simulate?'.length)))).toEqual([SPEC]);
    });

    test('sits first in the body; its style and script carry the nonce the page\'s CSP admits', () => {
        const html = withReportStatus(page, status(false));
        const body = all(parse(html) as unknown as Node, 'body')[0]!;
        const first = body.childNodes!.find(n => n.nodeName !== '#text')!;
        expect(first.nodeName).toBe('style');
        const csp = all(parse(html) as unknown as Node, 'meta').map(m => attr(m, 'content')).find(c => c?.includes('script-src'))!;
        expect(csp).toContain(`script-src 'nonce-${NONCE}'`);
        expect(csp).toContain(`style-src 'nonce-${NONCE}'`);
        const scripts = all(parse(html) as unknown as Node, 'script');
        const styles = all(parse(html) as unknown as Node, 'style');
        expect(scripts.length).toBe(all(parse(page) as unknown as Node, 'script').length + 1);
        for (const element of [...scripts, ...styles]) expect(attr(element, 'nonce')).toBe(NONCE);
        // Everything the server rendered is still there, in order.
        expect(html.replace(/(<body[^>]*>)\n<style nonce="[^"]*">\n\.mesa-stale[\s\S]*?<\/script>/, '$1')).toBe(page);
    });

    test('its script shows and hides the banner on the panel\'s messages, and ignores others', () => {
        const html = withReportStatus(page, status(false));
        const script = [...html.matchAll(/<script nonce="[^"]*">([\s\S]*?)<\/script>/g)].map(m => m[1]!).find(s => s.includes(REPORT_STATUS_MESSAGE))!;
        const element = { hidden: true, attributes: {} as Record<string, string>, setAttribute(name: string, value: string) { this.attributes[name] = value; } };
        let listener: ((event: { data: unknown }) => void) | undefined;
        runInNewContext(script, {
            document: { getElementById: (id: string) => (id === 'mesa-stale' ? element : null) },
            window: { addEventListener: (type: string, f: (event: { data: unknown }) => void) => { if (type === 'message') listener = f; } },
        });
        listener!({ data: { type: REPORT_STATUS_MESSAGE, stale: true } });
        expect(element.hidden).toBe(false);
        expect(element.attributes['data-stale']).toBe('true');
        listener!({ data: { type: 'reveal', stale: false } });
        expect(element.hidden).toBe(false);
        listener!({ data: { type: REPORT_STATUS_MESSAGE, stale: false } });
        expect(element.hidden).toBe(true);
        expect(element.attributes['data-stale']).toBe('false');
    });

    test('a hostile spec URI stays inside the link', () => {
        const html = withReportStatus(page, { stale: true, nonce: NONCE, rerun: commandUri(Commands.simulate, 'file:///x"><script>alert(1)</script>.mesa') });
        expect(all(parse(html) as unknown as Node, 'script').length).toBe(all(parse(page) as unknown as Node, 'script').length + 1);
        const href = attr(all(banner(html), 'a')[0]!, 'href')!;
        expect(JSON.parse(decodeURIComponent(href.slice('command:mesa.simulate?'.length)))).toEqual(['file:///x"><script>alert(1)</script>.mesa']);
    });
});
