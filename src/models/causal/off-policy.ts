// Off-policy estimates of a target policy's CTR from logged slates, under the item-position click model (a click
// depends on the item and its position only), so each shown (item, position) is reweighted by π(i, p) / μ(i, p)
// (Li et al. 2018, "Offline evaluation of ranking policies with click models"):
//   naive  the logged clicks per filled slot (what the logging policy got)
//   IPS    (1/N) Σ_n Σ_k w_nk c_nk / slots                                     (Horvitz & Thompson 1952)
//   SNIPS  Σ_k [Σ_n w_nk c_nk / Σ_n w_nk] / slots, normalised per position     (Swaminathan & Joachims 2015)
// The experiments layer (src/eval/experiments) has the full set with intervals and doubly robust estimates.

import type { LoggedSlate } from './logged-slates.ts';

/** The target policy: the probability that it shows `itemId` at 1-based `position` for this slate's request. */
export type TargetPolicy = (slate: LoggedSlate) => (itemId: string, position: number) => number;

export interface CtrEstimates {
  slates: number;
  naive: number;
  ips: number;
  /** Standard error of the IPS estimate (from the spread of the per-slate terms). */
  ipsStandardError: number;
  snips: number;
  /** Largest importance weight seen, and the share of logged (item, position) pairs the target could show. */
  maxWeight: number;
  matchedShare: number;
}

export function estimateCtr(slates: readonly LoggedSlate[], policy: TargetPolicy): CtrEstimates {
  let clicks = 0;
  let shown = 0;
  let weighted = 0;
  let maxWeight = 0;
  let matched = 0;
  const weightSums: number[] = [];
  const weightedClicks: number[] = [];
  const perSlate = new Float64Array(slates.length);
  slates.forEach((slate, index) => {
    const probability = policy(slate);
    slate.itemIds.forEach((itemId, k) => {
      if (itemId === undefined) return;
      const weight = probability(itemId, k + 1) / slate.propensities[k];
      const click = slate.clicks[k];
      clicks += click;
      shown++;
      weighted += weight * click;
      perSlate[index] += weight * click;
      weightSums[k] = (weightSums[k] ?? 0) + weight;
      weightedClicks[k] = (weightedClicks[k] ?? 0) + weight * click;
      maxWeight = Math.max(maxWeight, weight);
      if (weight > 0) matched++;
    });
  });
  const positions = weightSums.length || 1;
  let snips = 0;
  for (let k = 0; k < weightSums.length; k++) if (weightSums[k] > 0) snips += weightedClicks[k] / weightSums[k];
  const mean = slates.length ? weighted / slates.length : 0;
  let squares = 0;
  for (const value of perSlate) squares += (value - mean) ** 2;
  const standardError = slates.length > 1 ? Math.sqrt(squares / (slates.length - 1) / slates.length) : Number.NaN;
  return {
    slates: slates.length,
    naive: shown ? clicks / shown : 0,
    ips: mean / positions,
    ipsStandardError: standardError / positions,
    snips: snips / positions,
    maxWeight,
    matchedShare: shown ? matched / shown : 0,
  };
}
