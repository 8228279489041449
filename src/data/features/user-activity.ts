// User activity from a Dataset: how much and over what span each user interacted, for cold-user reports,
// activity-stratified evaluation and features of rankers.

import type { Dataset } from '../../core/dataset.ts';

export interface UserActivity {
  /** Interactions (distinct items) per user. */
  count: Int32Array;
  /** Sum of interaction values per user. */
  valueSum: Float64Array;
  /** First and last interaction time (seconds); 0 for users without interactions. */
  first: Uint32Array;
  last: Uint32Array;
  /** Distinct days (UTC) with an interaction. */
  activeDays: Int32Array;
}

export function userActivity(dataset: Dataset): UserActivity {
  const { indptr, values, times } = dataset.byUser;
  const n = dataset.userCount;
  const activity: UserActivity = {
    count: new Int32Array(n),
    valueSum: new Float64Array(n),
    first: new Uint32Array(n),
    last: new Uint32Array(n),
    activeDays: new Int32Array(n),
  };
  for (let u = 0; u < n; u++) {
    const start = indptr[u];
    const end = indptr[u + 1];
    activity.count[u] = end - start;
    if (end === start) continue;
    // Rows are in time order: first and last are the ends, and days change monotonically.
    activity.first[u] = times[start];
    activity.last[u] = times[end - 1];
    let sum = 0;
    let days = 0;
    let day = -1;
    for (let p = start; p < end; p++) {
      sum += values[p];
      const today = Math.floor(times[p] / 86_400);
      if (today !== day) {
        days++;
        day = today;
      }
    }
    activity.valueSum[u] = sum;
    activity.activeDays[u] = days;
  }
  return activity;
}
