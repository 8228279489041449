// Exposure propensities: the probability that a user was shown an item at all, which implicit feedback never says
// (a missing click may mean "not liked" or "never seen"). Two estimates:
// - from item popularity, θ_i = (n_i / max_j n_j)^η (the power law of Steck 2011; Saito et al. 2020 use η = 0.5);
// - from an impression log, θ_i = the share of active users who were shown item i at least once.

import type { Dataset } from '../../core/dataset.ts';

/** θ_i = max(floor, (n_i / max n)^power) from interaction counts. */
export function popularityPropensities(dataset: Dataset, options: { power: number; floor: number }): Float32Array {
  const counts = new Float64Array(dataset.itemCount);
  for (const item of dataset.byUser.indices) counts[item]++;
  let max = 0;
  for (const count of counts) max = Math.max(max, count);
  return Float32Array.from(counts, (count) => Math.max(options.floor, max > 0 ? (count / max) ** options.power : 1));
}

/** θ_i = users shown item i at least once / users shown anything, from (user, item) impression pairs. */
export function impressionPropensities(impressions: {
  users: ArrayLike<number>;
  items: ArrayLike<number>;
  itemCount: number;
}): Float32Array {
  const seen = new Set<number>();
  const reached = new Float64Array(impressions.itemCount);
  const active = new Set<number>();
  for (let k = 0; k < impressions.users.length; k++) {
    const user = impressions.users[k];
    const item = impressions.items[k];
    active.add(user);
    const key = user * impressions.itemCount + item;
    if (seen.has(key)) continue;
    seen.add(key);
    reached[item]++;
  }
  return Float32Array.from(reached, (count) => (active.size ? count / active.size : 0));
}
