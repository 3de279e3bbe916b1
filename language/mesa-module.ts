/**
 * The Mesa language services: Langium's defaults, the generated parser, and Mesa's own
 * scoping, linking messages and validation (the DI module shape of Langium's examples).
 */
import type { Module, PartialLangiumCoreServices } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { MesaGeneratedModule, MesaGeneratedSharedModule } from './generated/module.js';
import { MesaLinker } from './references/linker.js';
import { MesaScopeComputation } from './scoping/scope-computation.js';
import { MesaScopeProvider } from './scoping/scope-provider.js';
import { MesaDocumentValidator } from './validation/document-validator.js';
import { MesaValidationRegistry } from './validation/validation-registry.js';
import { registerValidationChecks } from './validation/validator.js';

/** Services Mesa adds to Langium's. */
export type MesaAddedServices = object;

export type MesaServices = LangiumServices & MesaAddedServices;

export const MesaModule: Module<MesaServices, PartialLangiumServices & PartialLangiumCoreServices & MesaAddedServices> = {
    references: {
        ScopeComputation: (services) => new MesaScopeComputation(services),
        ScopeProvider: (services) => new MesaScopeProvider(services),
        Linker: (services) => new MesaLinker(services),
    },
    validation: {
        ValidationRegistry: (services) => new MesaValidationRegistry(services),
        DocumentValidator: (services) => new MesaDocumentValidator(services),
    },
};

export function createMesaServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Mesa: MesaServices } {
    const shared = inject(createDefaultSharedModule(context), MesaGeneratedSharedModule);
    const Mesa = inject(createDefaultModule({ shared }), MesaGeneratedModule, MesaModule);
    shared.ServiceRegistry.register(Mesa);
    registerValidationChecks(Mesa);
    if (!context.connection) {
        // No language client to ask for settings (CLI, tests, worker): use the defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Mesa };
}

