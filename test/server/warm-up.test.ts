/**
 * The language server's warm-up of the incremental build (server/warm-up.ts): every
 * kind of edit it makes applies to the generated spec, and it leaves nothing behind.
 */
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMesaServices } from '../../language/mesa-module.js';
import { warmUpIncrementalBuild } from '../../server/warm-up.js';

describe('warming the incremental build', () => {
    test.each([60, 200])('on a generated spec of %i lines, each of the eight edits is made and undone per round', async lines => {
        const { shared } = createMesaServices(EmptyFileSystem);
        const result = await warmUpIncrementalBuild(shared, { lines, rounds: 2, pause: () => Promise.resolve() });
        // The first build, then eight edits each made and undone, twice.
        expect(result.builds).toBe(1 + 2 * 8 * 2);
        expect(result.workMs).toBeGreaterThan(0);
        // The generated document is gone from the throwaway workspace.
        expect(shared.workspace.LangiumDocuments.hasDocument(URI.parse('memory:///mesa-warm-up.mesa'))).toBe(false);
    });

    test('stops between builds when asked to', async () => {
        const { shared } = createMesaServices(EmptyFileSystem);
        let builds = 0;
        const result = await warmUpIncrementalBuild(shared, { lines: 60, rounds: 3, pause: () => Promise.resolve(void builds++), stopped: () => builds >= 3 });
        // The first build, then one edit made and undone: it stops before the next edit.
        expect(result.builds).toBe(3);
    });
});
