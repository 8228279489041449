// Position bias (examination probability by position, relative to position 1) from randomised traffic: when the
// logging policy shuffles a slate, every position sees the same mix of items, so CTR(p) / CTR(1) estimates
// P(examine | p) / P(examine | 1) under the position-based model (Joachims et al. 2017; Wang et al. 2016).

/** A shown list: itemIds[k] at position k + 1 (holes allowed), clicks[k] 1 when it was clicked. */
export interface ShownList {
  itemIds: readonly (string | undefined)[];
  clicks: ArrayLike<number>;
}

export interface PositionBias {
  /** Relative examination per position (index 0 is position 1, always 1). */
  relative: number[];
  /** Impressions per position in the randomised lists. */
  impressions: number[];
  clicks: number[];
}

/** Estimates position bias from lists whose order the logging policy randomised (pass only those). */
export function positionBiasFromRandomisedLists(lists: readonly ShownList[]): PositionBias {
  const impressions: number[] = [];
  const clicks: number[] = [];
  for (const list of lists) {
    list.itemIds.forEach((itemId, k) => {
      if (itemId === undefined) return;
      impressions[k] = (impressions[k] ?? 0) + 1;
      clicks[k] = (clicks[k] ?? 0) + list.clicks[k];
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
