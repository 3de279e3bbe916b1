/**
 * The one drawing of a causal graph (docs/editor.md, The causal-graph view): the graph
 * view and `mesa graph` (compiled spec) and the HTML report (report JSON) give the same
 * DOT for every environment of every example; dashed lines mean a mesa objective and
 * nothing else; every node of the report's graphs links to its declaration.
 */
import { describe, expect, test } from 'vitest';
import type { CompiledSpec } from '../../language/model/spec.js';
import { causalGraphDot } from '../../language/report/causal-dot.js';
import { environmentDot, renderReportHtml } from '../../language/report/html/index.js';
import { simulate } from '../../language/simulation/index.js';
import type { Report } from '../../language/simulation/report.js';
import { compiled, EXAMPLES, exampleText } from '../helpers/services.js';
import { nodeLink } from '../helpers/svg-links.js';
import { buttonLampReport, SPEC_URI } from './fixtures.js';

const examples = new Map<string, Promise<{ spec: CompiledSpec; report: Report }>>();

/** An example compiled and simulated once per test file (a small budget: only the graphs matter here). */
function example(name: string): Promise<{ spec: CompiledSpec; report: Report }> {
    if (!examples.has(name)) {
        examples.set(name, compiled(exampleText(name)).then(spec => ({ spec, report: simulate(spec, { seed: 1, maxStates: 20_000, samples: 1 }) })));
    }
    return examples.get(name)!;
}

/** One environment's article of the rendered report. */
function article(html: string, id: string): string {
    const start = html.indexOf(`<article class="env" id="${id}">`);
    expect(start, id).toBeGreaterThan(0);
    return html.slice(start, html.indexOf('</article>', start));
}

describe('one drawing for the graph view and the report', () => {
    for (const name of EXAMPLES) {
        test(`${name}: the same DOT from the compiled spec and from the report, for every environment`, async () => {
            const { spec, report } = await example(name);
            for (const env of spec.environments) {
                const fromReport = environmentDot(report.environments.find(e => e.label === env.label)!, report.objectives);
                expect(causalGraphDot(spec, env, { links: true }), env.label).toBe(fromReport);
            }
        });
    }

    test('dashed lines are the mesa objectives and the edges into them, and nothing else', async () => {
        for (const name of EXAMPLES) {
            const { spec } = await example(name);
            const mesa = new Set(spec.objectives.filter(o => o.role === 'mesa').map(o => `"objective:${o.name}"`));
            for (const env of spec.environments) {
                for (const line of causalGraphDot(spec, env).split('\n')) {
                    const statement = /^ {2}("(?:[^"\\]|\\.)*")(?: -> ("(?:[^"\\]|\\.)*"))? \[/.exec(line);
                    if (!statement) continue;
                    const drawsMesa = mesa.has(statement[2] ?? statement[1]!);
                    expect(line.includes('dashed'), `${name} ${env.label}: ${line}`).toBe(drawsMesa);
                }
            }
        }
    });

    test('a delayed edge is told by its @k label, not by a dash: press → lamp in button-lamp', async () => {
        const { spec } = await example('button-lamp');
        const dot = causalGraphDot(spec, spec.environments[0]!);
        expect(dot).toMatch(/^ {2}"press" -> "lamp" \[label="\+ @10", class="causal delayed"\];$/m);
    });
});

describe('graph nodes link to their declarations', () => {
    test('file mode: each action, node and objective opens the spec at its name', async () => {
        const html = await renderReportHtml(buttonLampReport(), { mode: 'file' });
        const lab = article(html, 'env-0-lab');
        expect(nodeLink(lab, 'press')).toMatchObject({ class: 'src', href: `${SPEC_URI}#L5`, 'data-uri': SPEC_URI, 'data-line': '4', 'data-character': '9' });
        expect(nodeLink(lab, 'lamp')).toMatchObject({ href: `${SPEC_URI}#L6`, 'data-line': '5', 'data-character': '7' });
        expect(nodeLink(lab, 'objective:Pressing')).toMatchObject({ href: `${SPEC_URI}#L16`, 'data-line': '15', 'data-character': '15' });
        expect(nodeLink(lab, 'lamp')?.['xlink:title']).toBe('lamp: go to its declaration, line 6');
        // In the deployment environment, lamp is the one LabWithSwitch redeclares and press the inherited one.
        const deployed = article(html, 'env-1-labwithswitch');
        expect(nodeLink(deployed, 'lamp')).toMatchObject({ href: `${SPEC_URI}#L12`, 'data-line': '11' });
        expect(nodeLink(deployed, 'flip')).toMatchObject({ href: `${SPEC_URI}#L11`, 'data-line': '10' });
        expect(nodeLink(deployed, 'press')).toMatchObject({ href: `${SPEC_URI}#L5` });
    });

    test('webview mode: the href is inert and the page script reads the data attributes', async () => {
        const html = await renderReportHtml(buttonLampReport(), { mode: 'webview', nonce: 'n0nce' });
        expect(nodeLink(article(html, 'env-0-lab'), 'lamp')).toMatchObject({ class: 'src', href: '#', 'data-uri': SPEC_URI, 'data-line': '5', 'data-character': '7' });
    });

    test('a report from the core links every drawn node of every example', async () => {
        for (const name of EXAMPLES) {
            const { spec, report } = await example(name);
            const html = await renderReportHtml(report, { mode: 'webview', nonce: 'n0nce' });
            for (const [i, env] of report.environments.entries()) {
                const svg = html.slice(html.indexOf(`id="env-${i}-`), html.indexOf('</article>', html.indexOf(`id="env-${i}-`)));
                const drawn = [...env.graph.actions, ...env.graph.nodes, ...env.graph.objectives.map(o => `objective:${o}`)];
                for (const id of drawn) expect(nodeLink(svg, id), `${name} ${env.label} ${id}`).toBeDefined();
                const compiledEnv = spec.environments.find(e => e.label === env.label)!;
                const node = compiledEnv.nodes[0];
                if (node) expect(nodeLink(svg, node.name)?.['data-line']).toBe(String(node.location.range.start.line));
            }
        }
    });
});
