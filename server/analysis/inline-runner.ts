/**
 * Runs jobs on the calling thread: for tests, and for a browser whose workers cannot
 * start workers of their own. Nothing can interrupt a run here, so a cancel only drops
 * its result.
 */
import { analyzeBySimulation } from '../../language/findings/simulation-analysis.js';
import type { CompiledSpec } from '../../language/model/spec.js';
import type { AnalysisRunner, RunHandle, RunOptions } from './runner.js';

export class InlineRunner implements AnalysisRunner {
    run(spec: CompiledSpec, options: RunOptions): RunHandle {
        const flag = { cancelled: false };
        const result = Promise.resolve().then(() => {
            const started = performance.now();
            const outcome = analyzeBySimulation(spec, { ...options, signal: flag });
            if (flag.cancelled) return { findings: [], ms: 0, cancelled: true as const };
            return { ...outcome, ms: performance.now() - started };
        });
        return { result, cancel: () => { flag.cancelled = true; } };
    }

    dispose(): void {
        // nothing to release
    }
}
