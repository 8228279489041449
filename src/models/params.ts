// Hyperparameters: `name:key=value,...` strings parsed, checked against a recommender's defaults, defaults filled in.
// Unknown keys and values of the wrong type are rejected, never dropped.

import { InvalidInputError } from '../core/errors.ts';
import type { ParamValue } from './recommender.ts';

/** A model named with its hyperparameters, as in `ials:factors=64,regularization=0.05`. */
export interface ModelSpec {
  name: string;
  params: Record<string, ParamValue>;
}

/** Parses `name` or `name:key=value,...`; values become numbers or booleans when they look like them. */
export function parseModelSpec(text: string): ModelSpec {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new InvalidInputError(`model "${text}": expected name or name:key=value,...`, {
      context: { field: 'model' },
    });
  }
  const params: Record<string, ParamValue> = {};
  if (colon >= 0) {
    for (const pair of trimmed.slice(colon + 1).split(',')) {
      if (pair.trim() === '') continue;
      const equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new InvalidInputError(`model "${text}": "${pair}" is not key=value`, { context: { field: name } });
      }
      params[pair.slice(0, equals).trim()] = parseValue(pair.slice(equals + 1).trim());
    }
  }
  return { name, params };
}

function parseValue(raw: string): ParamValue {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

/** Formats a spec back to its `name:key=value,...` text. */
export function formatModelSpec(spec: ModelSpec): string {
  const pairs = Object.entries(spec.params).map(([key, value]) => `${key}=${value}`);
  return pairs.length ? `${spec.name}:${pairs.join(',')}` : spec.name;
}

/** Defaults overlaid with `given`; throws InvalidInputError naming the model and key on any mismatch. */
export function resolveParams<P extends Record<string, ParamValue>>(options: {
  /** The recommender's name, for messages. */
  model: string;
  defaults: Readonly<P>;
  given?: Readonly<Record<string, unknown>>;
  choices?: Readonly<Record<string, readonly string[]>>;
}): P {
  const { model, defaults } = options;
  const resolved: Record<string, ParamValue> = { ...defaults };
  for (const [key, value] of Object.entries(options.given ?? {})) {
    if (value === undefined) continue;
    const field = `${model}.${key}`;
    if (!Object.hasOwn(defaults, key)) {
      const known = Object.keys(defaults).join(', ') || '(none)';
      throw new InvalidInputError(`${model}: unknown hyperparameter "${key}" (known: ${known})`, {
        context: { field },
      });
    }
    const expected = typeof defaults[key];
    if (expected === 'string') {
      const text = String(value);
      const allowed = options.choices?.[key];
      if (allowed && !allowed.includes(text)) {
        throw new InvalidInputError(`${model}: ${key} must be one of ${allowed.join(', ')} (got "${text}")`, {
          context: { field },
        });
      }
      resolved[key] = text;
    } else if (typeof value !== expected || (expected === 'number' && !Number.isFinite(value))) {
      throw new InvalidInputError(`${model}: ${key} must be a ${expected} (got ${JSON.stringify(value)})`, {
        context: { field },
      });
    } else {
      resolved[key] = value as ParamValue;
    }
  }
  return resolved as P;
}

/** Throws unless `params[key]` lies in [min, max]; for ranges the type system cannot express. */
export function requireRange(
  model: string,
  params: Readonly<Record<string, ParamValue>>,
  ranges: Record<string, [number, number]>,
): void {
  for (const [key, [min, max]] of Object.entries(ranges)) {
    const value = params[key] as number;
    if (!(value >= min && value <= max)) {
      throw new InvalidInputError(`${model}: ${key} must be in [${min}, ${max}] (got ${value})`, {
        context: { field: `${model}.${key}` },
      });
    }
  }
}
