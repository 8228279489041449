// The click model behind the doubly robust estimator's direct part: a position-based model P(click) = θ_p · γ_i,
// fitted on logged slates by expectation–maximisation (Chuklin et al. 2015, "Click models for web search";
// Wang et al. 2018, "Position bias estimation for unbiased learning to rank"). Items seen rarely shrink to the mean.

import type { LoggedSlate } from './logged-slates.ts';
import type { RequestContext } from './target-policy.ts';

/** Predicted probability of a click on an item shown at a position in a context. */
export interface RewardModel {
  predict(context: RequestContext, itemId: string, position: number): number;
}

export interface PositionBasedModel extends RewardModel {
  /** θ_p for positions 1, 2, … (index p − 1). */
  examination: Float64Array;
  /** γ_i per item seen in the logs. */
  attractiveness: Map<string, number>;
  /** γ of an item never seen. */
  meanAttractiveness: number;
}

export function fitPositionBasedModel(
  slates: readonly LoggedSlate[],
  options: {
    iterations?: number;
    /** Pseudo-impressions pulling γ_i towards the mean (default 20). */
    prior?: number;
  } = {},
): PositionBasedModel {
  const iterations = options.iterations ?? 25;
  const prior = options.prior ?? 20;
  const itemIndex = new Map<string, number>();
  let impressions = 0;
  let maxPosition = 0;
  for (const slate of slates) {
    for (const itemId of slate.itemIds) if (!itemIndex.has(itemId)) itemIndex.set(itemId, itemIndex.size);
    impressions += slate.itemIds.length;
    maxPosition = Math.max(maxPosition, slate.itemIds.length);
  }
  // Flat columns of every logged impression.
  const item = new Int32Array(impressions);
  const position = new Int32Array(impressions);
  const click = new Uint8Array(impressions);
  let k = 0;
  let clicks = 0;
  for (const slate of slates) {
    slate.itemIds.forEach((itemId, index) => {
      item[k] = itemIndex.get(itemId)!;
      position[k] = index;
      click[k] = slate.clicks[index];
      clicks += click[k];
      k++;
    });
  }
  const examination = Float64Array.from({ length: maxPosition }, (_, p) => 1 / Math.sqrt(p + 1));
  const gamma = new Float64Array(itemIndex.size).fill(Math.min(0.5, (2 * clicks) / Math.max(1, impressions)));
  let mean = gamma[0] ?? 0;
  const examined = new Float64Array(maxPosition);
  const shown = new Float64Array(maxPosition);
  const relevant = new Float64Array(itemIndex.size);
  const seen = new Float64Array(itemIndex.size);
  for (let iteration = 0; iteration < iterations; iteration++) {
    examined.fill(0);
    shown.fill(0);
    relevant.fill(0);
    seen.fill(0);
    for (let j = 0; j < impressions; j++) {
      const p = position[j];
      const i = item[j];
      shown[p]++;
      seen[i]++;
      if (click[j]) {
        examined[p]++;
        relevant[i]++;
        continue;
      }
      const theta = examination[p];
      const g = gamma[i];
      const none = 1 - theta * g;
      examined[p] += (theta * (1 - g)) / none;
      relevant[i] += ((1 - theta) * g) / none;
    }
    for (let p = 0; p < maxPosition; p++) examination[p] = shown[p] > 0 ? examined[p] / shown[p] : examination[p];
    let total = 0;
    let count = 0;
    for (let i = 0; i < gamma.length; i++) {
      total += relevant[i];
      count += seen[i];
    }
    mean = count > 0 ? total / count : 0;
    for (let i = 0; i < gamma.length; i++) gamma[i] = (relevant[i] + prior * mean) / (seen[i] + prior);
  }
  const attractiveness = new Map([...itemIndex].map(([itemId, index]) => [itemId, gamma[index]]));
  const last = examination.length ? examination[examination.length - 1] : 0;
  return {
    examination,
    attractiveness,
    meanAttractiveness: mean,
    predict: (_context, itemId, p) =>
      (p - 1 < examination.length ? examination[p - 1] : last) * (attractiveness.get(itemId) ?? mean),
  };
}
