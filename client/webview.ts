/** Helpers shared by the two webviews: nonces, escaping, opening the source at a place. */
import * as vscode from 'vscode';

/** 18 random bytes in base64, from the Web Crypto API that both extension hosts have. */
export function nonce(): string {
    return btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(18))));
}

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** A `{ type: 'reveal', uri, line, character }` message posted by a report link. */
export interface RevealMessage {
    type: 'reveal';
    uri: string;
    line: number;
    character: number;
}

export function isRevealMessage(message: unknown): message is RevealMessage {
    const m = message as Partial<RevealMessage> | null;
    return typeof m === 'object' && m !== null && m.type === 'reveal' && typeof m.uri === 'string'
        && Number.isInteger(m.line) && Number.isInteger(m.character);
}

/** Opens the document in the first editor column and puts the cursor at the place. */
export async function reveal(uri: vscode.Uri, line: number, character: number): Promise<void> {
    const position = new vscode.Position(Math.max(0, line), Math.max(0, character));
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** A short name for titles: the file name of a URI. */
export function baseName(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
