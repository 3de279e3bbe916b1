/**
 * Mesa as a Monaco language: its id, the editing behaviour of language-configuration.json
 * (comments, brackets, auto-closing, indentation) and a small tokenizer for comments,
 * keywords, numbers and strings. The keywords are the TextMate grammar's, read at build
 * time (MESA_KEYWORDS, web/build.mjs); names are coloured by the server's semantic tokens.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import configuration from '../../language-configuration.json';

declare const MESA_KEYWORDS: string[];

export const MESA = 'mesa';

const regex = (source: string) => new RegExp(source);

export function registerMesa(): void {
    monaco.languages.register({ id: MESA, extensions: ['.mesa'], aliases: ['Mesa', 'mesa'] });
    monaco.languages.setLanguageConfiguration(MESA, {
        comments: { lineComment: configuration.comments.lineComment, blockComment: configuration.comments.blockComment as [string, string] },
        brackets: configuration.brackets as [string, string][],
        autoClosingPairs: configuration.autoClosingPairs,
        autoCloseBefore: configuration.autoCloseBefore,
        surroundingPairs: configuration.surroundingPairs.map(([open, close]) => ({ open: open!, close: close! })),
        wordPattern: regex(configuration.wordPattern),
        indentationRules: {
            increaseIndentPattern: regex(configuration.indentationRules.increaseIndentPattern),
            decreaseIndentPattern: regex(configuration.indentationRules.decreaseIndentPattern),
        },
        folding: { markers: { start: regex(configuration.folding.markers.start), end: regex(configuration.folding.markers.end) } },
    });
    monaco.languages.setMonarchTokensProvider(MESA, {
        keywords: MESA_KEYWORDS,
        tokenizer: {
            root: [
                [/\/\/.*$/, 'comment'],
                [/\/\*/, 'comment', '@comment'],
                [/"[^"\r\n]*"/, 'string'],
                [/'[^'\r\n]'/, 'string'],
                [/\d+(\.\d+)?([eE][+-]?\d+)?/, 'number'],
                [/[_a-zA-Z]\w*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
            ],
            comment: [
                [/\*\//, 'comment', '@pop'],
                [/[^*]+/, 'comment'],
                [/\*/, 'comment'],
            ],
        },
    });
}
