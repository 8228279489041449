// Trending: items whose recent interaction rate outruns their own baseline. With r interactions in the recent
// window and b in the baseline window before it, the expected recent count is e = b · window / baseline, and the
// score is the Poisson z-score (r − e) / √(e + smoothing), which favours growth backed by volume.

import type { Dataset } from '../core/dataset.ts';
import { StaticScoreModel } from './latest.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, Recommender } from './recommender.ts';

export const trendingDefaults = {
  windowDays: 7,
  baselineDays: 28,
  smoothing: 1,
};

export type TrendingParams = typeof trendingDefaults;

async function fit(dataset: Dataset, given: Partial<TrendingParams> = {}, _options: FitOptions = {}) {
  const params = resolveParams({ model: 'trending', defaults: trendingDefaults, given });
  requireRange('trending', params, { windowDays: [1e-6, 1e6], baselineDays: [1e-6, 1e6], smoothing: [1e-9, 1e9] });
  const { indices, times } = dataset.byUser;
  let newest = 0;
  for (const time of times) if (time > newest) newest = time;
  const windowStart = newest - params.windowDays * 86_400;
  const baselineStart = windowStart - params.baselineDays * 86_400;
  const recent = new Float64Array(dataset.itemCount);
  const baseline = new Float64Array(dataset.itemCount);
  for (let position = 0; position < indices.length; position++) {
    const time = times[position];
    if (time > windowStart) recent[indices[position]]++;
    else if (time > baselineStart) baseline[indices[position]]++;
  }
  const ratio = params.windowDays / params.baselineDays;
  const itemScores = Float32Array.from(recent, (count, item) => {
    const expected = baseline[item] * ratio;
    return (count - expected) / Math.sqrt(expected + params.smoothing);
  });
  return new StaticScoreModel({ name: 'trending', params, userCount: dataset.userCount, itemScores });
}

export const trending: Recommender<TrendingParams> = {
  name: 'trending',
  defaults: trendingDefaults,
  fit,
  load: (snapshot) => StaticScoreModel.fromSnapshot(snapshot),
};
