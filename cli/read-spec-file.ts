/**
 * Reads a spec file defensively: a missing or unreadable path, a directory, binary
 * junk, an empty or huge file each become one clear line naming the path.
 */
import { readFileSync, statSync } from 'node:fs';
import { UserError } from './user-error.js';

/** Specs larger than this are refused: no hand-written spec comes near it. */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;

export function readSpecFile(path: string): string {
    let size: number;
    try {
        const stat = statSync(path);
        if (stat.isDirectory()) {
            throw new UserError(`${path}: is a directory; give the .mesa files in it, e.g. ${path.replace(/\/$/, '')}/*.mesa`);
        }
        if (!stat.isFile()) {
            throw new UserError(`${path}: not a regular file`);
        }
        size = stat.size;
    } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`${path}: ${describeFsError(error)}`);
    }
    if (size > MAX_SPEC_BYTES) {
        throw new UserError(`${path}: too large (${(size / 1024 / 1024).toFixed(1)} MB); Mesa reads specs up to ${MAX_SPEC_BYTES / 1024 / 1024} MB`);
    }
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch (error) {
        throw new UserError(`${path}: ${describeFsError(error)}`);
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        throw new UserError(`${path}: not a text file (a NUL byte at offset ${nul}); a spec is UTF-8 text`);
    }
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        throw new UserError(`${path}: not valid UTF-8 text; a spec is UTF-8 text`);
    }
    if (text.trim().length === 0) {
        throw new UserError(`${path}: the file is empty; a spec declares at least an environment and a base objective`);
    }
    return text.replace(/^\uFEFF/, '');
}

function describeFsError(error: unknown): string {
    const code = (error as { code?: string }).code;
    switch (code) {
        case 'ENOENT': return 'no such file';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'is a directory';
        case 'ENAMETOOLONG': return 'file name too long';
        case 'ELOOP': return 'too many levels of symbolic links';
        default: return `cannot be read (${code ?? String(error)})`;
    }
}
