/**
 * The spec in the page's URL fragment, so that a link shares it (docs/browser.md, The
 * playground): `#spec=` then the UTF-8 text compressed with raw DEFLATE (the browser's
 * CompressionStream) in base64url, without padding. `#example=name` opens a bundled
 * example. Decoding never throws: a damaged link gives a message instead.
 */

const SPEC = 'spec=';
const EXAMPLE = 'example=';

export type Shared = { spec: string } | { example: string } | { error: string } | undefined;

/** The fragment (with its `#`) that carries `text`. */
export async function encodeSpec(text: string): Promise<string> {
    const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
    return `#${SPEC}${toBase64Url(packed)}`;
}

/** What a fragment carries: a spec, an example's name, an error for a damaged link, or nothing. */
export async function decodeFragment(hash: string): Promise<Shared> {
    const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
    if (fragment.startsWith(EXAMPLE)) return { example: decodeURIComponent(fragment.slice(EXAMPLE.length)) };
    if (!fragment.startsWith(SPEC)) return undefined;
    try {
        const packed = fromBase64Url(fragment.slice(SPEC.length));
        const bytes = await pipe(packed, new DecompressionStream('deflate-raw'));
        return { spec: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
        return { error: 'This link\'s spec is damaged (cut short, or not made by the playground): the playground opened an example instead.' };
    }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
    return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, c => c.charCodeAt(0));
}
