// Position bias (examination probability by position, relative to position 1) from randomised traffic: when the
// logging policy shuffles a slate, every position sees the same mix of items, so CTR(p) / CTR(1) estimates
// P(examine | p) / P(examine | 1) under the position-based model (Joachims et al. 2017; Wang et al. 2016).

import type { LoggedSlate } from './logged-slates.ts';

export interface PositionBias {
  /** Relative examination per position (index 0 is position 1, always 1). */
  relative: number[];
  /** Impressions per position in the randomised slates. */
  impressions: number[];
  clicks: number[];
}

export function positionBiasFromExploration(slates: readonly LoggedSlate[]): PositionBias {
  const impressions: number[] = [];
  const clicks: number[] = [];
  for (const slate of slates) {
    if (!slate.explore) continue;
    slate.itemIds.forEach((itemId, k) => {
      if (itemId === undefined) return;
      impressions[k] = (impressions[k] ?? 0) + 1;
      clicks[k] = (clicks[k] ?? 0) + slate.clicks[k];
    });
  }
  const rate = (k: number) => (impressions[k] ? clicks[k] / impressions[k] : 0);
  const first = rate(0);
  return {
    relative: impressions.map((_, k) => (first > 0 ? rate(k) / first : 0)),
    impressions,
    clicks,
  };
}
