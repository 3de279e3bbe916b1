/**
 * The report's stylesheet: one nonce'd <style>, no inline style attributes. Light
 * theme by default, dark under `prefers-color-scheme`, and VS Code theme variables
 * (with fallbacks) in the webview. Graphviz and Vega SVG are themed by overriding
 * their presentation attributes from CSS.
 */
import { GRAPH_COLORS } from '../causal-dot.js';

const TOKENS_LIGHT = `--fg:#1f2328;--bg:#ffffff;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;--link:#0969da;--code-bg:rgba(129,139,152,.14);
--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--unknown:#6e7781;--base:#1864ab;--mesa:#862e9c;--changed:#d9480f;--ink:#343a40;`;
const TOKENS_DARK = `--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--border:#3d444d;--panel:#151b23;--link:#4493f8;--code-bg:rgba(101,108,118,.25);
--ok:#3fb950;--warn:#d29922;--bad:#f85149;--unknown:#9198a1;--base:#74c0fc;--mesa:#da77f2;--changed:#ff922b;--ink:#e6edf3;`;
const TOKENS_VSCODE = `--fg:var(--vscode-editor-foreground,#1f2328);--bg:var(--vscode-editor-background,#ffffff);
--muted:var(--vscode-descriptionForeground,#59636e);--border:var(--vscode-panel-border,var(--vscode-widget-border,#d1d9e0));
--panel:var(--vscode-editorWidget-background,#f6f8fa);--link:var(--vscode-textLink-foreground,#0969da);
--code-bg:var(--vscode-textCodeBlock-background,rgba(129,139,152,.14));--ok:var(--vscode-testing-iconPassed,#1a7f37);
--warn:var(--vscode-editorWarning-foreground,#9a6700);--bad:var(--vscode-editorError-foreground,#cf222e);
--unknown:var(--vscode-disabledForeground,#6e7781);--base:var(--vscode-charts-blue,#1864ab);--mesa:var(--vscode-charts-purple,#862e9c);
--changed:var(--vscode-charts-orange,#d9480f);--ink:var(--vscode-editor-foreground,#343a40);
--font:var(--vscode-font-family,system-ui,sans-serif);--mono:var(--vscode-editor-font-family,ui-monospace,monospace);`;

const VERDICT_COLORS = { robust: 'ok', 'pseudo-aligned': 'warn', misaligned: 'bad', unknown: 'unknown' } as const;

const svgTheme = Object.entries(GRAPH_COLORS).map(([token, hex]) => {
    const v = token === 'ink' ? 'var(--ink)' : `var(--${token})`;
    return `.graph svg [stroke="${hex}"]{stroke:${v}}.graph svg [fill="${hex}"]{fill:${v}}`;
}).join('\n');

const verdicts = Object.entries(VERDICT_COLORS).map(([verdict, token]) =>
    `.verdict-${verdict}{--tone:var(--${token})}`).join('\n');

export const STYLES = `
:root{${TOKENS_LIGHT}--font:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root[data-mode="file"]{${TOKENS_DARK}}}
:root[data-mode="webview"]{${TOKENS_VSCODE}}
*{box-sizing:border-box}
body{margin:0;padding:0;background:var(--bg);color:var(--fg);font:14px/1.55 var(--font);-webkit-font-smoothing:antialiased}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
code,pre{font-family:var(--mono);font-size:.92em}
code{background:var(--code-bg);padding:.05em .35em;border-radius:4px}
pre{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:12px 14px;overflow:auto}
pre code{background:none;padding:0}
.layout{display:grid;grid-template-columns:200px minmax(0,1fr);gap:40px;max-width:1280px;margin:0 auto;padding:32px 28px 64px}
nav.toc{position:sticky;top:24px;align-self:start;font-size:13px}
nav.toc h2{font-size:11px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 8px}
nav.toc ol{list-style:none;margin:0;padding:0}nav.toc li{margin:2px 0}
nav.toc a{display:block;padding:3px 10px;border-left:2px solid var(--border);color:var(--fg)}
nav.toc a:hover{border-left-color:var(--link);text-decoration:none;color:var(--link)}
nav.toc ol ol a{padding-left:22px;color:var(--muted);font-size:12px}
main{min-width:0}
header.top{border-bottom:1px solid var(--border);padding-bottom:20px;margin-bottom:8px}
.eyebrow{margin:0;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.08em}
h1{font-size:28px;line-height:1.2;margin:4px 0 8px;font-weight:650}
h2{font-size:20px;margin:0 0 12px;font-weight:620;padding-top:8px}
h3{font-size:15px;margin:0 0 8px;font-weight:620}
h5{font-size:12px;margin:0 0 6px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.05em}
section{padding:28px 0 12px;border-bottom:1px solid var(--border)}section:last-of-type{border-bottom:none}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted);margin:0 0 14px}
.lede{color:var(--muted);max-width:78ch;margin:0 0 16px}
.muted{color:var(--muted)}.small{font-size:12px}
.stats{display:flex;flex-wrap:wrap;gap:10px}
.stat{border:1px solid var(--border);border-left:4px solid var(--tone);border-radius:8px;padding:8px 14px;min-width:120px;background:var(--panel)}
.stat .n{display:block;font-size:22px;font-weight:650;color:var(--tone)}.stat .label{font-size:12px;color:var(--muted)}
.banner{border-radius:8px;padding:12px 16px;margin:0 0 16px;border:1px solid var(--bad);background:color-mix(in srgb,var(--bad) 10%,transparent)}
.banner ul{margin:6px 0 0;padding-left:20px}
${verdicts}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap;color:var(--tone);background:color-mix(in srgb,var(--tone) 14%,transparent);border:1px solid color-mix(in srgb,var(--tone) 45%,transparent)}
.kind{font-weight:600}
.chip{display:inline-block;font-size:11px;padding:0 7px;border-radius:999px;border:1px solid var(--border);color:var(--muted);white-space:nowrap}
.chip.selected{border-color:var(--link);color:var(--link)}.chip.warn{border-color:var(--bad);color:var(--bad)}
.chip.role-base{border-color:var(--base);color:var(--base)}.chip.role-mesa{border-color:var(--mesa);color:var(--mesa)}
.chip.role-train{border-color:var(--ok);color:var(--ok)}.chip.role-deploy{border-color:var(--changed);color:var(--changed)}
.tags{margin-top:3px;display:flex;gap:4px;flex-wrap:wrap}
.table-wrap{overflow-x:auto;border:1px solid var(--border);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--border)}
thead th{background:var(--panel);font-size:12px;color:var(--muted);font-weight:600}
tbody tr:last-child>*{border-bottom:none}
tbody th{font-weight:400}
.num{text-align:right;font-variant-numeric:tabular-nums}
table.verdicts tbody tr{border-left:3px solid transparent}
.row-pseudo-aligned>th:first-child{box-shadow:inset 3px 0 var(--warn)}.row-misaligned>th:first-child{box-shadow:inset 3px 0 var(--bad)}
.row-robust>th:first-child{box-shadow:inset 3px 0 var(--ok)}.row-unknown>th:first-child{box-shadow:inset 3px 0 var(--unknown)}
ul.intervals{list-style:none;margin:0;padding:0;font-variant-numeric:tabular-nums}ul.intervals li>*{white-space:nowrap}
.env-name{color:var(--muted);font-size:12px;margin-right:4px}
.interval{font-weight:600}.of{color:var(--muted)}
li.falls .interval{color:var(--bad)}
.regret{font-size:12px;color:var(--muted);margin-left:4px}.regret.bad{color:var(--bad);font-weight:600}
.na{color:var(--muted);cursor:help}
tr.winner th,tr.winner td{background:color-mix(in srgb,var(--link) 7%,transparent)}
a.src{font-weight:inherit}
article.env,article.witness,article.distinguishing{border:1px solid var(--border);border-radius:10px;padding:16px 18px;margin:0 0 16px;background:var(--bg)}
dl.facts{display:flex;flex-wrap:wrap;gap:6px 24px;margin:0 0 10px}dl.facts div{display:flex;gap:6px}
dt{color:var(--muted)}dd{margin:0}
figure{margin:0}
figure.graph{overflow-x:auto;padding:8px 0}
figure svg,.chart svg{max-width:100%;height:auto;display:block}
.graph svg text{font-family:Helvetica,Arial,sans-serif}
.graph svg a.src{cursor:pointer}.graph svg a.src:hover :is(ellipse,polygon),.graph svg a.src:focus :is(ellipse,polygon){stroke-width:2.5}
${svgTheme}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;color:var(--muted);margin:0 0 14px}
.swatch{display:inline-block;width:18px;height:0;border-top:3px solid;vertical-align:middle;margin-right:6px}
.swatch.base{border-color:var(--base)}.swatch.mesa{border-top-style:dashed;border-color:var(--mesa)}.swatch.changed{border-color:var(--changed)}
.changes{font-size:13px}.note{color:var(--warn)}
figure.map{margin:6px 0 12px}.map-frame{overflow-x:auto;max-width:100%}
svg.gridmap{max-width:100%;height:auto;display:block}
svg .cell.floor{fill:var(--bg);stroke:var(--border);stroke-width:1}svg .cell.wall{fill:var(--ink);stroke:var(--ink);stroke-width:1}
svg .glyph{fill:var(--fg);font-family:var(--mono);font-weight:600;paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}
svg .start{fill:none;stroke:var(--fg);stroke-width:2;stroke-dasharray:3 2}
figure.map figcaption{font-size:12px;color:var(--muted);margin:6px 0 4px;max-width:78ch}
ul.map-legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
ul.map-legend li{display:flex;align-items:center;gap:6px}svg.key{flex:none}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:18px}
.chart{border:1px solid var(--border);border-radius:10px;padding:10px;color:var(--fg);background:var(--bg)}
.chart figcaption{font-size:12px;color:var(--muted);padding:4px 6px 0}
.split{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}.split>*{flex:1 1 300px;min-width:0}.split>figure{flex:0 1 auto}
.values-wrap{display:inline-block;max-width:100%}table.values{width:auto}table.values td,table.values th{padding:6px 10px}table.values tbody th{white-space:nowrap}
.side-by-side{display:grid;grid-template-columns:repeat(2,minmax(0,320px));gap:12px;margin:0 0 12px}
.actions{border:1px solid var(--border);border-radius:8px;padding:10px 12px;border-top:3px solid var(--tone)}
.actions.mesa{--tone:var(--mesa)}.actions.base{--tone:var(--base)}
.actions ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.actions li.only code{background:color-mix(in srgb,var(--tone) 22%,transparent);font-weight:600}
.path{font-size:13px;line-height:2}.path .sep{color:var(--muted);margin:0 4px}.times{color:var(--muted);font-size:11px;margin-left:2px}
.limits{margin-top:12px;padding:10px 12px;border-radius:8px;background:var(--panel)}
.warn-text{color:var(--warn)}.error{color:var(--bad)}
ul.notes{color:var(--muted);font-size:13px}
footer{color:var(--muted);font-size:12px;padding-top:24px}
@media (max-width:1100px){.layout{grid-template-columns:minmax(0,1fr);gap:12px;padding:20px 16px 48px}
nav.toc{position:static}nav.toc>ol{display:flex;flex-wrap:wrap;gap:4px}nav.toc ol ol{display:none}}
@media print{nav.toc{display:none}.layout{display:block}}
`;
