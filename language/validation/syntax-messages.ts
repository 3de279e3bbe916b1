/**
 * Rewrites the parser's and lexer's messages into one line in the language's own words:
 * "expected a name but found '{'" rather than token types and numbered token sequences.
 */

const TOKEN_NAMES: Record<string, string> = {
    ID: 'a name',
    NUMBER: 'a number',
    EOF: 'the end of the file',
};

function describeToken(token: string): string {
    return TOKEN_NAMES[token] ?? `'${token}'`;
}

function describeFound(found: string): string {
    return found === '' ? 'the end of the file' : `'${found}'`;
}

export function friendlySyntaxMessage(message: string): string {
    const single = /^Expecting token of type '([^']+)' but found `([\s\S]*)`\.$/.exec(message);
    if (single) {
        const [, token, found] = single;
        if (token === 'EOF') {
            return `Syntax error: unexpected ${describeFound(found!)}; expected a declaration (environment, objective, optimizer, train, deploy or select).`;
        }
        return `Syntax error: expected ${describeToken(token!)} but found ${describeFound(found!)}.`;
    }
    const sequences = /^Expecting: (?:one of these possible Token sequences|expecting at least one iteration[^:]*):([\s\S]*)but found: '([\s\S]*)'$/.exec(message.trim());
    if (sequences) {
        const options = [...sequences[1]!.matchAll(/\[([^\]]+)\]/g)].map(m => m[1]!.split(', ').map(describeToken).join(' '));
        const unique = [...new Set(options)];
        const list = unique.length <= 1 ? unique.join('') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
        return `Syntax error: expected ${list} but found ${describeFound(sequences[2]!)}.`;
    }
    const lexer = /^unexpected character: ->([\s\S])<- at offset: (\d+)/.exec(message);
    if (lexer) {
        const char = lexer[1]!;
        const shown = /[\x20-\x7e]/.test(char) ? `'${char}'` : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        return `Syntax error: unexpected character ${shown}.`;
    }
    return `Syntax error: ${message.replace(/\s+/g, ' ').trim()}`;
}
