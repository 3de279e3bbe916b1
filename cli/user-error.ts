/**
 * Errors the CLI reports as one line on stderr, without a stack trace: bad arguments,
 * files that cannot be read as specs.
 */
export class UserError extends Error {
    constructor(message: string, readonly exitCode = 2) {
        super(message);
    }
}
