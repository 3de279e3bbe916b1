/**
 * The Mesa language services: Langium's defaults, the generated parser, and Mesa's own
 * parsing, scoping, validation, analyses and editor features. Every service Mesa adds
 * or replaces is declared with its own class in the types below, so callers reach it
 * through the container, typed, never by testing what class a service is.
 */
import type { DeepPartial, Module, PartialLangiumCoreServices } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { SimulationStore } from './findings/simulation-store.js';
import { MesaVerdictCache } from './findings/verdict-cache.js';
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
import { MesaSignatureHelpProvider } from './lsp/signature-help-provider.js';
import { MesaLinker } from './scoping/linker.js';
import { MesaScopeComputation } from './scoping/scope-computation.js';
import { MesaScopeProvider } from './scoping/scope-provider.js';
import { MesaDocumentValidator } from './validation/document-validator.js';
import { MesaAstNodeDescriptionProvider, MesaReferenceDescriptionProvider } from './scoping/ast-descriptions.js';
import { MesaIndexManager } from './scoping/index-manager.js';
import type { MesaParseOptions } from './parse/document-factory.js';
import { DEFAULT_PARSE_OPTIONS, MesaDocumentFactory } from './parse/document-factory.js';
import { MesaValidationRegistry } from './validation/validation-registry.js';
import { registerValidationChecks } from './validation/validator.js';

/** Services Mesa adds to Langium's, and the Langium services it replaces, with Mesa's classes. */
export type MesaAddedServices = {
    analysis: {
        /** The latest simulation-backed diagnostics per document (filled by the language server's scheduler). */
        SimulationStore: SimulationStore;
        /** The verdicts of each document's latest simulation, shown by hovers. */
        VerdictCache: MesaVerdictCache;
    };
    references: {
        ScopeComputation: MesaScopeComputation;
        ScopeProvider: MesaScopeProvider;
        Linker: MesaLinker;
    };
    lsp: {
        CompletionProvider: MesaCompletionProvider;
        HoverProvider: MesaHoverProvider;
        DocumentSymbolProvider: MesaDocumentSymbolProvider;
        FoldingRangeProvider: MesaFoldingRangeProvider;
        SemanticTokenProvider: MesaSemanticTokenProvider;
        Formatter: MesaFormatter;
        InlayHintProvider: MesaInlayHintProvider;
        CodeLensProvider: MesaCodeLensProvider;
        CodeActionProvider: MesaCodeActionProvider;
        SignatureHelp: MesaSignatureHelpProvider;
    };
    validation: {
        ValidationRegistry: MesaValidationRegistry;
        DocumentValidator: MesaDocumentValidator;
    };
    workspace: {
        AstNodeDescriptionProvider: MesaAstNodeDescriptionProvider;
        ReferenceDescriptionProvider: MesaReferenceDescriptionProvider;
    };
};

export type MesaServices = LangiumServices & MesaAddedServices;

/** Shared services Mesa adds or replaces: how documents are parsed (size limit, incremental reparse), the lazy reference index. */
export type MesaAddedSharedServices = {
    workspace: {
        ParseOptions: MesaParseOptions;
        LangiumDocumentFactory: MesaDocumentFactory;
        IndexManager: MesaIndexManager;
    };
};

export type MesaSharedServices = LangiumSharedServices & MesaAddedSharedServices;

export const MesaModule: Module<MesaServices, PartialLangiumServices & PartialLangiumCoreServices & MesaAddedServices> = {
    analysis: {
        SimulationStore: () => new SimulationStore(),
        VerdictCache: () => new MesaVerdictCache(),
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
        CodeActionProvider: (services) => new MesaCodeActionProvider(services),
        SignatureHelp: () => new MesaSignatureHelpProvider(),
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

/** The shared module for the given parse options. */
export function createMesaSharedModule(parse: MesaParseOptions): Module<MesaSharedServices, DeepPartial<LangiumSharedServices> & MesaAddedSharedServices> {
    return {
        workspace: {
            ParseOptions: () => parse,
            LangiumDocumentFactory: (services) => new MesaDocumentFactory(services),
            IndexManager: (services) => new MesaIndexManager(services),
        },
    };
}

export interface MesaServiceOptions {
    /** Largest text parsed; defaults to the editor's limit (the CLI, not interactive, allows more). */
    maxSpecBytes?: number;
    /** Reparse only what an edit touched (default); false parses the whole text on every edit. */
    incremental?: boolean;
}

export function createMesaServices(context: DefaultSharedModuleContext, options: MesaServiceOptions = {}): { shared: MesaSharedServices; Mesa: MesaServices } {
    const parse: MesaParseOptions = {
        maxSpecBytes: options.maxSpecBytes ?? DEFAULT_PARSE_OPTIONS.maxSpecBytes,
        incremental: options.incremental ?? DEFAULT_PARSE_OPTIONS.incremental,
    };
    const shared = inject(createDefaultSharedModule(context), MesaGeneratedSharedModule, createMesaSharedModule(parse));
    const Mesa = inject(createDefaultModule({ shared }), MesaGeneratedModule, MesaModule);
    shared.ServiceRegistry.register(Mesa);
    shared.workspace.IndexManager.describeReferencesWith(Mesa.workspace.ReferenceDescriptionProvider);
    registerValidationChecks(Mesa);
    shared.lsp.LanguageServer.onInitialize(params => Mesa.lsp.CompletionProvider.useClientCapabilities(params.capabilities));
    if (!context.connection) {
        // No language client to ask for settings (CLI, tests, worker): use the defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Mesa };
}
