/**
 * The fuzz test (see docs/testing.md, Fuzzing): every seed of seed-corpus.ts, then a
 * few thousand fresh mutations of them, must pass every oracle of oracles.ts. The PRNG
 * has a fixed seed, so CI checks the same texts each time; `npm run fuzz`
 * (scripts/fuzz.sh) runs a longer campaign with a fresh seed, more mutations, and every
 * spec without errors simulated under a larger state budget. A failure prints the text
 * as a JSON string, ready to be added to the corpus.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { unloadSpec } from '../../language/compile/load.js';
import { mulberry32 } from '../../language/simulation/index.js';
import { services } from '../helpers/services.js';
import { mutate, pick } from './mutate.js';
import type { Coverage } from './oracles.js';
import { checkEditorFeatures, checkFormatting, checkIncremental, checkPipeline, checkSimulation, noCoverage, TINY_STATE_BUDGET } from './oracles.js';
import { SEED_CORPUS, SEED_EDITS } from './seed-corpus.js';

/** Mutations in this run (MESA_FUZZ_RUNS), the seed added to the fixed one (MESA_FUZZ_SEED), states per environment when simulating (MESA_FUZZ_STATES). */
const RUNS = Number(process.env['MESA_FUZZ_RUNS'] ?? 2000);
const SEED = Number(process.env['MESA_FUZZ_SEED'] ?? 0);
const STATES = Number(process.env['MESA_FUZZ_STATES'] ?? TINY_STATE_BUDGET);
/**
 * The long campaign (MESA_FUZZ_LONG=1) simulates every spec without errors, however
 * large; the CI run simulates only small ones.
 */
const LONG = process.env['MESA_FUZZ_LONG'] === '1';
/** A file each text is written to before it is checked (MESA_FUZZ_LOG): the one that crashed the process, if one does. */
const LOG = process.env['MESA_FUZZ_LOG'];
/** A long campaign may take hours; the CI run takes seconds. */
const TIMEOUT = Math.max(60_000, RUNS * 100);
/** Mutations kept to be mutated again, besides the seeds. */
const POOL_SIZE = 400;

/** Every problem the oracles find in `text` (reached by an edit from `previous`, if given). */
async function everyOracle(text: string, seen: Coverage, previous?: string): Promise<string[]> {
    if (LOG) writeFileSync(LOG, JSON.stringify({ text, previous }));
    const { problems, loaded } = await checkPipeline(text, seen);
    if (loaded) {
        problems.push(...await checkFormatting(loaded, seen), ...await checkEditorFeatures(loaded), ...checkSimulation(loaded, STATES, LONG, seen));
        await unloadSpec(services, loaded);
    }
    if (previous !== undefined) problems.push(...checkIncremental(previous, text, seen));
    return problems;
}

describe('fuzz', () => {
    test.each(SEED_CORPUS)('seed: $name', async ({ text }) => {
        expect(await everyOracle(text, noCoverage())).toEqual([]);
    });

    test.each(SEED_EDITS)('seed edit: $name', ({ from, to }) => {
        const seen = noCoverage();
        expect(checkIncremental(from, to, seen)).toEqual([]);
        expect(seen.reparsed).toBe(1);
    });

    test(`${RUNS} fresh mutations (seed ${SEED})`, async () => {
        const random = mulberry32(20_240_611 + SEED);
        const texts = SEED_CORPUS.map(seed => seed.text);
        // Mutations of mutations too: the seeds stay, kept mutations are replaced at random.
        const kept: string[] = [];
        const failures: string[] = [];
        const seen = noCoverage();
        for (let run = 0; run < RUNS && failures.length < 5; run++) {
            const parent = random() < 0.5 || kept.length === 0 ? pick(texts, random) : pick(kept, random);
            const child = mutate(parent, random, texts);
            const problems = await everyOracle(child, seen, parent);
            if (problems.length > 0) failures.push(`${JSON.stringify(child)}\n  ${problems.slice(0, 4).join('\n  ')}`);
            if (kept.length < POOL_SIZE) kept.push(child);
            else if (random() < 0.1) kept[Math.floor(random() * POOL_SIZE)] = child;
        }
        expect(failures, `seed ${SEED}`).toEqual([]);
        // The run meant something: each oracle had enough to check.
        console.log(`fuzz seed ${SEED}: ${RUNS} mutations, ${JSON.stringify(seen)}`);
        expect(seen.clean).toBeGreaterThan(RUNS / 15);
        expect(seen.broken).toBeGreaterThan(RUNS / 4);
        expect(seen.formatted).toBeGreaterThan(RUNS / 20);
        expect(seen.reparsed).toBeGreaterThan(RUNS / 10);
        expect(seen.simulated).toBeGreaterThan(RUNS / 50);
    }, TIMEOUT);
});
