// Proposal strategies for hyperparameter search in the unit cube: random search (Bergstra & Bengio 2012) and a
// small Tree-structured Parzen Estimator (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization").

import type { Random } from '../../core/random.ts';
import type { SearchSpace } from './search-space.ts';

/** A finished trial in unit coordinates (one per dimension, in the space's key order) with its score. */
export interface Observation {
  point: number[];
  score: number;
}

export interface Sampler {
  /** The next point to try, given the trials so far (higher score is better). */
  propose(history: readonly Observation[]): number[];
}

export function randomSampler(space: SearchSpace, random: Random): Sampler {
  const size = Object.keys(space).length;
  return { propose: () => Array.from({ length: size }, () => random.next()) };
}

export interface TpeOptions {
  /** Random trials before the model takes over (default 8). */
  startup?: number;
  /** Share of trials that form the "good" density l(x) (default 0.25). */
  gamma?: number;
  /** Candidates drawn from l(x) per proposal; the one maximising l(x)/g(x) is tried (default 24). */
  candidates?: number;
}

/**
 * TPE with independent dimensions: numeric ones use a Gaussian Parzen window in unit space (Scott's bandwidth,
 * mixed with a uniform prior), choices use smoothed category frequencies. Maximises l(x)/g(x), which is the
 * expected-improvement criterion under TPE's model.
 */
export function tpeSampler(space: SearchSpace, random: Random, options: TpeOptions = {}): Sampler {
  const dimensions = Object.values(space);
  const startup = options.startup ?? 8;
  const gamma = options.gamma ?? 0.25;
  const candidateCount = options.candidates ?? 24;
  const uniform = () => dimensions.map(() => random.next());
  return {
    propose(history) {
      if (history.length < startup) return uniform();
      const sorted = [...history].sort((a, b) => b.score - a.score);
      const goodCount = Math.max(1, Math.ceil(gamma * sorted.length));
      const good = sorted.slice(0, goodCount).map((o) => o.point);
      const bad = sorted.slice(goodCount).map((o) => o.point);
      let best: number[] = uniform();
      let bestRatio = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < candidateCount; c++) {
        const candidate = dimensions.map((dimension, d) => {
          if (dimension.type === 'choice') return sampleCategory(good, d, dimension.values.length, random);
          const centre = good[random.int(good.length)][d];
          const width = bandwidth(good.map((p) => p[d]));
          return clamp(centre + width * random.normal());
        });
        let ratio = 0;
        dimensions.forEach((dimension, d) => {
          const density =
            dimension.type === 'choice'
              ? (points: number[][]) => categoryDensity(points, d, dimension.values.length, candidate[d])
              : (points: number[][]) =>
                  parzenDensity(
                    points.map((p) => p[d]),
                    candidate[d],
                  );
          ratio += Math.log(density(good)) - Math.log(density(bad));
        });
        if (ratio > bestRatio) {
          bestRatio = ratio;
          best = candidate;
        }
      }
      return best;
    },
  };
}

function clamp(u: number): number {
  return Math.min(1 - 1e-9, Math.max(0, u));
}

/** Scott's rule in unit space, kept within [0.05, 0.5] so that few points neither collapse nor flatten it. */
function bandwidth(values: number[]): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  return Math.min(0.5, Math.max(0.05, 1.06 * (sd || 0.25) * n ** -0.2));
}

/** A Gaussian Parzen density over [0, 1] mixed with the uniform prior (weight of one point). */
function parzenDensity(values: number[], x: number): number {
  if (values.length === 0) return 1;
  const h = bandwidth(values);
  let sum = 1; // the uniform prior's density on [0, 1]
  for (const v of values) sum += Math.exp(-0.5 * ((x - v) / h) ** 2) / (h * Math.sqrt(2 * Math.PI));
  return sum / (values.length + 1);
}

function categoryOf(u: number, size: number): number {
  return Math.min(size - 1, Math.floor(u * size));
}

function categoryDensity(points: number[][], d: number, size: number, x: number): number {
  const target = categoryOf(x, size);
  let count = 1;
  for (const p of points) if (categoryOf(p[d], size) === target) count++;
  return count / (points.length + size);
}

function sampleCategory(points: number[][], d: number, size: number, random: Random): number {
  const weights = Array.from({ length: size }, () => 1);
  for (const p of points) weights[categoryOf(p[d], size)]++;
  let target = random.next() * weights.reduce((s, w) => s + w, 0);
  for (let c = 0; c < size; c++) {
    target -= weights[c];
    if (target <= 0) return (c + 0.5) / size;
  }
  return (size - 0.5) / size;
}
