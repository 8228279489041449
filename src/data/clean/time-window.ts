// Time-window filters over a Dataset's times (seconds since the epoch): an absolute window, or the last N days.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';

export interface TimeWindowOptions {
  /** Keep interactions at or after this time (seconds since the epoch). */
  from?: number;
  /** Keep interactions strictly before this time (seconds since the epoch). */
  to?: number;
}

export function timeWindow(dataset: Dataset, options: TimeWindowOptions): Dataset {
  const from = options.from ?? 0;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
    throw new InvalidInputError(`time window: from (${options.from}) must not be after to (${options.to})`, {
      context: { field: 'from' },
    });
  }
  const { times } = dataset.byUser;
  return dataset.filter((position) => times[position] >= from && times[position] < to);
}

/** The latest time in the dataset (seconds), or 0 when it is empty. */
export function latestTime(dataset: Dataset): number {
  let latest = 0;
  for (const time of dataset.byUser.times) if (time > latest) latest = time;
  return latest;
}

/** Interactions in the `days` days before `now` (seconds; default: the dataset's latest time, inclusive). */
export function lastDays(dataset: Dataset, days: number, options: { now?: number } = {}): Dataset {
  if (!(days > 0)) {
    throw new InvalidInputError(`last days must be positive (got ${days})`, { context: { field: 'days' } });
  }
  const now = options.now ?? latestTime(dataset) + 1;
  return timeWindow(dataset, { from: now - days * 86_400, to: now });
}
