/**
 * What an incremental reparse takes and what it declines (leaving the full parse to
 * decide): which window an edit is reparsed in, and when a window with a syntax error
 * is kept. Whatever it takes must be what a full parse gives.
 */
import type { AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { largeSpec } from '../../bench/generated-spec.js';
import { reparseIncrementally } from '../../language/parse/incremental/index.js';
import { parse, parser, snapshot } from './incremental-support.js';

describe('what it takes and what it declines', () => {
    const text = 'environment A {\n  horizon 3\n  action a\n  node x = a@1\n}\nobjective base O = x\n';

    test('an edit inside a node rule reparses that member only, keeping the others', () => {
        const before = parse(text);
        const env = before.value.declarations[0]!;
        const [horizon, action] = (env as unknown as { members: AstNode[] }).members;
        const after = reparseIncrementally(parser, before, text, text.replace('a@1', 'a@2 + 1'))!;
        expect(after.value.declarations[0]).toBe(env);
        const members = (after.value.declarations[0] as unknown as { members: AstNode[] }).members;
        expect(members[0]).toBe(horizon);
        expect(members[1]).toBe(action);
        expect(members[2]?.$cstNode?.text).toBe('node x = a@2 + 1');
    });

    test('a new member line is spliced in', () => {
        const after = reparseIncrementally(parser, parse(text), text, text.replace('  action a\n', '  action a\n  node y = 2\n'))!;
        const members = (after.value.declarations[0] as unknown as { members: AstNode[] }).members;
        expect(members.map(m => m.$cstNode?.text)).toEqual(['horizon 3', 'action a', 'node y = 2', 'node x = a@1']);
        expect(members.map(m => m.$containerIndex)).toEqual([0, 1, 2, 3]);
    });

    test('a member added at the end of an environment, just before its `}`, is spliced in', () => {
        for (const added of ['  node y = 2\n', '  node y = max(x,\n']) {
            const longer = text.replace('  node x = a@1\n}', `  node x = a@1\n${added}}`);
            const before = parse(text);
            const environment = before.value.declarations[0];
            const after = reparseIncrementally(parser, before, text, longer);
            expect(after, added).toBeDefined();
            // The environment is kept: only its members were reparsed.
            expect(after!.value.declarations[0]).toBe(environment);
            expect(snapshot(after!)).toEqual(snapshot(parse(longer)));
        }
    });

    test('a syntax error in a member is taken when the parse resumes at the next member as it was', () => {
        const longer = text.replace('  node x = a@1\n', '  node x = a@1\n  node z = x + 1\n');
        const broken = longer.replace('  action a\n', '  action a\n  node y = \n');
        const after = reparseIncrementally(parser, parse(longer), longer, broken)!;
        expect(snapshot(after)).toEqual(snapshot(parse(broken)));
        expect(after.parserErrors).toHaveLength(1);
        // Reported at the next member's first token, where the parser gave up, in the document's lines.
        expect(after.parserErrors[0]!.token).toMatchObject({ image: 'node', startLine: 5, startColumn: 3, startOffset: broken.indexOf('node x') });
        // Typing on mends it; the member after it is kept again.
        const mended = broken.replace('node y = ', 'node y = 2');
        const again = reparseIncrementally(parser, after, broken, mended)!;
        expect(snapshot(again)).toEqual(snapshot(parse(mended)));
        expect(again.parserErrors).toHaveLength(0);
    });

    test('an edit away from a standing syntax error is taken, the error moved with the text', () => {
        const spec = largeSpec(40);
        const broken = spec.replace('  node n20 =', '  node half = \n  node n20 =');
        let current = reparseIncrementally(parser, parse(spec), spec, broken)!;
        expect(current.parserErrors).toHaveLength(1);
        let text = broken;
        // Lines added above the broken one, below it, and far below it, while it stays broken.
        for (const [from, to] of [['  node n3 =', '  node above = 1\n  node n3 ='], ['  node n22 =', '  node below = 2\n  node n22 ='],
            ['  node n25 = ', '  node n25 = 1 + ']] as const) {
            const next = text.replace(from, to);
            const patched = reparseIncrementally(parser, current, text, next);
            expect(patched, to).toBeDefined();
            expect(snapshot(patched!)).toEqual(snapshot(parse(next)));
            [current, text] = [patched!, next];
        }
        // At n20's `node`: line 25 as generated, after the half line and the line added above it 27.
        expect(current.parserErrors[0]!.token).toMatchObject({ image: 'node', startLine: 27, startOffset: text.indexOf('  node n20 =') + 2 });
    });

    test('a syntax error in an environment\'s last member is taken when the parse resumes at its `}`', () => {
        for (const broken of [text.replace('a@1', 'a@'), text.replace('  node x = a@1\n', '  node x = a@1\n  node y = max(x,\n')]) {
            const after = reparseIncrementally(parser, parse(text), text, broken);
            expect(after, broken).toBeDefined();
            expect(snapshot(after!)).toEqual(snapshot(parse(broken)));
            expect(after!.parserErrors.length).toBeGreaterThan(0);
        }
    });

    test('declines a window that does not end with a line break', () => {
        const oneLine = 'environment A { horizon 3 }\nobjective base O = 1 objective mesa M = 2\n';
        expect(reparseIncrementally(parser, parse(oneLine), oneLine, oneLine.replace('= 1', '= 3'))).toBeUndefined();
        // Joining two members still ends the environment's window with a line break: taken.
        expect(reparseIncrementally(parser, parse(text), text, text.replace('horizon 3\n', 'horizon 3 '))).toBeDefined();
    });

    test('a block comment opened in the window and closed after it is left to the full parse', () => {
        const spec = `${text}environment B extends A { node y = 0 }\noptimizer O { objective\n  /* a\r  b */\n x }\n`;
        const opened = spec.replace('extends A', 'exten/* a\r ds A');
        // The comment runs to the `*/` in the optimizer, past the window: a window parse cannot see that.
        expect(reparseIncrementally(parser, parse(spec), spec, opened) === undefined).toBe(true);
        // In a member window too.
        const longer = `${text}objective mesa M = x /* but here */\n`;
        const closedLater = longer.replace('  action a\n', '  action a /* not closed here\n');
        expect(reparseIncrementally(parser, parse(longer), longer, closedLater) === undefined).toBe(true);
        // A comment opened and closed in the window is taken.
        const closed = longer.replace('  action a\n', '  action a /* closed */\n');
        expect(snapshot(reparseIncrementally(parser, parse(longer), longer, closed)!)).toEqual(snapshot(parse(closed)));
    });

});
