/**
 * Code lenses "▶ Simulate" and "Show causal graph" over each `train` and `deploy`
 * declaration; both run a client command with the document URI as argument.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Spec } from '../generated/ast.js';
import { isDeploy, isTrain } from '../generated/ast.js';
import { Commands } from '../protocol.js';


export class MesaCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const spec = document.parseResult.value as Spec;
        const uri = document.uri.toString();
        return spec.declarations.filter(d => isTrain(d) || isDeploy(d)).flatMap(declaration => {
            const range = declaration.$cstNode?.range;
            if (!range) return [];
            const line = { start: range.start, end: range.start };
            return [
                { range: line, command: { title: '▶ Simulate', command: Commands.simulate, arguments: [uri] } },
                { range: line, command: { title: 'Show causal graph', command: Commands.showGraph, arguments: [uri] } },
            ];
        });
    }
}
