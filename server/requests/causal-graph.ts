/**
 * `mesa/causalGraph`: one environment's signed causal graph as DOT and as SVG laid out
 * by Graphviz (`@viz-js/viz`, WebAssembly bundled into the server; no network), drawn
 * as the report draws it. What a deployment environment changes relative to the first
 * training environment is highlighted, and every node links to its declaration for the
 * view's script (docs/editor.md, The causal-graph view).
 */
import type { Viz } from '@viz-js/viz';
import { instance } from '@viz-js/viz';
import type { LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CausalGraphParams, CausalGraphResult } from '../../language/protocol.js';
import { compiledDrawing, drawingDot, linkDeclarations } from '../../language/report/causal-dot.js';
import { cancelled, compiledSpecOf } from './document.js';

let vizInstance: Promise<Viz> | undefined;

/** One Graphviz instance per server, made on first use (instantiating the WebAssembly takes a moment). */
function viz(): Promise<Viz> {
    vizInstance ??= instance();
    return vizInstance;
}

export async function handleCausalGraph(shared: LangiumSharedCoreServices, params: CausalGraphParams, token: CancellationToken): Promise<CausalGraphResult> {
    const spec = await compiledSpecOf(shared, params.uri, token);
    const environments = spec.environments.map(e => e.label);
    const label = params.env ?? spec.train[0] ?? environments[0];
    const env = spec.environments.find(e => e.label === label);
    if (!env) {
        throw new ResponseError(ErrorCodes.InvalidParams, `No environment ${label ?? ''} in this spec; it has ${environments.join(', ') || 'none'}.`);
    }
    const drawing = compiledDrawing(spec, env, { links: true });
    const rendered = (await viz()).render(drawingDot(drawing), { format: 'svg' });
    if (token.isCancellationRequested) throw cancelled();
    if (rendered.status !== 'success' || rendered.output === undefined) {
        throw new ResponseError(ErrorCodes.InternalError, `Graphviz could not lay out ${env.label}: ${rendered.errors.map(e => e.message).join('; ')}`);
    }
    // The DOT handed out is the plain drawing, without the links' placeholders.
    const dot = drawingDot({ ...drawing, declarations: undefined });
    return { env: env.label, environments, dot, svg: linkDeclarations(rendered.output, drawing, 'webview') };
}
