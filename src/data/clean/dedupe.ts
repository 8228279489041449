// Duplicate removal. Raw event logs repeat (double clicks, re-imports from overlapping exports, re-rated items):
// `dedupeEvents` collapses repeats of a (user, item) pair in coordinate form, optionally only those within a time
// window; `dedupe` does the same inside a Dataset whose rows hold an item more than once.

import type { Dataset, Interactions } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';

export interface DedupeOptions {
  /** Which occurrence survives: the first or the last in time (default last, as RecBole's `rm_dup_inter`). */
  keep?: 'first' | 'last';
  /**
   * Only repeats closer than this many seconds to the previous kept occurrence are removed (e.g. 1800 for
   * double clicks within half an hour). Default: every repeat, whatever the gap.
   */
  window?: number;
}

function checkOptions(options: DedupeOptions): { keep: 'first' | 'last'; window: number } {
  const keep = options.keep ?? 'last';
  if (keep !== 'first' && keep !== 'last') {
    throw new InvalidInputError(`dedupe keep must be first or last (got ${keep})`, { context: { field: 'keep' } });
  }
  const window = options.window ?? Number.POSITIVE_INFINITY;
  if (!(window > 0)) {
    throw new InvalidInputError(`dedupe window must be positive seconds (got ${window})`, {
      context: { field: 'window' },
    });
  }
  return { keep, window };
}

/**
 * Removes repeated (user, item) events. Returns new coordinate arrays ordered by user, then time. With a window,
 * a run of repeats each closer than `window` to the one before counts as one event.
 */
export function dedupeEvents(interactions: Interactions, options: DedupeOptions = {}): Interactions {
  const { keep, window } = checkOptions(options);
  const n = interactions.length ?? interactions.user.length;
  const { user, item, value, time } = interactions;
  const order = Int32Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => user[a] - user[b] || item[a] - item[b] || time[a] - time[b] || a - b);
  const kept: number[] = [];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && user[order[end]] === user[order[start]] && item[order[end]] === item[order[start]]) end++;
    // Runs of occurrences whose gaps are all under the window collapse to one.
    let runStart = start;
    for (let k = start + 1; k <= end; k++) {
      if (k === end || time[order[k]] - time[order[k - 1]] >= window) {
        kept.push(order[keep === 'first' ? runStart : k - 1]);
        runStart = k;
      }
    }
    start = end;
  }
  kept.sort((a, b) => user[a] - user[b] || time[a] - time[b] || a - b);
  const out = {
    user: new Int32Array(kept.length),
    item: new Int32Array(kept.length),
    value: new Float32Array(kept.length),
    time: new Float64Array(kept.length),
    length: kept.length,
  };
  kept.forEach((k, w) => {
    out.user[w] = user[k];
    out.item[w] = item[k];
    out.value[w] = value[k];
    out.time[w] = time[k];
  });
  return out;
}

/** Removes repeated items within each user's row of a Dataset, over the same id maps. */
export function dedupe(dataset: Dataset, options: DedupeOptions = {}): Dataset {
  const { keep, window } = checkOptions(options);
  const { indptr, indices, times } = dataset.byUser;
  // Rows are in time order, so the last kept occurrence of an item is the previous one seen in the row.
  const lastAt = new Int32Array(dataset.itemCount).fill(-1);
  const keepMask = new Uint8Array(indices.length);
  for (let u = 0; u < dataset.userCount; u++) {
    const start = indptr[u];
    const end = indptr[u + 1];
    for (let p = start; p < end; p++) {
      const i = indices[p];
      const previous = lastAt[i];
      if (previous >= start && times[p] - times[previous] < window) {
        if (keep === 'last') {
          keepMask[previous] = 0;
          keepMask[p] = 1;
        }
        lastAt[i] = p;
        continue;
      }
      keepMask[p] = 1;
      lastAt[i] = p;
    }
  }
  return dataset.filter((position) => keepMask[position] === 1);
}
