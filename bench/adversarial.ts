/**
 * `npm run bench` (adversarial part): the cost of candidate enumeration plus the
 * distinguishing search on the examples, the published cases the editor must finish in
 * its 2 s budget (boat-race, absent-supervisor) and two generated 1,000-node chains
 * (docs/benchmarks.md, The distinguishing search), measured as the difference between
 * `simulate` with and without `adversarial` back to back, median of the runs' differences after a warm-up. Reported
 * as a ratio, the search against the rest of the analysis, and as counts: the derived
 * environments explored and the step sources the search generates (one per derived
 * environment, plus one replay per environment of the spec it judges in). Prints
 * figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { loadSpecText } from '../language/compile/load.js';
import { createMesaServices } from '../language/mesa-module.js';
import { derivedEnvironments } from '../language/simulation/adversarial/distinguish.js';
import { simulate } from '../language/simulation/index.js';
import { stepsGenerated } from '../language/simulation/step-source.js';
import { chain } from './generated-spec.js';
import { median } from './median.js';

const EXAMPLES = ['button-lamp', 'cleaning', 'garden', 'believer', 'shop', 'thermostat'];
const PUBLISHED = ['boat-race', 'absent-supervisor'];

async function measure(services: ReturnType<typeof createMesaServices>['Mesa'], name: string, text: string, runs: number): Promise<void> {
    const spec = (await loadSpecText(services, text)).spec;
    if (!spec) throw new Error(`${name} does not compile`);
    const on: number[] = [], off: number[] = [];
    const derived0 = derivedEnvironments(), generated0 = stepsGenerated();
    let last = simulate(spec);
    const derived = derivedEnvironments() - derived0, generatedOn = stepsGenerated() - generated0;
    const generated1 = stepsGenerated();
    simulate(spec, { adversarial: false });
    // What the search generates: the derived environments', and one replay of each of the spec's own it judges in.
    const generated = generatedOn - (stepsGenerated() - generated1);
    for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        last = simulate(spec);
        const t1 = performance.now();
        simulate(spec, { adversarial: false });
        const t2 = performance.now();
        on.push(t1 - t0);
        off.push(t2 - t1);
    }
    const c = last.candidates, d = last.distinguishing;
    // The search's cost: the median of each run's difference, with the search and without, run
    // back to back. A search of a millisecond or less can come out negative on a busy machine:
    // then it is below what the runs can tell apart, and is printed as such.
    const extra = median(on.map((t, i) => t - off[i]!));
    const cost = extra > 0
        ? `${extra.toFixed(1).padStart(8)} ms, ${(extra / median(off)).toFixed(1)} × the rest`
        : `below the noise (the runs differ by up to ${(Math.max(...off) - Math.min(...off)).toFixed(1)} ms)`;
    const kinds = d.environments.map(e => `${e.name} (${e.kind ?? 'intervention'})`).join(', ') || '-';
    console.log(`  ${name.padEnd(18)} search ${cost}`
        + ` (simulate ${median(on).toFixed(1)} ms, without ${median(off).toFixed(1)} ms);`
        + ` ${derived} derived environments, ${generated} step sources generated (${generated - derived} replays of the spec's ${spec.environments.length} environments);`
        + ` ${c.enumerated} candidates, ${c.pseudoAligned} pseudo-aligned; ${d.environments.length} environments (${kinds}),`
        + ` ${d.uncovered.length} uncovered`);
}

async function main(): Promise<void> {
    const services = createMesaServices(EmptyFileSystem).Mesa;
    console.log('adversarial training (enumeration + distinguishing search), median of the runs after one warm-up');
    for (const name of EXAMPLES) await measure(services, name, readFileSync(join(process.cwd(), 'examples', `${name}.mesa`), 'utf8'), 9);
    for (const name of PUBLISHED) await measure(services, name, readFileSync(join(process.cwd(), 'examples', 'published', `${name}.mesa`), 'utf8'), 3);
    await measure(services, 'chain n500 = b', chain(1_000, 'b'), 3);
    await measure(services, 'chain n500 = a + b', chain(1_000, 'a + b'), 1);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
