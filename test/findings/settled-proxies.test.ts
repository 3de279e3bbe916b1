/**
 * Static proxy warnings on objectives whose verdict the simulation settles (docs/analyses.md,
 * When each kind runs): on a robust or misaligned mesa objective the warning says so and
 * becomes information, the same in `mesa check` and in the editor once its analysis ran,
 * and it stays so over edits until a fresh analysis says otherwise.
 */
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CHECK_DEFAULTS, diagnoseText } from '../../cli/check.js';
import { settleByVerdicts } from '../../language/findings/simulation-store.js';
import type { PlainDiagnostic } from '../../language/findings/report-diagnostic.js';
import { compiled, exampleText, services } from '../helpers/services.js';
import { setupScheduler } from '../server/scheduler-setup.js';

/** Glowing reads the glow, which follows the lamp: an instrumental proxy of Light, and robust. */
const GLOW = `environment Lab {
  horizon 6
  action press
  node lamp = press@1
  node glow = lamp
}
objective base Light = lamp
objective mesa Glowing = glow
train Lab
deploy Lab
`;
const GLOWING_PROXY = 'Glowing is an instrumental proxy of Light in Lab: raising Light through lamp raises Glowing (lamp → glow → Glowing).';
const ROBUST_NOTE = "The simulation shows Glowing is robust: in training and deployment it allows exactly Light's optimal choices, so this relation does no harm here.";
const COMMISSION_PROXY = 'Commission is a general proxy of Satisfaction in Shop: honest raises both (honest → commission → Commission; honest → satisfaction → Satisfaction).';
const MISALIGNED_NOTE = 'The simulation shows Commission is misaligned: it does not fit training, so selection would reject it.';

const check = (text: string, path: string) => diagnoseText(services, text, path, CHECK_DEFAULTS);
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;
/** Code, severity, message and start of each diagnostic, sorted: what the editor and the CLI must agree on. */
const shape = (list: readonly (Diagnostic | PlainDiagnostic)[]) => list.map(d => {
    const severity = typeof d.severity === 'number' ? SEVERITY[d.severity as 1 | 2 | 3 | 4] : d.severity;
    return `${d.range.start.line}:${d.range.start.character} ${severity} [${String(d.code)}] ${d.message}`;
}).sort();

describe('mesa check', () => {
    test('a robust objective\'s proxy warning is information that says so', async () => {
        const proxies = (await check(GLOW, 'glow.mesa')).filter(d => d.code === 'proxy-instrumental');
        expect(proxies).toHaveLength(1);
        expect(proxies[0]).toMatchObject({ severity: 'info', message: `${GLOWING_PROXY} ${ROBUST_NOTE}`, range: { start: { line: 7, character: 15 } } });
    });

    test('a misaligned objective\'s proxy warning is information that says so (shop\'s Commission)', async () => {
        const all = await check(exampleText('shop'), 'examples/shop.mesa');
        const proxy = all.filter(d => d.code === 'proxy-general');
        expect(proxy).toHaveLength(1);
        expect(proxy[0]).toMatchObject({ severity: 'info', message: `${COMMISSION_PROXY} ${MISALIGNED_NOTE}` });
    });

    test('a pseudo-aligned objective keeps its warning as it was (button-lamp\'s Pressing)', async () => {
        const proxy = (await check(exampleText('button-lamp'), 'examples/button-lamp.mesa')).filter(d => d.code === 'proxy-side-effect');
        expect(proxy).toHaveLength(1);
        expect(proxy[0]!.severity).toBe('warning');
        expect(proxy[0]!.message).not.toContain('The simulation shows');
    });
});

describe('the editor', () => {
    test.each([['glow', GLOW], ['shop', exampleText('shop')], ['button-lamp', exampleText('button-lamp')]])(
        'publishes what mesa check prints once the analysis ran (%s)', async (name, text) => {
            const { open, analyzed } = setupScheduler();
            const done = analyzed();
            await open(text, `file:///work/${name}.mesa`);
            expect(shape((await done).diagnostics)).toEqual(shape(await check(text, `${name}.mesa`)));
        });

    test('the settled warning stays information over an edit, until the next analysis', async () => {
        const { open, analyzed, scheduler } = setupScheduler({ trigger: 'onSave' });
        const uri = 'file:///work/glow.mesa';
        await open(GLOW, uri);
        const done = analyzed();
        await scheduler.documentSaved(uri);
        await done;
        const edited = await open('// edited, not saved\n' + GLOW, uri);
        const proxy = (edited.diagnostics ?? []).filter(d => d.code === 'proxy-instrumental');
        expect(proxy.map(d => [d.severity, d.message, d.range.start.line])).toEqual([[3, `${GLOWING_PROXY} ${ROBUST_NOTE}`, 8]]);
    });

    test('settling again restores first: a verdict that no longer holds gives the warning back', async () => {
        const spec = await compiled(GLOW);
        const glowing = spec.objectives.find(o => o.name === 'Glowing')!;
        const warning: Diagnostic = { severity: 2, code: 'proxy-instrumental', source: 'mesa', message: GLOWING_PROXY, range: glowing.location.range };
        const settled = settleByVerdicts([warning], spec, new Map([['Glowing', 'robust']]));
        expect(settled[0]).toMatchObject({ severity: 3, message: `${GLOWING_PROXY} ${ROBUST_NOTE}` });
        expect(settleByVerdicts(settled, spec, new Map([['Glowing', 'robust']]))[0]!.message).toBe(`${GLOWING_PROXY} ${ROBUST_NOTE}`);
        expect(settleByVerdicts(settled, spec, new Map())).toEqual([warning]);
    });
});
