/**
 * The HTML report on the hand-built button-lamp fixture: verdict rows and figures,
 * one inline Graphviz SVG per environment, Vega-Lite charts as SVG, links back to the
 * source, no network, determinism, and the CSP of the webview.
 * Set MESA_REPORT_OUT=/tmp/report.html to also write the rendered page.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../language/report/html/index.js';
import { buttonLampReport, SPEC_URI } from './fixtures.js';

const report = buttonLampReport();
const file = await renderReportHtml(report, { mode: 'file' });
const webview = await renderReportHtml(report, { mode: 'webview', nonce: 'abc123XYZ', cspSource: 'https://*.vscode-cdn.net' });
if (process.env['MESA_REPORT_OUT']) writeFileSync(process.env['MESA_REPORT_OUT'], file);

/** The verdict table row of one optimizer. */
function row(html: string, name: string): string {
    const table = html.slice(html.indexOf('<table class="verdicts">'), html.indexOf('</table>', html.indexOf('<table class="verdicts">')));
    const rows = table.split('<tr').filter(r => r.includes(`<strong>${name}</strong>`));
    expect(rows).toHaveLength(1);
    return rows[0]!.replace(/<[^>]+>/g, '');
}

/** Text content of the whole page, tags stripped, whitespace collapsed. */
function text(html: string): string {
    return html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('verdict table', () => {
    test('Pressing: pseudo-aligned side-effect, [30, 30] of 30 in Lab, [30, 30] of 40 regret 0.25 in LabWithSwitch', () => {
        const r = row(file, 'Pressing');
        expect(r).toContain('pseudo-aligned');
        expect(r).toContain('side-effect');
        expect(r).toMatch(/Lab\s*\[30, 30\] of 30/);
        expect(r).toMatch(/LabWithSwitch\s*\[30, 30\] of 40 regret 0\.25/);
        expect(r).toContain('selected');
    });

    test('Lighting: robust, [40, 40] of 40 in deployment, depth 11', () => {
        const r = row(file, 'Lighting');
        expect(r).toContain('robust');
        expect(r).toMatch(/LabWithSwitch\s*\[40, 40\] of 40/);
        expect(r).toMatch(/11\s*3\.81/);
    });

    test('verdict badges are colour-coded by class', () => {
        expect(file).toContain('<span class="badge verdict-pseudo-aligned">pseudo-aligned</span>');
        expect(file).toContain('<span class="badge verdict-robust">robust</span>');
    });

    test('header names the spec and the seed', () => {
        expect(text(file)).toContain('spec button-lamp.mesa');
        expect(text(file)).toContain('seed 1');
        expect(file).not.toContain('class="banner incomplete"');
    });
});

describe('source links', () => {
    test('file mode: the file URI with #L<line+1> and the location as data attributes', () => {
        expect(file).toContain(`<a class="src" href="${SPEC_URI}#L16" data-uri="${SPEC_URI}" data-line="15" data-character="15"`);
        expect(file).toContain(`href="${SPEC_URI}#L3" data-uri="${SPEC_URI}" data-line="2" data-character="12"`);
    });

    test('webview mode: href="#" and a script that posts reveal messages', () => {
        expect(webview).toContain(`<a class="src" href="#" data-uri="${SPEC_URI}" data-line="15" data-character="15"`);
        expect(webview).not.toContain(`href="${SPEC_URI}`);
        expect(webview).toContain('acquireVsCodeApi()');
        expect(webview).toContain("type: 'reveal'");
    });

    test('the witness links to its environment', () => {
        const witness = file.slice(file.indexOf('<section id="witnesses">'));
        expect(witness).toContain(`href="${SPEC_URI}#L3"`);
        expect(text(witness)).toContain('step 31');
        expect(text(witness)).toMatch(/press ×30/);
        expect(witness).toContain('<th scope="col" class="num">@10</th>');
        expect(witness).toContain('<tr><th scope="row"><code>press</code></th>');
    });
});

describe('graphs and charts', () => {
    test('one inline Graphviz SVG per environment, with the deployment change highlighted', () => {
        const graphs = file.slice(file.indexOf('<section id="graphs">'), file.indexOf('</section>', file.indexOf('<section id="graphs">')));
        expect(graphs.match(/<figure class="graph"><svg /g)).toHaveLength(report.environments.length);
        expect(graphs).toContain('class="node action added"');
        expect(graphs).toContain('class="node state changed"');
        expect(graphs).toContain('class="node objective base"');
        expect(graphs).toContain('+ @10');
        expect(graphs).not.toContain('<?xml');
        expect(graphs).not.toContain('<!DOCTYPE svg');
    });

    test('scatter plots per environment and pair, with Spearman ρ', () => {
        const samples = file.slice(file.indexOf('<section id="samples">'), file.indexOf('<section id="sweep">'));
        const pairs = report.samples.reduce((n, s) => n + s.pairs.length, 0);
        expect(samples.match(/<div class="svg"><svg /g)).toHaveLength(pairs);
        expect(samples).toContain('Spearman ρ = 1');
        const rho = report.samples[0]!.pairs[0]!.spearman!;
        expect(rho).toBeGreaterThan(0.5);
        expect(samples).toContain(`Spearman ρ = ${Number(rho.toFixed(3))}`);
        expect(samples).toContain('optimal (base)');
    });

    test('the capability sweep and the candidate counts are SVG charts', () => {
        const sweep = file.slice(file.indexOf('<section id="sweep">'), file.indexOf('<section id="witnesses">'));
        expect(sweep.match(/<div class="svg"><svg /g)).toHaveLength(2);
        expect(sweep).toContain('depth(O) = 11');
        const candidates = file.slice(file.indexOf('<section id="candidates">'), file.indexOf('<section id="distinguishing">'));
        expect(candidates).toMatch(/<div class="svg"><svg /);
    });

    test('distinguishing environments: source in <pre>, what each rules out', () => {
        expect(file).toContain('<pre><code>environment LabBumpLamp extends Lab {\n  action bump_lamp');
        expect(text(file)).toMatch(/Rules out press/);
    });
});

describe('self-contained and deterministic', () => {
    test('no network: no http(s) in src/href, no external resources', () => {
        for (const html of [file, webview]) {
            expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i);
            expect(html).not.toMatch(/<link\b/i);
            expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
            expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
        }
    });

    test('no inline style attributes and no inline event handlers', () => {
        for (const html of [file, webview]) {
            expect(html).not.toMatch(/<[^>]+\sstyle=/i);
            expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
        }
    });

    test('same report, byte-identical HTML', async () => {
        expect(await renderReportHtml(buttonLampReport(), { mode: 'file' })).toBe(file);
        expect(await renderReportHtml(buttonLampReport(), { mode: 'webview', nonce: 'abc123XYZ', cspSource: 'https://*.vscode-cdn.net' })).toBe(webview);
    });

    test('file mode: a CSP with a nonce derived from the report and no script', () => {
        const csp = /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;nonce-([A-Za-z0-9_-]+)&#39;; script-src &#39;none&#39;;">/.exec(file);
        expect(csp).not.toBeNull();
        expect(file).toContain(`<style nonce="${csp![1]}">`);
        expect(file).not.toContain('<script');
    });

    test('webview mode: the strict CSP, the nonce on the single style and the single script', () => {
        expect(webview).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src https://*.vscode-cdn.net data:; style-src &#39;nonce-abc123XYZ&#39;; script-src &#39;nonce-abc123XYZ&#39;;">`);
        expect(webview.match(/<style\b/g)).toHaveLength(1);
        expect(webview.match(/<script\b/g)).toHaveLength(1);
        expect(webview).toContain('<style nonce="abc123XYZ">');
        expect(webview).toContain('<script nonce="abc123XYZ">');
    });

    test('an invalid nonce is refused', async () => {
        await expect(renderReportHtml(report, { mode: 'webview', nonce: '"><script>' })).rejects.toThrow(/nonce/);
    });
});
