/** Compiles a spec's text for the benchmarks, as the CLI would, with no file system. */
import { EmptyFileSystem, URI } from 'langium';
import type { LangiumDocument } from 'langium';
import { compileDocument } from '../language/compile/model-cache.js';
import type { Spec } from '../language/generated/ast.js';
import { createMesaServices } from '../language/mesa-module.js';
import type { CompiledSpec } from '../language/model/spec.js';

/** Built by the first compile, as the CLI builds them once it has read its arguments. */
let built: ReturnType<typeof createMesaServices>['Mesa'] | undefined;

export async function compileText(text: string, name: string): Promise<CompiledSpec> {
    const services = built ??= createMesaServices(EmptyFileSystem).Mesa;
    const document: LangiumDocument<Spec> = services.shared.workspace.LangiumDocumentFactory.fromString<Spec>(text, URI.parse(`memory:///${name}.mesa`));
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    const errors = document.diagnostics?.filter(d => d.severity === 1) ?? [];
    if (errors.length > 0) throw new Error(`${name}: ${errors[0]!.message}`);
    const spec = compileDocument(document);
    if (spec instanceof Error) throw spec;
    return spec;
}
