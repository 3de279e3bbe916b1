/**
 * `npm run bench` (adversarial part): the cost of candidate enumeration plus the
 * distinguishing-environment set cover on the examples, measured as the
 * difference between `simulate` with and without `adversarial`, median of several
 * runs after warm-up, with the resulting counts. Goal for button-lamp: under 5 s.
 * Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { loadSpecText } from '../language/compile/load.js';
import { createMesaServices } from '../language/mesa-module.js';
import { simulate } from '../language/simulation/index.js';

const EXAMPLES = ['button-lamp', 'cleaning', 'garden', 'believer', 'shop', 'thermostat'];
const RUNS = 5;

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[s.length >> 1]!;
}

async function main(): Promise<void> {
    const services = createMesaServices(EmptyFileSystem).Mesa;
    console.log('adversarial training (enumeration + set cover), median of', RUNS, 'runs after one warm-up');
    for (const name of EXAMPLES) {
        const text = readFileSync(join(process.cwd(), 'examples', `${name}.mesa`), 'utf8');
        const spec = (await loadSpecText(services, text)).spec;
        if (!spec) throw new Error(`${name} does not compile`);
        const on: number[] = [], off: number[] = [];
        let last = simulate(spec);
        simulate(spec, { adversarial: false });
        for (let r = 0; r < RUNS; r++) {
            const t0 = performance.now();
            last = simulate(spec);
            const t1 = performance.now();
            simulate(spec, { adversarial: false });
            const t2 = performance.now();
            on.push(t1 - t0);
            off.push(t2 - t1);
        }
        const c = last.candidates, d = last.distinguishing;
        const extra = median(on) - median(off);
        console.log(`  ${name.padEnd(12)} enumeration + set cover ${extra.toFixed(1).padStart(7)} ms`
            + ` (simulate ${median(on).toFixed(1)} ms, without ${median(off).toFixed(1)} ms);`
            + ` ${c.enumerated} candidates, ${c.pseudoAligned} pseudo-aligned;`
            + ` ${d.environments.length} environments (${d.environments.map(e => e.name).join(', ') || '-'}),`
            + ` uncovered ${d.uncovered.join(', ') || '-'}`);
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
