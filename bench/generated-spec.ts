/**
 * Generated specs. `largeSpec`: about `lines` lines, chains of nodes in one environment
 * `Plant` (horizon 30, 3 actions), a heavy and wide state space, three objectives; the
 * editor benchmark edits a 2,000-line one, the core's benchmark simulates a wide one, and
 * the tests reparse and simulate smaller ones. `chain`: a long chain of copies whose
 * distinguishing search judges thousands of interventions (bench/adversarial.ts,
 * bench/parallel.ts).
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

/** The kinds of edit an author makes that `largeSpecEdits` spells out. */
export type SpecEdit = 'horizon' | 'ruleFunction' | 'ruleOperand' | 'lineAdded' | 'lineHalfTyped' | 'unknownName' | 'memberAtEnd' | 'objective';

/**
 * Edits to `largeSpec(lines)`, each as the edited text: the horizon; a rule in the middle
 * of the environment (its function, or an operand); a node line added in the middle
 * (moving every later line), or the same line half typed (a syntax error); a name not
 * yet declared; a member half typed at the end of the environment, before its `}`; an
 * objective. The editor benchmark makes each in turn; the incremental-parse tests too.
 */
export function largeSpecEdits(lines: number): Record<SpecEdit, string> {
    const text = largeSpec(lines);
    // A node in the middle whose rule is `max(a, b@2) - pull` (its number is 1 modulo 3).
    const half = Math.floor(lines / 2);
    const middle = half - ((half - 1) % 3);
    const rule = `node n${middle} = max(n${middle - 1}, n${Math.floor(middle / 2)}@2) - pull`;
    const next = `  node n${middle + 1} =`;
    return {
        horizon: text.replace('horizon 30', 'horizon 31'),
        ruleFunction: text.replace(rule, rule.replace('max(', 'min(')),
        ruleOperand: text.replace(rule, rule.replace('- pull', '- push')),
        lineAdded: text.replace(next, `  node extra = n${middle} + push\n${next}`),
        lineHalfTyped: text.replace(next, `  node extra = \n${next}`),
        unknownName: text.replace(rule, rule.replace('max(', 'max(missing, ')),
        memberAtEnd: text.replace('\n}\nobjective base', '\n  node last = max(n1,\n}\nobjective base'),
        objective: text.replace('objective mesa Effort = push', 'objective mesa Effort = push + pull'),
    };
}

/**
 * A chain n0 = a, n_i = n_(i−1) of `nodes` nodes over two steps, changed in deployment at
 * n500 (or the middle node, in a shorter chain): `b` (the deployment environment then
 * rules out every proxy: a declared environment ends the distinguishing search) or
 * `a + b` (it rules out none: the search tries every intervention and 300 pairs).
 */
export function chain(nodes: number, change: string): string {
    const at = Math.min(500, nodes >> 1);
    const lines = ['environment E {', '  horizon 2', '  action a', '  node n0 = a'];
    for (let i = 1; i < nodes; i++) lines.push(`  node n${i} = n${i - 1}`);
    lines.push('}', 'environment F extends E {', '  action b', `  node n${at} = ${change}`, '}',
        `objective base B = n${nodes - 1}`, `objective mesa M = n${at}`, 'train E', 'deploy F');
    return lines.join('\n') + '\n';
}
