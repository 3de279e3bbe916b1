/**
 * A check that throws on a half-parsed document must not print a stack trace into the
 * user's terminal or the server log: it becomes one `internal-error` diagnostic, and the
 * stack is printed only with MESA_DEBUG set.
 *
 * Checks run synchronously: Langium wraps each in two awaits, which on a 2,000-line spec
 * (tens of thousands of checked nodes) cost more than the checks themselves.
 */
import type { AstNode, ValidationAcceptor, ValidationCheck } from 'langium';
import { OperationCancelled, ValidationRegistry } from 'langium';

export class MesaValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                if (result instanceof Promise) return result.catch((error: unknown) => this.reportFailure(error, 'An error occurred during validation', accept, node));
            } catch (error) {
                this.reportFailure(error, 'An error occurred during validation', accept, node);
            }
            return undefined;
        };
    }

    protected override async handleException(functionality: () => unknown, messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            this.reportFailure(error, messageContext, accept, node);
        }
    }

    private reportFailure(error: unknown, messageContext: string, accept: ValidationAcceptor, node: AstNode): void {
        if (error === OperationCancelled) throw error;
        // `process` is absent in a browser (docs/browser.md).
        if (globalThis.process?.env?.['MESA_DEBUG']) console.error(messageContext, error);
        const detail = error instanceof Error ? error.message : String(error);
        accept('error', `Internal error in a check (${detail}); please report it with this spec.`, { node, code: 'internal-error' });
    }
}
