/**
 * The causal-graph view's page (docs/editor.md, The causal-graph view): the SVG the
 * server lays out, a picker when the spec has several environments, a legend in the
 * report's visual language, and the page's only script, under a nonce CSP. The picker
 * posts `{ type: 'env', env }`; a click on a node (an `<a class="src">` the server put
 * around it) posts `{ type: 'reveal', uri, line, character }`, as report links do.
 * Imports nothing from VS Code, so tests can build and run the page.
 */
import type { CausalGraphResult } from '../language/protocol.js';

function escapeText(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

const SCRIPT = `const vscode = acquireVsCodeApi();
const select = document.getElementById('env');
if (select) select.addEventListener('change', () => vscode.postMessage({ type: 'env', env: select.value }));
document.addEventListener('click', event => {
  const link = event.target instanceof Element ? event.target.closest('a.src') : null;
  if (!link) return;
  event.preventDefault();
  vscode.postMessage({
    type: 'reveal',
    uri: link.getAttribute('data-uri'),
    line: Number(link.getAttribute('data-line')),
    character: Number(link.getAttribute('data-character'))
  });
});`;

export function graphPage(graph: CausalGraphResult, file: string, nonce: string, cspSource: string): string {
    const options = graph.environments.map(e => `<option${e === graph.env ? ' selected' : ''}>${escapeText(e)}</option>`).join('');
    const picker = graph.environments.length > 1
        ? `<label>Environment <select id="env">${options}</select></label>`
        : `<span>${escapeText(graph.env)}</span>`;
    const svg = graph.svg.slice(Math.max(0, graph.svg.indexOf('<svg')));
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Causal graph</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
header { display: flex; gap: 1em; align-items: baseline; margin-bottom: 0.5em; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 12px; color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
.swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 6px; }
.swatch.base { border-color: #1864ab; } .swatch.mesa { border-top-style: dashed; border-color: #862e9c; } .swatch.changed { border-color: #d9480f; }
.graph { background: #fff; border-radius: 4px; padding: 8px; overflow: auto; }
.graph svg { max-width: 100%; height: auto; }
.graph a.src { cursor: pointer; }
.graph a.src:hover polygon, .graph a.src:hover ellipse, .graph a.src:focus polygon, .graph a.src:focus ellipse { stroke-width: 2.5; }
</style></head>
<body>
<header><strong>${escapeText(file)}</strong>${picker}</header>
<p class="legend">
<span><span class="swatch base"></span>base objective and its targets</span>
<span><span class="swatch mesa"></span>mesa objective and its targets (dashed)</span>
<span><span class="swatch changed"></span>added or changed for deployment</span>
<span>edge labels: sign, and @k for a delay of k steps</span>
<span>click a node to go to its declaration</span>
</p>
<div class="graph">${svg}</div>
<script nonce="${nonce}">
${SCRIPT}
</script>
</body></html>`;
}
