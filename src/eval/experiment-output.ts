// The JSON document of an experiment (`lmrec eval --json`, bench:accuracy): the protocol, then one entry per model
// with lower-case `name@k` metric keys, fit times, per-run figures and tuning, then the significance tests.

import type { ModelComparison } from './compare-models.ts';
import type { ModelResult } from './experiment.ts';
import type { NegativeSampling } from './negative-sampling.ts';
import { describeProtocol, type Protocol } from './protocol.ts';
import type { TuneResult } from './tuning/tune.ts';

export interface ExperimentDocument {
  protocol: Record<string, unknown>;
  results: Array<Record<string, unknown>>;
  significance: ModelComparison[];
}

export function protocolDocument(options: {
  protocol: Protocol;
  k: number;
  sampling?: Omit<NegativeSampling, 'seed'>;
  /** Where the data came from and its size. */
  dataset: Record<string, unknown>;
}): Record<string, unknown> {
  const { sampling } = options;
  return {
    ...describeProtocol(options.protocol),
    k: options.k,
    ranking: sampling ? `sampled: ${sampling.negatives} ${sampling.sampler} negatives per user` : 'full',
    excludeTrainingItems: true,
    relevance: 'every held-out interaction',
    dataset: options.dataset,
  };
}

export function experimentDocument(options: {
  protocol: Record<string, unknown>;
  results: readonly ModelResult[];
  comparisons: ModelComparison[];
  tuning?: ReadonlyMap<string, TuneResult>;
}): ExperimentDocument {
  return {
    protocol: options.protocol,
    results: options.results.map((result) => {
      const tuning = options.tuning?.get(result.model);
      return {
        model: result.model,
        params: result.params,
        metrics: result.metrics,
        fitSeconds: result.fitSeconds,
        recommendSeconds: result.recommendSeconds,
        usersEvaluated: result.usersEvaluated,
        usersSkipped: result.usersSkipped,
        runs: result.runs.map((run) => ({
          seed: run.seed,
          split: run.split,
          fitSeconds: run.fitSeconds,
          metrics: run.evaluation.metrics,
        })),
        ...(tuning
          ? {
              tuning: {
                method: tuning.method,
                metric: tuning.metric,
                best: tuning.best,
                trials: tuning.trials.length,
                stopped: tuning.stopped,
              },
            }
          : {}),
      };
    }),
    significance: options.comparisons,
  };
}
