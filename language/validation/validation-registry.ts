/**
 * A check that throws on a half-parsed document must not print a stack trace into the
 * user's terminal or the server log: it becomes one `internal-error` diagnostic, and the
 * stack is printed only with MESA_DEBUG set.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { OperationCancelled, ValidationRegistry } from 'langium';

export class MesaValidationRegistry extends ValidationRegistry {
    protected override async handleException(functionality: () => unknown, messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            if (error === OperationCancelled) throw error;
            if (process.env['MESA_DEBUG']) console.error(messageContext, error);
            const detail = error instanceof Error ? error.message : String(error);
            accept('error', `Internal error in a check (${detail}); please report it with this spec.`, { node, code: 'internal-error' });
        }
    }
}
