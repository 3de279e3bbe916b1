/**
 * The checks on tables, grids, `show`, chance and weights (docs/analyses.md,
 * Well-formedness errors): code, message and the precise range, marked `<|...|>`.
 */
import { describe, expect, test } from 'vitest';
import { diagnostics, marked } from '../helpers/services.js';

const MIN = `objective base B = x\ntrain E\n`;

const cases = [
    {
        name: 'a ragged grid, on the row that differs',
        source: `grid maze { "###" <|"#A"|> }\nenvironment E { horizon 2 action a node x = maze[0][a] }\n${MIN}`,
        code: 'ragged-grid', message: /^Row 1 of grid 'maze' has 2 characters; row 0 has 3/,
    },
    {
        name: 'a ragged table',
        source: `const t = [[1, 2], <|[3]|>]\nenvironment E { horizon 2 action a node x = t[0][a] }\n${MIN}`,
        code: 'ragged-grid', message: /^Row 1 of table 't' has 1 numbers; row 0 has 2/,
    },
    {
        name: 'a grid without rows',
        source: `grid <|g|> { }\nenvironment E { horizon 2 action a node x = a }\n${MIN}`,
        code: 'ragged-grid', message: /Grid 'g' has no rows/,
    },
    {
        name: 'a constant index out of range',
        source: `const t = [1, 2, 3]\nenvironment E { horizon 2 action a node x = t[<|3|>] }\n${MIN}`,
        code: 'index-out-of-range', message: /^Index 3 of table 't' is out of range 0\.\.2\.$/,
    },
    {
        name: 'a grid indexed once',
        source: `grid g { "ab" }\nenvironment E { horizon 2 action a node x = <|g|>[0] }\n${MIN}`,
        code: 'invalid-value', message: /Grid 'g' takes 2 indices, not 1: write `g\[y\]\[x\]`/,
    },
    {
        name: 'a table read without an index',
        source: `const t = [1, 2]\nenvironment E { horizon 2 action a node x = <|t|> + a }\n${MIN}`,
        code: 'invalid-value', message: /Table 't' takes 1 index, not 0/,
    },
    {
        name: 'a node indexed',
        source: `environment E { horizon 2 action a node y = a node x = <|y|>[0] }\n${MIN}`,
        code: 'invalid-value', message: /'y' is not a table or grid, so it cannot be indexed/,
    },
    {
        name: 'show of a table',
        source: `const t = [1]\nenvironment E { horizon 2 action a node x = a node y = a show <|t|> at (x, y) }\n${MIN}`,
        code: 'invalid-value', message: /'t' is not a grid/,
    },
    {
        name: 'show at an action',
        source: `grid g { "ab" }\nenvironment E { horizon 2 action a node x = a show g at (<|a|>, x) }\n${MIN}`,
        code: 'invalid-value', message: /'a' is not a node/,
    },
    {
        name: 'a table redeclared as a node',
        source: `const t = [1]\nenvironment E { horizon 2 action a node x = a node <|t|> = 1 }\n${MIN}`,
        code: 'duplicate-name', message: /'t' is already a table declared at the top level/,
    },
    {
        name: 'a draw in an objective',
        source: `environment E { horizon 2 action a node x = a }\nobjective base B = x + <|bernoulli|>(0.5)\ntrain E\n`,
        code: 'invalid-chance', message: /bernoulli\(\.\.\.\) draws at random; objectives are not drawn/,
    },
    {
        name: 'a probability above 1',
        source: `environment E { horizon 2 action a node x = bernoulli(<|1.5|>) }\n${MIN}`,
        code: 'invalid-chance', message: /^Probability 1\.5 is not in \[0, 1\]\.$/,
    },
    {
        name: 'a probability that changes during the episode',
        source: `environment E { horizon 2 action a node x = bernoulli(<|a|>) }\n${MIN}`,
        code: 'invalid-chance', message: /probability of bernoulli\(\.\.\.\) must be numbers or parameters/,
    },
    {
        name: 'choose probabilities not summing to 1',
        source: `environment E { horizon 2 action a node x = <|choose(0.5: 1, 0.4: 2)|> }\n${MIN}`,
        code: 'invalid-chance', message: /sum to 0\.9, not 1/,
    },
    {
        name: 'uniform with lo above hi',
        source: `environment E { horizon 2 action a node x = <|uniform(3, 1)|> }\n${MIN}`,
        code: 'invalid-chance', message: /lo and hi must be whole numbers with lo ≤ hi/,
    },
    {
        name: 'uniform with too many outcomes',
        source: `environment E { horizon 2 action a node x = <|uniform(0, 5000)|> }\n${MIN}`,
        code: 'invalid-chance', message: /has 5001 outcomes; Mesa enumerates at most 1000/,
    },
    {
        name: 'a model that draws',
        source: `environment E { horizon 2 action a node x = a + bernoulli(0.5) }\nobjective base B = x\noptimizer P { objective B model <|E|> }\ntrain E\n`,
        code: 'invalid-model', message: /Model 'E' draws at random \(node 'x'\)/,
    },
    {
        name: 'a negative weight',
        source: `environment E { horizon 2 action a node x = a }\nobjective base B = x\ntrain E weight <|-1|>\n`,
        code: 'invalid-value', message: /a number ≥ 0, not -1/,
    },
];

describe('tables, grids, chance and weights', () => {
    test.each(cases)('$name', async ({ source, code, message }) => {
        const { text, ranges } = marked(source);
        const found = (await diagnostics(text)).filter(d => d.code === code);
        expect(found.map(d => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
        const match = found.find(d => message.test(d.message))!;
        expect(match.severity).toBe(1);
        expect(match.range).toEqual(ranges[0]);
    });

    test('a spec using all of them has no error', async () => {
        const text = `grid maze { "#####" "#A G#" "#####" }
const bonus = [0, 1, 5, 0, 0]
environment Lab(p: 0..1) {
  horizon 4
  action left, right
  node x init 1 = clamp(x@1 + right - left, 1, 3)
  node y init 1 = y@1
  node atGoal = maze[y][x] == 'G'
  node coin init uniform(0, 2) = coin@1
  node slip = bernoulli(p)
  node reward = bonus[x] + choose(0.5: x, 0.5: 0)
  show maze at (x, y)
}
environment Wide extends Lab { grid maze { "######" "#A  G#" "######" } }
objective base B = atGoal
train Lab(p = 1) weight 2, Lab(p = 0)
deploy Wide(p = 0)
`;
        const errors = (await diagnostics(text)).filter(d => d.severity === 1);
        expect(errors).toEqual([]);
    });
});
