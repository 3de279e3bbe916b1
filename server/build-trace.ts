/**
 * MESA_TRACE_BUILDS=1 logs, for every document build, when each phase ended relative to
 * the edit that started it, to stderr: where the time between a keystroke and its
 * diagnostics goes, measured inside the running server.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { DocumentState } from 'langium';

const PHASES = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked,
    DocumentState.IndexedReferences, DocumentState.Validated];

export function traceBuilds(shared: LangiumSharedServices, write: (line: string) => void): void {
    const builder = shared.workspace.DocumentBuilder;
    let started = 0;
    let marks: string[] = [];
    builder.onUpdate(() => {
        started = performance.now();
        marks = [];
    });
    for (const phase of PHASES) {
        builder.onBuildPhase(phase, () => {
            marks.push(`${DocumentState[phase]} ${(performance.now() - started).toFixed(1)}`);
            if (phase === DocumentState.Validated) write(`build: ${marks.join(', ')} ms`);
        });
    }
}
