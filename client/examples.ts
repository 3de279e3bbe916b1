/**
 * The shipped examples as the **Mesa: New Spec from Example** command offers them
 * (docs/editor.md, Commands): each one's name and the sentence its opening comment says
 * about it, and the file names a copy may take, the example's own first, then numbered,
 * so that a copy never replaces a file. No vscode import: tested on its own.
 */

export interface ExampleEntry {
    /** The file name without `.mesa`, e.g. `button-lamp`. */
    name: string;
    /** What the example's opening comment says, without the leading `name:`. */
    description: string;
}

/** An example with its text, as New Spec from Example copies it. */
export interface ShippedExample extends ExampleEntry {
    text: string;
}

/** Examples bundled as `{ name: text }` (the browser builds; docs/browser.md), described and sorted by name. */
export function bundledExamples(texts: Readonly<Record<string, string>>): ShippedExample[] {
    return Object.entries(texts)
        .map(([name, text]) => ({ name, description: describeExample(name, text), text }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** `button-lamp` for `button-lamp.mesa`; undefined for other files. */
export function exampleName(fileName: string): string | undefined {
    return /^[A-Za-z0-9][\w-]*\.mesa$/.test(fileName) ? fileName.slice(0, -'.mesa'.length) : undefined;
}

/** The opening `//` comment lines of an example, joined, without the `name:` they start with. */
export function describeExample(name: string, text: string): string {
    const lines: string[] = [];
    for (const line of text.split(/\r?\n/)) {
        const comment = /^\s*\/\/\s?(.*)$/.exec(line);
        if (!comment) break;
        lines.push(comment[1]!.trim());
    }
    const description = lines.join(' ').replace(/\s+/g, ' ').trim();
    const prefix = `${name}:`;
    return (description.startsWith(prefix) ? description.slice(prefix.length) : description).trim();
}

/** File names for a copy of `name`: `name.mesa`, then `name-2.mesa`, `name-3.mesa`, ... up to `limit` of them. */
export function* copyFileNames(name: string, limit = 1000): Generator<string> {
    yield `${name}.mesa`;
    for (let k = 2; k <= limit; k++) yield `${name}-${k}.mesa`;
}
