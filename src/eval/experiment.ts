// An experiment: every model under one protocol, on the same splits, averaged over folds and seeds. Keeps each
// run's per-user values so any two models can be compared user by user (src/eval/significance.ts).

import type { Dataset } from '../core/dataset.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { Split } from '../data/splits/split.ts';
import type { ParamValue, SideInformation } from '../models/recommender.ts';
import { type EvaluateOptions, type Evaluation, evaluateModel } from './evaluate.ts';
import type { MetricName } from './metric-names.ts';
import type { ItemFeatures } from './metrics/beyond-accuracy.ts';
import type { ModelSpec } from './model-specs.ts';
import type { NegativeSampling } from './negative-sampling.ts';
import { evaluateModelParallel, type ParallelOptions } from './parallel-evaluate.ts';
import { type Protocol, protocolSplits } from './protocol.ts';
import { type RecommenderRegistry, resolveRecommender } from './recommender-registry.ts';

export interface ExperimentOptions {
  dataset: Dataset;
  protocol: Protocol;
  models: readonly ModelSpec[];
  registry: RecommenderRegistry;
  k: number;
  metrics?: readonly MetricName[];
  sampling?: Omit<NegativeSampling, 'seed'>;
  /** Side information passed to every model's fit (text embeddings, categories). */
  side?: SideInformation;
  itemFeatures?: ItemFeatures;
  coldUserThreshold?: number;
  /** Hyperparameters to use per model label instead of the spec's (e.g. from tuning). */
  paramsFor?: (spec: ModelSpec) => Record<string, ParamValue>;
  /** Worker threads each model may train with. */
  workers?: number;
  /** Evaluate over users on worker threads where it pays (needs the registry module the workers load models from). */
  parallel?: ParallelOptions;
  progress?: Progress;
  signal?: AbortSignal;
}

/** One (seed, fold) evaluation of one model. */
export interface RunResult {
  seed: number;
  /** Split label, e.g. `fold 2/5, seed 42`. */
  split: string;
  fitSeconds: number;
  evaluation: Evaluation;
  /** cold-items protocol: the evaluation restricted to cold items and to warm items. */
  cold?: Evaluation;
  warm?: Evaluation;
}

export interface ModelResult {
  model: string;
  name: string;
  params: Record<string, ParamValue>;
  /** Means over runs; for cold-items also `cold.` and `warm.` keys. */
  metrics: Record<string, number>;
  /** Mean seconds per fit. */
  fitSeconds: number;
  /** Mean seconds spent in `recommend` per run. */
  recommendSeconds: number;
  usersEvaluated: number;
  usersSkipped: number;
  runs: RunResult[];
}

export async function runExperiment(options: ExperimentOptions): Promise<ModelResult[]> {
  const { dataset, protocol } = options;
  const progress = options.progress ?? silentProgress;
  const results: ModelResult[] = options.models.map((spec) => ({
    model: spec.label,
    name: spec.name,
    params: options.paramsFor?.(spec) ?? spec.params,
    metrics: {},
    fitSeconds: 0,
    recommendSeconds: 0,
    usersEvaluated: 0,
    usersSkipped: 0,
    runs: [],
  }));
  const recommenders = results.map((result) => resolveRecommender(options.registry, result.name, result.params));
  for (const seed of protocol.seeds) {
    for (const split of protocolSplits(dataset, protocol, seed)) {
      for (let m = 0; m < results.length; m++) {
        if (options.signal?.aborted) throw options.signal.reason;
        progress.note(`${results[m].model}: ${split.label}`);
        const started = performance.now();
        const model = await recommenders[m].fit(split.train, results[m].params, {
          seed,
          progress,
          validation: split.validation,
          side: options.side,
          workers: options.workers,
          signal: options.signal,
        });
        const fitSeconds = (performance.now() - started) / 1000;
        results[m].runs.push({
          seed,
          split: split.label,
          fitSeconds,
          ...(await evaluateSplit(model, split, seed, options)),
        });
      }
    }
  }
  for (const result of results) summariseRuns(result);
  return results;
}

async function evaluateSplit(
  model: Parameters<typeof evaluateModel>[0],
  split: Split,
  seed: number,
  options: ExperimentOptions,
): Promise<Pick<RunResult, 'evaluation' | 'cold' | 'warm'>> {
  const base: EvaluateOptions = {
    train: split.train,
    test: split.test,
    k: options.k,
    metrics: options.metrics,
    sampling: options.sampling ? { ...options.sampling, seed } : undefined,
    itemFeatures: options.itemFeatures,
    coldUserThreshold: options.coldUserThreshold,
    progress: options.progress,
    signal: options.signal,
  };
  const parallel = options.parallel;
  const evaluate = (settings: EvaluateOptions) =>
    parallel
      ? evaluateModelParallel(model, { ...settings, parallel })
      : Promise.resolve(evaluateModel(model, settings));
  const evaluation = await evaluate(base);
  if (!split.coldItems) return { evaluation };
  const coldItems = split.coldItems;
  const warmItems = coldItems.map((cold) => 1 - cold);
  return {
    evaluation,
    cold: await evaluate({ ...base, items: coldItems }),
    warm: await evaluate({ ...base, items: warmItems }),
  };
}

/** Means over runs of each metric (each fold and seed weighs the same), fit time and user counts. */
function summariseRuns(result: ModelResult): void {
  const sums = new Map<string, { sum: number; count: number }>();
  const add = (key: string, value: number) => {
    if (Number.isNaN(value)) return;
    const entry = sums.get(key) ?? { sum: 0, count: 0 };
    entry.sum += value;
    entry.count++;
    sums.set(key, entry);
  };
  for (const run of result.runs) {
    for (const [key, value] of Object.entries(run.evaluation.metrics)) add(key, value);
    for (const [prefix, part] of [
      ['cold.', run.cold],
      ['warm.', run.warm],
    ] as const) {
      if (part) for (const [key, value] of Object.entries(part.metrics)) add(prefix + key, value);
    }
  }
  const runs = result.runs.length || 1;
  result.metrics = Object.fromEntries([...sums].map(([key, { sum, count }]) => [key, sum / count]));
  result.fitSeconds = result.runs.reduce((sum, run) => sum + run.fitSeconds, 0) / runs;
  result.recommendSeconds = result.runs.reduce((sum, run) => sum + run.evaluation.recommendSeconds, 0) / runs;
  result.usersEvaluated = Math.round(result.runs.reduce((sum, run) => sum + run.evaluation.users.length, 0) / runs);
  result.usersSkipped = Math.round(result.runs.reduce((sum, run) => sum + run.evaluation.skippedUsers, 0) / runs);
}
