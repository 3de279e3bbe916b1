/**
 * A language server's analysis half without a connection, for the scheduler tests: Mesa
 * services on an empty file system, an analysis scheduler with a given runner, the
 * diagnostics it publishes, documents opened (or replaced) and built as an editor's
 * edit builds them, and a promise for the next analysis that reaches the editor.
 */
import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMesaServices } from '../../language/mesa-module.js';
import type { AnalysisRunner } from '../../server/analysis/runner.js';
import { InlineRunner } from '../../server/analysis/runner.js';
import type { AnalysisEvent, AnalysisSettings } from '../../server/analysis/scheduler.js';
import { AnalysisScheduler } from '../../server/analysis/scheduler.js';

export const URI_OF_SPEC = 'file:///work/button-lamp.mesa';

export function setupScheduler(settings: Partial<AnalysisSettings> = {}, runner: AnalysisRunner = new InlineRunner()) {
    const services = createMesaServices(EmptyFileSystem).Mesa;
    const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
    const logs: string[] = [];
    const scheduler = new AnalysisScheduler(services, runner, {
        publish: (uri, diagnostics) => published.push({ uri, diagnostics }),
        settings: async () => ({ trigger: 'onChange', maxStates: 200_000, timeBudgetMs: 10_000, debounceMs: 0, ...settings }),
        log: message => logs.push(message),
    });
    /** Opens `text` as the document `uri` (replacing it), built and validated. */
    const open = async (text: string, uri = URI_OF_SPEC): Promise<LangiumDocument> => {
        const shared = services.shared.workspace;
        const parsed = URI.parse(uri);
        if (shared.LangiumDocuments.hasDocument(parsed)) shared.LangiumDocuments.deleteDocument(parsed);
        const document = shared.LangiumDocumentFactory.fromString(text, parsed);
        shared.LangiumDocuments.addDocument(document);
        await shared.DocumentBuilder.build([document], { validation: true });
        return document;
    };
    /** The next analysis that reaches the editor. */
    const analyzed = () => new Promise<AnalysisEvent>(resolve => scheduler.onAnalyzed(resolve));
    return { services, scheduler, published, logs, open, analyzed };
}

export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code)).sort();
}
