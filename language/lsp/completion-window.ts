/**
 * Where completion may start reading: the start of the top-level declaration around the
 * cursor. Mesa's declarations parse independently of each other, so lexing and parsing
 * from there gives the same next features as from the top of the file, and completion
 * in a 2,000-line spec costs what it costs in a short one.
 */
import type { LangiumDocument } from 'langium';
import type { Spec } from '../generated/ast.js';

const DECLARATION_KEYWORD = /^(environment|objective|optimizer|train|deploy|select|const|grid)\b/;

export function completionWindowStart(document: LangiumDocument, offset: number): number {
    const spec = document.parseResult.value as Spec;
    const text = document.textDocument.getText();
    let start = 0;
    for (const declaration of spec.declarations ?? []) {
        const at = declaration.$cstNode?.offset;
        if (at === undefined || at > offset) break;
        if (DECLARATION_KEYWORD.test(text.slice(at, at + 12))) start = at;
    }
    return start;
}
