/**
 * `mesa graph FILE [--env NAME] [--format dot|svg]`: the signed causal graph of one
 * environment (the first training environment by default), as DOT or as SVG laid out
 * by Graphviz (compiled to WebAssembly, no system install needed).
 */
import type { MesaServices } from '../language/mesa-module.js';
import { causalGraphDot } from '../language/report/causal-dot.js';
import type { Output } from './check.js';
import { UserError } from './user-error.js';
import { loadSpecFile } from './load-spec.js';

export async function runGraph(services: MesaServices, path: string, options: { env?: string; format: 'dot' | 'svg' }, out: Output): Promise<number> {
    const file = await loadSpecFile(services, path, out);
    if (!file) return 1;
    const spec = file.spec;
    const wanted = options.env ?? spec.train[0];
    const env = spec.environments.find(e => e.label === wanted) ?? spec.environments.find(e => e.name === wanted);
    if (!env) {
        const known = spec.environments.map(e => e.label).join(', ');
        throw new UserError(`${path}: no environment '${wanted}' among those the spec uses (${known})`);
    }
    const dot = causalGraphDot(spec, env);
    if (options.format === 'dot') {
        out.stdout(dot);
    } else {
        const { instance } = await import('@viz-js/viz');
        const viz = await instance();
        out.stdout(viz.renderString(dot, { format: 'svg', engine: 'dot' }));
    }
    return 0;
}
