// Hyperparameter search spaces: each dimension maps a unit coordinate u ∈ [0, 1) to a value, so random search
// and TPE work in one unit cube. A default space is derived from a recommender's defaults when none is given.

import { InvalidInputError } from '../../core/errors.ts';
import type { ParamValue } from '../../models/recommender.ts';

export type Dimension =
  | { type: 'float'; low: number; high: number; log?: boolean }
  | { type: 'int'; low: number; high: number; log?: boolean }
  | { type: 'choice'; values: readonly ParamValue[] };

export type SearchSpace = Record<string, Dimension>;

/** Keys that are never tuned: they control the run, not the model. */
const runKeys = new Set(['seed', 'workers', 'verbose', 'threads', 'patience']);

/**
 * A space around the defaults: positive floats log-uniform over [d/10, d·10], integers over [⌈d/2⌉, 2d] (log scale
 * from 8 up), booleans both ways, strings over their allowed `choices`. Zeros and other values stay fixed.
 */
export function defaultSearchSpace(
  defaults: Readonly<Record<string, unknown>>,
  choices: Readonly<Record<string, readonly string[]>> = {},
): SearchSpace {
  const space: SearchSpace = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (runKeys.has(key)) continue;
    if (typeof value === 'boolean') space[key] = { type: 'choice', values: [value, !value] };
    else if (typeof value === 'string' && (choices[key]?.length ?? 0) > 1) {
      // The default first, so that unit coordinate 0 is the default.
      space[key] = { type: 'choice', values: [value, ...choices[key].filter((choice) => choice !== value)] };
    } else if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
      if (Number.isInteger(value) && value >= 1) {
        if (value === 1) continue;
        space[key] = { type: 'int', low: Math.ceil(value / 2), high: value * 2, log: value >= 8 };
      } else space[key] = { type: 'float', low: value / 10, high: value * 10, log: true };
    }
  }
  return space;
}

/** The value of a dimension at unit coordinate u. */
export function valueAt(dimension: Dimension, u: number): ParamValue {
  const clamped = Math.min(Math.max(u, 0), 1 - 1e-12);
  if (dimension.type === 'choice') return dimension.values[Math.floor(clamped * dimension.values.length)];
  const { low, high } = dimension;
  const raw = dimension.log
    ? Math.exp(Math.log(low) + clamped * (Math.log(high) - Math.log(low)))
    : low + clamped * (high - low);
  if (dimension.type === 'int') return Math.min(high, Math.max(low, Math.round(raw)));
  return Number(raw.toPrecision(4));
}

/** Checks a space read from a file, naming the bad key. */
export function checkSearchSpace(space: unknown, where: string): SearchSpace {
  if (typeof space !== 'object' || space === null)
    throw new InvalidInputError(`${where} must be an object of dimensions`);
  for (const [key, raw] of Object.entries(space)) {
    const dimension = raw as Partial<Dimension> & { values?: unknown; low?: unknown; high?: unknown };
    const field = `${where}.${key}`;
    if (dimension.type === 'choice') {
      const { values } = dimension;
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        !values.every((v) => ['number', 'string', 'boolean'].includes(typeof v))
      ) {
        throw new InvalidInputError(
          `${field}: a choice needs a non-empty "values" array of numbers, strings or booleans`,
          {
            context: { field },
          },
        );
      }
    } else if (dimension.type === 'float' || dimension.type === 'int') {
      const { low, high } = dimension;
      if (typeof low !== 'number' || typeof high !== 'number' || !(low <= high)) {
        throw new InvalidInputError(`${field}: needs numbers "low" <= "high"`, { context: { field } });
      }
      if (dimension.log && low <= 0)
        throw new InvalidInputError(`${field}: a log scale needs low > 0`, { context: { field } });
    } else {
      throw new InvalidInputError(`${field}: "type" must be float, int or choice`, { context: { field } });
    }
  }
  return space as SearchSpace;
}
