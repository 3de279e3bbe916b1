/**
 * Vega-Lite → Vega → SVG, headless in Node (`renderer: 'none'`, no canvas: Vega
 * estimates text widths). One shared config themes every chart through `currentColor`
 * so the page's CSS colours axes and labels in light and dark themes alike.
 */
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import type { Config, TopLevelSpec } from 'vega-lite';
import { inlineSvg } from './graphs.js';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** Series colours, readable on light and dark backgrounds. */
export const PALETTE = ['#1c7ed6', '#ae3ec9', '#f08c00', '#2f9e44', '#e03131', '#0c8599', '#5f3dc4', '#c2255c'];

const CONFIG: Config = {
    background: 'transparent',
    font: FONT,
    padding: 8,
    view: { stroke: null },
    axis: {
        labelColor: 'currentColor',
        titleColor: 'currentColor',
        domainColor: 'currentColor',
        domainOpacity: 0.5,
        tickColor: 'currentColor',
        tickOpacity: 0.5,
        gridColor: 'currentColor',
        gridOpacity: 0.12,
        labelFontSize: 11,
        titleFontSize: 11,
        titleFontWeight: 600,
    },
    legend: { labelLimit: 400, labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 11, titleFontSize: 11, orient: 'bottom', direction: 'horizontal' },
    title: { color: 'currentColor', subtitleColor: 'currentColor', fontSize: 13, fontWeight: 600, anchor: 'start', subtitleFontSize: 11, subtitlePadding: 4, offset: 10 },
    range: { category: PALETTE },
};

let modules: Promise<[typeof VegaModule, typeof VegaLiteModule]> | undefined;

function load(): Promise<[typeof VegaModule, typeof VegaLiteModule]> {
    modules ??= Promise.all([import('vega'), import('vega-lite')]);
    return modules;
}

/** Renders a Vega-Lite spec (without its own config) to SVG markup for inlining. */
export async function renderChart(spec: TopLevelSpec, idPrefix: string): Promise<string> {
    const [vega, vl] = await load();
    const full: TopLevelSpec = { ...spec, config: CONFIG };
    const compiled = vl.compile(full).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
    try {
        const svg = await view.toSVG();
        return inlineSvg(svg, idPrefix);
    } finally {
        view.finalize();
    }
}
