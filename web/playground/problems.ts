/**
 * The problems list under the editor: every marker of the spec, as the Problems panel of
 * VS Code lists them (line and column, severity, code, message), sorted by place; a
 * click puts the cursor there.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';

const SEVERITY: Record<number, string> = {
    [monaco.MarkerSeverity.Error]: 'error',
    [monaco.MarkerSeverity.Warning]: 'warning',
    [monaco.MarkerSeverity.Info]: 'info',
    [monaco.MarkerSeverity.Hint]: 'hint',
};

export function showProblems(list: HTMLElement, summary: HTMLElement, editor: monaco.editor.IStandaloneCodeEditor): void {
    const model = editor.getModel();
    if (!model) return;
    const markers = monaco.editor.getModelMarkers({ resource: model.uri })
        .sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn || b.severity - a.severity);
    const count = (severity: monaco.MarkerSeverity) => markers.filter(m => m.severity === severity).length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    summary.textContent = `${plural(count(monaco.MarkerSeverity.Error), 'error')}, ${plural(count(monaco.MarkerSeverity.Warning), 'warning')}, ${count(monaco.MarkerSeverity.Info)} info`;
    list.replaceChildren(...markers.map(marker => {
        const severity = SEVERITY[marker.severity] ?? 'info';
        const code = typeof marker.code === 'string' ? marker.code : marker.code?.value;
        const row = document.createElement('li');
        row.className = `problem ${severity}`;
        row.tabIndex = 0;
        row.dataset['line'] = String(marker.startLineNumber);
        row.dataset['column'] = String(marker.startColumn);
        row.dataset['code'] = code ?? '';
        const where = document.createElement('span');
        where.className = 'where';
        where.textContent = `${marker.startLineNumber}:${marker.startColumn}`;
        const label = document.createElement('span');
        label.className = 'severity';
        label.textContent = code ? `${severity} [${code}]` : severity;
        const message = document.createElement('span');
        message.className = 'message';
        message.textContent = marker.message;
        row.append(where, label, message);
        const reveal = () => {
            const position = { lineNumber: marker.startLineNumber, column: marker.startColumn };
            editor.setPosition(position);
            editor.revealPositionInCenterIfOutsideViewport(position);
            editor.focus();
        };
        row.addEventListener('click', reveal);
        row.addEventListener('keydown', event => { if (event.key === 'Enter') reveal(); });
        return row;
    }));
}
