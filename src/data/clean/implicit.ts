// Ratings to implicit feedback: keep the interactions whose value reaches a threshold (e.g. ratings ≥ 4 as
// "liked", the convention of most implicit-feedback studies on MovieLens), as 1 or with their value kept.

import { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';

export interface ImplicitOptions {
  /** Interactions with value ≥ threshold are kept. */
  threshold: number;
  /** binary (default): kept values become 1; keep: kept values stay as they were. */
  values?: 'binary' | 'keep';
}

export function toImplicit(dataset: Dataset, options: ImplicitOptions): Dataset {
  if (!Number.isFinite(options.threshold)) {
    throw new InvalidInputError(`implicit threshold must be a finite number (got ${options.threshold})`, {
      context: { field: 'threshold' },
    });
  }
  const { values } = dataset.byUser;
  const kept = dataset.filter((position) => values[position] >= options.threshold);
  if ((options.values ?? 'binary') === 'keep') return kept;
  return new Dataset({
    users: kept.users,
    items: kept.items,
    byUser: { ...kept.byUser, values: new Float32Array(kept.interactionCount).fill(1) },
  });
}
