// The multi-objective ranking score as a configurable formula over the predicted probabilities and item values,
// e.g. `ctr * cvr * price ^ 0.3` (expected revenue with a damped price) or `ctr + 0.2 * session_knn`. Names: `ctr`,
// `cvr`, `price`, and recall-source scores by source name (other characters than letters, digits and _ become _).
// A diversity term then discounts each further item of a category already placed (greedy re-ranking in the spirit of
// MMR, Carbonell & Goldstein 1998).

import { InvalidInputError } from '../../core/errors.ts';

export type ObjectiveVariables = Readonly<Record<string, number>>;
export type Objective = (variables: ObjectiveVariables) => number;

/** A recall source's name as a formula name: `session-knn` → `session_knn`. */
export function objectiveName(source: string): string {
  return source.replace(/\W/g, '_');
}

type Token = { kind: 'number'; value: number } | { kind: 'name'; value: string } | { kind: 'symbol'; value: string };

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_]\w*)|([-+*/^()]))/y;
  let at = 0;
  while (at < formula.length) {
    if (/^\s*$/.test(formula.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(formula);
    if (!match) {
      throw new InvalidInputError(`objective "${formula}": unexpected text at character ${at + 1}`, {
        context: { field: 'objective' },
      });
    }
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', value: match[2] });
    else tokens.push({ kind: 'symbol', value: match[3] });
    at = pattern.lastIndex;
  }
  return tokens;
}

/**
 * Compiles a formula (+ − * / ^, parentheses, unary minus; ^ binds tightest and to the right). Names outside
 * `names` are rejected, so a misspelt objective fails at configuration time rather than scoring zero.
 */
export function compileObjective(formula: string, names: readonly string[]): Objective {
  const tokens = tokenize(formula);
  let position = 0;
  const fail = (message: string): never => {
    throw new InvalidInputError(`objective "${formula}": ${message}`, { context: { field: 'objective' } });
  };
  const peek = () => tokens[position];
  const symbol = (value: string) => peek()?.kind === 'symbol' && peek().value === value;
  const known = new Set(names);
  const primary = (): Objective => {
    const token = tokens[position++];
    if (!token) return fail('ends too early');
    if (token.kind === 'number') return () => token.value;
    if (token.kind === 'name') {
      if (!known.has(token.value)) fail(`unknown name "${token.value}" (known: ${names.join(', ')})`);
      return (variables) => variables[token.value] ?? 0;
    }
    if (token.value === '(') {
      const inner = sum();
      if (!symbol(')')) fail('missing )');
      position++;
      return inner;
    }
    if (token.value === '-') {
      const operand = power();
      return (variables) => -operand(variables);
    }
    return fail(`unexpected "${token.value}"`);
  };
  const power = (): Objective => {
    const base = primary();
    if (!symbol('^')) return base;
    position++;
    const exponent = power();
    return (variables) => base(variables) ** exponent(variables);
  };
  const product = (): Objective => {
    let left = power();
    while (symbol('*') || symbol('/')) {
      const operator = tokens[position++].value;
      const right = power();
      const previous = left;
      left =
        operator === '*'
          ? (variables) => previous(variables) * right(variables)
          : (variables) => previous(variables) / right(variables);
    }
    return left;
  };
  const sum = (): Objective => {
    let left = product();
    while (symbol('+') || symbol('-')) {
      const operator = tokens[position++].value;
      const right = product();
      const previous = left;
      left =
        operator === '+'
          ? (variables) => previous(variables) + right(variables)
          : (variables) => previous(variables) - right(variables);
    }
    return left;
  };
  if (tokens.length === 0) fail('is empty');
  const objective = sum();
  if (position < tokens.length) fail(`unexpected "${tokens[position].value}"`);
  return objective;
}

/**
 * Greedy diversified order: repeatedly takes the candidate with the best score after multiplying by
 * (1 − diversity)^(items of its group already taken). Returns the adjusted scores, which fall along that order.
 * Scores should be non-negative (a discount on a negative score would raise it).
 */
export function diversify(scores: Float32Array, groups: readonly string[], diversity: number): Float32Array {
  if (diversity <= 0) return scores;
  const adjusted = new Float32Array(scores.length);
  const taken = new Uint8Array(scores.length);
  const counts = new Map<string, number>();
  for (let step = 0; step < scores.length; step++) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < scores.length; index++) {
      if (taken[index]) continue;
      const value = scores[index] * (1 - diversity) ** (counts.get(groups[index]) ?? 0);
      if (value > bestScore) {
        best = index;
        bestScore = value;
      }
    }
    taken[best] = 1;
    adjusted[best] = bestScore;
    counts.set(groups[best], (counts.get(groups[best]) ?? 0) + 1);
  }
  return adjusted;
}
