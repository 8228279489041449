// Significance marks for an experiment: each model against the best one on a metric, paired user by user over
// every run (same splits, same users), with a paired t-test and a bootstrap interval of the mean difference.

import type { ModelResult } from './experiment.ts';
import { type PairedComparison, type PairedOptions, pairedComparison } from './significance.ts';

export interface ModelComparison extends PairedComparison {
  model: string;
  against: string;
  metric: string;
}

/** The per-user values of `metric` over all runs of a model, concatenated (`cold.`/`warm.` keys read those parts). */
export function pairedValues(result: ModelResult, metric: string): Float64Array {
  const parts: Float64Array[] = [];
  for (const run of result.runs) {
    const [evaluation, key] = metric.startsWith('cold.')
      ? [run.cold, metric.slice(5)]
      : metric.startsWith('warm.')
        ? [run.warm, metric.slice(5)]
        : [run.evaluation, metric];
    const values = evaluation?.perUser[key];
    if (values) parts.push(values);
  }
  const out = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Model `a` against model `b` on `metric`, user by user; null when their runs do not pair up. */
export function compareModelPair(
  a: ModelResult,
  b: ModelResult,
  metric: string,
  options: PairedOptions = {},
): ModelComparison | null {
  const valuesA = pairedValues(a, metric);
  const valuesB = pairedValues(b, metric);
  if (valuesA.length === 0 || valuesA.length !== valuesB.length) return null;
  return { model: a.model, against: b.model, metric, ...pairedComparison(valuesA, valuesB, options) };
}

/** Every other model against the best one by `metric` (higher is better). Empty with fewer than two models. */
export function compareWithBest(
  results: readonly ModelResult[],
  metric: string,
  options: PairedOptions = {},
): ModelComparison[] {
  const scored = results.filter((result) => Number.isFinite(result.metrics[metric]));
  if (scored.length < 2) return [];
  const best = scored.reduce((top, result) => (result.metrics[metric] > top.metrics[metric] ? result : top));
  return scored
    .filter((result) => result !== best)
    .map((result) => compareModelPair(result, best, metric, options))
    .filter((comparison): comparison is ModelComparison => comparison !== null);
}

/** Every pair of models on `metric`, each listed once (the earlier model as `model`). */
export function compareAllPairs(
  results: readonly ModelResult[],
  metric: string,
  options: PairedOptions = {},
): ModelComparison[] {
  const out: ModelComparison[] = [];
  for (let a = 0; a < results.length; a++) {
    for (let b = a + 1; b < results.length; b++) {
      const comparison = compareModelPair(results[a], results[b], metric, options);
      if (comparison) out.push(comparison);
    }
  }
  return out;
}
