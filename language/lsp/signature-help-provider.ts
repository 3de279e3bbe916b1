/**
 * Signature help for the built-in functions (docs/editor.md, Features): while the
 * arguments of `min(`, `clamp(`... are typed, the call's parameters with the one being
 * typed highlighted. The labels come from the table in builtin-functions.ts.
 *
 * A call being typed is seldom complete (`clamp(x, ` has no closing parenthesis), so
 * the call around the cursor is found from the text rather than from the syntax tree:
 * the declaration around the cursor is read from its start, skipping comments, grid rows
 * and character literals (`'('` opens nothing), keeping the open parentheses and the
 * commas met in each. In `choose(p1: e1, p2: e2)` each outcome is one parameter.
 */
import type { AstNode, Cancellation, LangiumDocument, MaybePromise } from 'langium';
import { AstUtils } from 'langium';
import { AbstractSignatureHelpProvider } from 'langium/lsp';
import type { SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import type { Spec } from '../generated/ast.js';
import { isCall, isChoose, isEnvironment } from '../generated/ast.js';
import { activeParameter, builtinFunction, signatureOf } from './builtin-functions.js';
import { completionWindowStart } from './completion-window.js';

/** Words that may stand before a parenthesis that only groups: `if (a > b) then ...`. */
const GROUPING_WORDS = new Set(['if', 'then', 'else', 'and', 'or', 'not']);

export class MesaSignatureHelpProvider extends AbstractSignatureHelpProvider {
    override provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): MaybePromise<SignatureHelp | undefined> {
        const offset = document.textDocument.offsetAt(params.position);
        const text = document.textDocument.getText();
        const call = openCallAt(text, readFrom(document, offset), offset);
        return call ? signatureHelp(call.name, call.argument) : undefined;
    }

    /** The signature of the call around a syntax-tree node, on its first argument (the text-based lookup above is what requests use). */
    protected override getSignatureFromElement(element: AstNode, _cancelToken: Cancellation.CancellationToken): MaybePromise<SignatureHelp | undefined> {
        const call = AstUtils.getContainerOfType(element, (n): n is AstNode => isCall(n) || isChoose(n));
        if (isCall(call)) return signatureHelp(call.function, 0);
        return call ? signatureHelp('choose', 0) : undefined;
    }

    /** `(` opens a call's signature, `,` moves it to the next parameter. */
    override get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: [','] };
    }
}

/**
 * Where reading may start: the declaration around the cursor (completion-window.ts) or,
 * inside an environment, the member around it (no parenthesis spans two members), so
 * a rule in a 2,000-node environment is read from its own start.
 */
function readFrom(document: LangiumDocument, offset: number): number {
    const start = completionWindowStart(document, offset);
    const declaration = (document.parseResult.value as Spec).declarations?.find(d => d.$cstNode?.offset === start);
    if (!isEnvironment(declaration)) return start;
    let from = start;
    for (const member of declaration.members) {
        const at = member.$cstNode?.offset;
        if (at === undefined) continue;
        if (at > offset) break;
        from = at;
    }
    return from;
}

function signatureHelp(name: string, argument: number): SignatureHelp | undefined {
    const fn = builtinFunction(name);
    if (!fn) return undefined;
    return { signatures: [signatureOf(name, fn)], activeSignature: 0, activeParameter: activeParameter(fn, argument) };
}

/**
 * The innermost call of a built-in function whose parenthesis is open at `offset`, and
 * the index of the argument being typed, reading `text` from `start`. Parentheses that
 * only group are looked through; any other call (an environment's parameters) is not a
 * function's.
 */
export function openCallAt(text: string, start: number, offset: number): { name: string; argument: number } | undefined {
    // Per open parenthesis: the function it calls (undefined: it groups; '' another call) and the commas met.
    const open: { name: string | undefined; commas: number }[] = [];
    let word: string | undefined;
    for (let i = start; i < offset; i++) {
        const c = text[i]!;
        if (c === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            if (end < 0 || end >= offset) return undefined;
            i = end;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0 || end + 2 > offset) return undefined;
            i = end + 1;
            continue;
        }
        if (c === '"' || c === "'") {
            // A grid row or a character literal: to its closing quote, on its line.
            const close = text.slice(i + 1, offset).search(c === '"' ? /["\r\n]/ : /['\r\n]/);
            if (close < 0) return undefined;
            i += close + 1;
            word = undefined;
            continue;
        }
        if (/[_a-zA-Z]/.test(c)) {
            let end = i + 1;
            while (end < offset && /\w/.test(text[end]!)) end++;
            word = text.slice(i, end);
            i = end - 1;
            continue;
        }
        if (/\s/.test(c)) continue;
        if (c === '(') {
            open.push({ name: word === undefined || GROUPING_WORDS.has(word) ? undefined : builtinFunction(word) ? word : '', commas: 0 });
        } else if (c === ',') {
            if (open.length > 0) open[open.length - 1]!.commas++;
        } else if (c === ')') {
            open.pop();
        } else if (c === '{' || c === '}') {
            open.length = 0;
        }
        word = undefined;
    }
    for (let k = open.length - 1; k >= 0; k--) {
        const { name, commas } = open[k]!;
        if (name === undefined) continue;
        return name === '' ? undefined : { name, argument: commas };
    }
    return undefined;
}
