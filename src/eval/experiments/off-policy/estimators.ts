// Off-policy estimates of a new policy's clicks per list (and CTR) from logged lists with propensities, under the
// item-position model: a click depends on the item and its position, not on the rest of the list, so each shown
// (item, position) is weighted by π(i, p) / μ(i, p) (Li et al. 2018, "Offline evaluation of ranking policies with
// click models"). Estimators:
//   IPS         (1/N) Σ_n Σ_k w_nk c_nk                                                    (Horvitz & Thompson 1952)
//   clipped IPS the same with w ≤ M: less variance, some downward bias                    (Ionides 2008)
//   SNIPS       Σ_p Σ_n w_np c_np / Σ_n w_np: normalised per position                     (Swaminathan & Joachims 2015)
//   DR          (1/N) Σ_n [Σ_(i,p) π(i,p) q̂(i,p) + Σ_k w_nk (c_nk − q̂(i_nk, k))]       (Dudík et al. 2011)
// DR's click model is fitted on one half of the logs and used on the other (cross-fitting), then the halves swap.

import { InvalidInputError } from '../../../core/errors.ts';
import { hashString } from '../../../core/random.ts';
import { normalCritical } from '../statistics/comparison.ts';
import type { LoggedSlate } from './logged-slates.ts';
import type { RewardModel } from './reward-model.ts';
import type { PositionDistribution, TargetPolicy } from './target-policy.ts';

/** One estimate of clicks per list, its CTR (clicks per filled position), and a normal interval. */
export interface ValueEstimate {
  value: number;
  ctr: number;
  standardError: number;
  interval: [number, number];
}

export interface OffPolicyEstimate {
  policy: string;
  slates: number;
  /** Positions the target fills per list (the CTR's denominator). */
  slots: number;
  /** The logged policy's own clicks per list: the naive estimate. */
  naive: ValueEstimate;
  ips: ValueEstimate;
  snips: ValueEstimate;
  /** Present when `clip` is given. */
  clippedIps?: ValueEstimate;
  /** Present when a reward model is given. */
  doublyRobust?: ValueEstimate;
  clippedDoublyRobust?: ValueEstimate;
  /** Largest weight seen, and Kish's effective sample size averaged over positions. */
  maxWeight: number;
  effectiveSampleSize: number;
  /** Share of logged (item, position) pairs with a positive weight. */
  matchedShare: number;
}

export interface OffPolicyOptions {
  slates: readonly LoggedSlate[];
  policy: TargetPolicy;
  /** Clip weights at this value for the clipped estimators. */
  clip?: number;
  /** A fitted click model, or a function fitting one (then it is cross-fitted on two halves of the logs). */
  rewardModel?: RewardModel | ((train: readonly LoggedSlate[]) => RewardModel);
  /** Confidence of the intervals (default 0.95). */
  confidence?: number;
}

function meanEstimate(values: Float64Array, slots: number, critical: number): ValueEstimate {
  const n = values.length;
  let mean = 0;
  for (const value of values) mean += value / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const standardError = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Number.NaN;
  return {
    value: mean,
    ctr: mean / slots,
    standardError,
    interval: [mean - critical * standardError, mean + critical * standardError],
  };
}

export function estimatePolicyValue(options: OffPolicyOptions): OffPolicyEstimate {
  const { slates, policy, clip } = options;
  const n = slates.length;
  if (n === 0)
    throw new InvalidInputError('off-policy evaluation needs logged lists with propensities; none were found');
  if (clip !== undefined && !(clip > 0)) {
    throw new InvalidInputError(`clip must be positive (got ${clip})`, { context: { field: 'clip' } });
  }
  const critical = normalCritical(options.confidence ?? 0.95);
  const distributions: PositionDistribution[] = slates.map((slate) => policy.distribution(slate));
  let filled = 0;
  for (const distribution of distributions) for (const entry of distribution.entries) filled += entry.probability / n;
  const slots = filled > 0 ? filled : 1;
  const naive = new Float64Array(n);
  const ips = new Float64Array(n);
  const clipped = new Float64Array(n);
  const weightSum: number[] = [];
  const weightSquares: number[] = [];
  const weightedClicks: number[] = [];
  let maxWeight = 0;
  let matched = 0;
  let shown = 0;
  const weights = slates.map((slate, j) => {
    const row = new Float64Array(slate.itemIds.length);
    slate.itemIds.forEach((itemId, k) => {
      const weight =
        slate.propensities[k] > 0 ? distributions[j].probability(itemId, k + 1) / slate.propensities[k] : 0;
      row[k] = weight;
      naive[j] += slate.clicks[k];
      ips[j] += weight * slate.clicks[k];
      clipped[j] += Math.min(weight, clip ?? weight) * slate.clicks[k];
      weightSum[k] = (weightSum[k] ?? 0) + weight;
      weightSquares[k] = (weightSquares[k] ?? 0) + weight * weight;
      weightedClicks[k] = (weightedClicks[k] ?? 0) + weight * slate.clicks[k];
      maxWeight = Math.max(maxWeight, weight);
      if (weight > 0) matched++;
      shown++;
    });
    return row;
  });
  let snipsValue = 0;
  let effective = 0;
  for (let k = 0; k < weightSum.length; k++) {
    if (weightSum[k] > 0) snipsValue += weightedClicks[k] / weightSum[k];
    effective += weightSquares[k] > 0 ? weightSum[k] ** 2 / weightSquares[k] / weightSum.length : 0;
  }
  // SNIPS's standard error by the delta method on the per-list ratio terms, position by position.
  const snipsTerms = new Float64Array(n);
  slates.forEach((slate, j) => {
    for (let k = 0; k < slate.itemIds.length; k++) {
      if (weightSum[k] > 0)
        snipsTerms[j] += (weights[j][k] * (slate.clicks[k] - weightedClicks[k] / weightSum[k])) / (weightSum[k] / n);
    }
  });
  const snipsSpread = meanEstimate(snipsTerms, slots, critical).standardError;
  const estimate: OffPolicyEstimate = {
    policy: policy.name,
    slates: n,
    slots,
    naive: meanEstimate(naive, slots, critical),
    ips: meanEstimate(ips, slots, critical),
    snips: {
      value: snipsValue,
      ctr: snipsValue / slots,
      standardError: snipsSpread,
      interval: [snipsValue - critical * snipsSpread, snipsValue + critical * snipsSpread],
    },
    maxWeight,
    effectiveSampleSize: effective,
    matchedShare: shown ? matched / shown : 0,
  };
  if (clip !== undefined) estimate.clippedIps = meanEstimate(clipped, slots, critical);
  if (options.rewardModel) {
    const dr = doublyRobustTerms({ slates, distributions, weights, clip, rewardModel: options.rewardModel });
    estimate.doublyRobust = meanEstimate(dr.plain, slots, critical);
    if (clip !== undefined) estimate.clippedDoublyRobust = meanEstimate(dr.clipped, slots, critical);
  }
  return estimate;
}

/** Per-list DR terms, with the click model cross-fitted when it is given as a fitting function. */
function doublyRobustTerms(options: {
  slates: readonly LoggedSlate[];
  distributions: PositionDistribution[];
  weights: Float64Array[];
  clip?: number;
  rewardModel: NonNullable<OffPolicyOptions['rewardModel']>;
}): { plain: Float64Array; clipped: Float64Array } {
  const { slates, distributions, weights, clip } = options;
  const fold = slates.map((slate) => hashString(slate.requestId) & 1);
  let models: [RewardModel, RewardModel];
  if (typeof options.rewardModel === 'function') {
    const fit = options.rewardModel;
    // The model that scores fold f is fitted on the other fold.
    models = [fit(slates.filter((_, j) => fold[j] === 1)), fit(slates.filter((_, j) => fold[j] === 0))];
  } else models = [options.rewardModel, options.rewardModel];
  const plain = new Float64Array(slates.length);
  const clippedTerms = new Float64Array(slates.length);
  slates.forEach((slate, j) => {
    const model = models[fold[j]];
    let direct = 0;
    for (const entry of distributions[j].entries)
      direct += entry.probability * model.predict(slate, entry.itemId, entry.position);
    let correction = 0;
    let clippedCorrection = 0;
    slate.itemIds.forEach((itemId, k) => {
      const weight = weights[j][k];
      if (weight === 0) return;
      const residual = slate.clicks[k] - model.predict(slate, itemId, k + 1);
      correction += weight * residual;
      clippedCorrection += Math.min(weight, clip ?? weight) * residual;
    });
    plain[j] = direct + correction;
    clippedTerms[j] = direct + clippedCorrection;
  });
  return { plain, clipped: clippedTerms };
}
