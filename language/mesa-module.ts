/**
 * The Mesa language services: Langium's defaults, the generated parser, and Mesa's own
 * scoping, linking messages and validation (the DI module shape of Langium's examples).
 */
import type { DeepPartial, Module, PartialLangiumCoreServices } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { SimulationStore } from './diagnostics/simulation-store.js';
import { MesaGeneratedModule, MesaGeneratedSharedModule } from './generated/module.js';
import { MesaCodeActionProvider } from './lsp/code-action-provider.js';
import { MesaCodeLensProvider } from './lsp/code-lens-provider.js';
import { MesaCompletionProvider } from './lsp/completion-provider.js';
import { MesaDocumentSymbolProvider } from './lsp/document-symbol-provider.js';
import { MesaFoldingRangeProvider } from './lsp/folding-range-provider.js';
import { MesaFormatter } from './lsp/formatter.js';
import { MesaHoverProvider } from './lsp/hover-provider.js';
import { MesaInlayHintProvider } from './lsp/inlay-hint-provider.js';
import { MesaSemanticTokenProvider } from './lsp/semantic-token-provider.js';
import { MesaLinker } from './references/linker.js';
import { MesaScopeComputation } from './scoping/scope-computation.js';
import { MesaScopeProvider } from './scoping/scope-provider.js';
import { MesaDocumentValidator } from './validation/document-validator.js';
import { MesaAstNodeDescriptionProvider, MesaReferenceDescriptionProvider } from './workspace/ast-descriptions.js';
import { MesaIndexManager } from './workspace/index-manager.js';
import { MesaDocumentFactory } from './workspace/document-factory.js';
import { MesaValidationRegistry } from './validation/validation-registry.js';
import { registerValidationChecks } from './validation/validator.js';

/** Services Mesa adds to Langium's. */
export type MesaAddedServices = {
    analysis: {
        /** The latest simulation-backed diagnostics per document (filled by the language server). */
        SimulationStore: SimulationStore;
    };
};

export type MesaServices = LangiumServices & MesaAddedServices;

export const MesaModule: Module<MesaServices, PartialLangiumServices & PartialLangiumCoreServices & MesaAddedServices> = {
    analysis: {
        SimulationStore: () => new SimulationStore(),
    },
    references: {
        ScopeComputation: (services) => new MesaScopeComputation(services),
        ScopeProvider: (services) => new MesaScopeProvider(services),
        Linker: (services) => new MesaLinker(services),
    },
    lsp: {
        CompletionProvider: (services) => new MesaCompletionProvider(services),
        HoverProvider: (services) => new MesaHoverProvider(services),
        DocumentSymbolProvider: (services) => new MesaDocumentSymbolProvider(services),
        FoldingRangeProvider: (services) => new MesaFoldingRangeProvider(services),
        SemanticTokenProvider: (services) => new MesaSemanticTokenProvider(services),
        Formatter: () => new MesaFormatter(),
        InlayHintProvider: () => new MesaInlayHintProvider(),
        CodeLensProvider: () => new MesaCodeLensProvider(),
        CodeActionProvider: () => new MesaCodeActionProvider(),
    },
    validation: {
        ValidationRegistry: (services) => new MesaValidationRegistry(services),
        DocumentValidator: (services) => new MesaDocumentValidator(services),
    },
    workspace: {
        AstNodeDescriptionProvider: (services) => new MesaAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: (services) => new MesaReferenceDescriptionProvider(services),
    },
};

/** Shared services Mesa replaces: the document factory (huge files, incremental reparse), the lazy reference index. */
export const MesaSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        LangiumDocumentFactory: (services) => new MesaDocumentFactory(services),
        IndexManager: (services) => new MesaIndexManager(services),
    },
};

export interface MesaServiceOptions {
    /** Largest text parsed; defaults to the editor's limit (the CLI, not interactive, allows more). */
    maxSpecBytes?: number;
}

export function createMesaServices(context: DefaultSharedModuleContext, options: MesaServiceOptions = {}): { shared: LangiumSharedServices; Mesa: MesaServices } {
    const shared = inject(createDefaultSharedModule(context), MesaGeneratedSharedModule, MesaSharedModule);
    const Mesa = inject(createDefaultModule({ shared }), MesaGeneratedModule, MesaModule);
    shared.ServiceRegistry.register(Mesa);
    const factory = shared.workspace.LangiumDocumentFactory;
    if (options.maxSpecBytes !== undefined && factory instanceof MesaDocumentFactory) {
        factory.maxSpecBytes = options.maxSpecBytes;
    }
    registerValidationChecks(Mesa);
    const completion = Mesa.lsp.CompletionProvider;
    if (completion instanceof MesaCompletionProvider) {
        shared.lsp.LanguageServer.onInitialize(params => completion.useClientCapabilities(params.capabilities));
    }
    if (!context.connection) {
        // No language client to ask for settings (CLI, tests, worker): use the defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Mesa };
}

