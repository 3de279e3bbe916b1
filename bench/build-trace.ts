/**
 * Build tracing for the editor benchmark (bench/traced-server.ts): logs, for every
 * document build, when each phase ended relative to the edit that started it, and the
 * garbage collection time seen by then, to stderr: where the time between a keystroke
 * and its diagnostics goes, measured inside the running server. (GC entries arrive
 * asynchronously: the figure can trail a little.)
 */
import { PerformanceObserver } from 'node:perf_hooks';
import type { LangiumSharedServices } from 'langium/lsp';
import { DocumentState } from 'langium';

const PHASES = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked,
    DocumentState.IndexedReferences, DocumentState.Validated];

export function traceBuilds(shared: LangiumSharedServices, write: (line: string) => void): void {
    const builder = shared.workspace.DocumentBuilder;
    let started = 0;
    let marks: string[] = [];
    let collecting = 0;
    const observer = new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (entry.startTime >= started) collecting += entry.duration;
    });
    observer.observe({ entryTypes: ['gc'] });
    builder.onUpdate(() => {
        started = performance.now();
        marks = [];
        collecting = 0;
    });
    for (const phase of PHASES) {
        builder.onBuildPhase(phase, () => {
            marks.push(`${DocumentState[phase]} ${(performance.now() - started).toFixed(1)}`);
            if (phase === DocumentState.Validated) write(`build: ${marks.join(', ')} ms; garbage collection ${collecting.toFixed(1)} ms`);
        });
    }
}
