// `--models ials:factors=64,alpha=2,bpr,ease` → one spec per model: a name, optional hyperparameters, and a label
// that tells two configurations of one algorithm apart. A token with `=` and no `:` continues the previous model.

import { InvalidInputError } from '../core/errors.ts';

export interface ModelSpec {
  /** The algorithm's registry name, e.g. `ials`. */
  name: string;
  /** Hyperparameters given on the command line (parsed as numbers or booleans where they look like one). */
  params: Record<string, unknown>;
  /** `ials`, or `ials:factors=64` when hyperparameters were given. */
  label: string;
}

export function parseModelSpecs(text: string): ModelSpec[] {
  const specs: ModelSpec[] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim();
    if (!token) continue;
    const colon = token.indexOf(':');
    const equals = token.indexOf('=');
    if (equals >= 0 && (colon < 0 || colon > equals)) {
      const last = specs.at(-1);
      if (!last) throw new InvalidInputError(`"${token}" has no model before it`, { context: { field: 'models' } });
      addParam(last, token);
      continue;
    }
    const name = (colon >= 0 ? token.slice(0, colon) : token).trim().toLowerCase();
    if (!/^[a-z][a-z0-9_-]*$/.test(name)) {
      throw new InvalidInputError(`"${name}" is not a model name`, { context: { field: 'models' } });
    }
    const spec: ModelSpec = { name, params: {}, label: name };
    specs.push(spec);
    if (colon >= 0 && token.slice(colon + 1).trim()) addParam(spec, token.slice(colon + 1));
  }
  if (specs.length === 0) throw new InvalidInputError('no model given', { context: { field: 'models' } });
  const labels = new Set<string>();
  for (const spec of specs) {
    if (labels.has(spec.label)) {
      throw new InvalidInputError(`model "${spec.label}" is listed twice`, { context: { field: 'models' } });
    }
    labels.add(spec.label);
  }
  return specs;
}

function addParam(spec: ModelSpec, assignment: string): void {
  const equals = assignment.indexOf('=');
  const key = assignment.slice(0, equals).trim();
  const value = assignment.slice(equals + 1).trim();
  if (!key || !value) {
    throw new InvalidInputError(`"${assignment}" is not key=value (model ${spec.name})`, {
      context: { field: 'models' },
    });
  }
  spec.params[key] = parseValue(value);
  spec.label = `${spec.name}:${Object.entries(spec.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;
}

/** `64` → 64, `1e-3` → 0.001, `true` → true; anything else stays a string. */
export function parseValue(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  const number = Number(value);
  return value !== '' && Number.isFinite(number) ? number : value;
}
