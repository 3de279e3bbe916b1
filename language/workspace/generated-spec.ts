/**
 * A generated spec of about `lines` lines: chains of nodes in one environment `Plant`
 * (horizon 30, 3 actions), a heavy and wide state space, three objectives. The language
 * server warms its incremental build on a small one (server/warm-up.ts); the editor
 * benchmark edits a 2,000-line one, and the core's benchmark simulates a wide one.
 */
export function largeSpec(lines: number): string {
    const out = ['// generated for the editor benchmark', 'environment Plant {', '  horizon 30', '  action push, pull, hold'];
    const nodes = lines - 12;
    out.push('  node n0 init 1 = n0@1 + push - pull');
    for (let i = 1; i < nodes; i++) {
        const a = `n${i - 1}`;
        const b = `n${Math.floor(i / 2)}`;
        out.push(i % 3 === 0 ? `  node n${i} = ${a} + ${b}@1 * hold` : i % 3 === 1 ? `  node n${i} = max(${a}, ${b}@2) - pull` : `  node n${i} = ${a} - ${b} + push`);
    }
    out.push('}', `objective base Output = n${nodes - 1}`, 'objective mesa Effort = push', `objective mesa Level = final(n${Math.floor(nodes / 2)})`, 'train Plant', 'select { penalty depth 0.01 }');
    return out.join('\n') + '\n';
}
