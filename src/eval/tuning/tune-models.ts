// Tuning inside an experiment: each model is tuned once, on the validation part carved out of the first seed's
// first training split (the test part is never seen), and the best hyperparameters are then used for every run.

import type { Dataset } from '../../core/dataset.ts';
import type { Progress } from '../../core/progress.ts';
import type { SideInformation } from '../../models/recommender.ts';
import type { ModelSpec } from '../model-specs.ts';
import { type Protocol, protocolSplits } from '../protocol.ts';
import { type RecommenderRegistry, resolveRecommender } from '../recommender-registry.ts';
import { defaultSearchSpace, type SearchSpace } from './search-space.ts';
import { type TuneResult, tuneModel } from './tune.ts';

export interface TuneModelsOptions {
  dataset: Dataset;
  protocol: Protocol;
  models: readonly ModelSpec[];
  registry: RecommenderRegistry;
  k: number;
  method: 'random' | 'bayes';
  trials: number;
  /** Search spaces per model name; a model without one gets `defaultSearchSpace` of its defaults. */
  spaces?: Record<string, SearchSpace>;
  side?: SideInformation;
  workers?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

/** Tuning results keyed by model label. Hyperparameters given on the command line stay fixed. */
export async function tuneModels(options: TuneModelsOptions): Promise<Map<string, TuneResult>> {
  const seed = options.protocol.seeds[0];
  const first = protocolSplits(options.dataset, { ...options.protocol, validation: true }, seed).next();
  if (first.done || !first.value.validation) throw new Error('the protocol gave no validation split');
  const split = first.value;
  const results = new Map<string, TuneResult>();
  for (const spec of options.models) {
    const recommender = resolveRecommender(options.registry, spec.name, spec.params);
    // Recommenders may list the allowed values of their string hyperparameters.
    const choices = (recommender as { choices?: Readonly<Record<string, readonly string[]>> }).choices;
    const space = options.spaces?.[spec.name] ?? defaultSearchSpace(recommender.defaults, choices);
    options.progress?.note(
      `tuning ${spec.label} (${options.method}, ${Object.keys(space).length} dimensions) on ${split.label}`,
    );
    results.set(
      spec.label,
      await tuneModel({
        recommender,
        train: split.train,
        validation: split.validation!,
        space,
        fixed: spec.params,
        method: options.method,
        trials: options.trials,
        k: options.k,
        seed,
        side: options.side,
        workers: options.workers,
        progress: options.progress,
        signal: options.signal,
      }),
    );
  }
  return results;
}
