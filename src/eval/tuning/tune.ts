// Hyperparameter search on a validation split: propose (random or TPE), fit on train with the validation part for
// the model's own early stopping, score one metric on validation, and stop the search early when it stalls.

import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { type Progress, silentProgress } from '../../core/progress.ts';
import { createRandom } from '../../core/random.ts';
import type { ParamValue, Recommender, SideInformation } from '../../models/recommender.ts';
import { evaluateModel } from '../evaluate.ts';
import type { MetricName } from '../metric-names.ts';
import { type Observation, randomSampler, tpeSampler } from './samplers.ts';
import { type SearchSpace, valueAt } from './search-space.ts';

export interface TuneOptions {
  recommender: Recommender;
  train: Dataset;
  validation: Dataset;
  space: SearchSpace;
  /** Hyperparameters held fixed (given on the command line); they are not searched. */
  fixed?: Record<string, ParamValue>;
  /** `bayes` is TPE (default), `random` is random search. */
  method?: 'random' | 'bayes';
  /** Trials at most (default 30). */
  trials?: number;
  /** Stop after this many trials without improvement (default 10). */
  patience?: number;
  /** Metric maximised on validation, at `k` (default ndcg@10). */
  metric?: MetricName;
  k?: number;
  seed?: number;
  side?: SideInformation;
  workers?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface TrialRecord {
  trial: number;
  params: Record<string, ParamValue>;
  score: number;
  seconds: number;
}

export interface TuneResult {
  model: string;
  method: 'random' | 'bayes';
  metric: string;
  best: { params: Record<string, ParamValue>; score: number; trial: number };
  trials: TrialRecord[];
  /** Why the search ended: `budget` (all trials run) or `stalled` (patience ran out). */
  stopped: 'budget' | 'stalled';
}

export async function tuneModel(options: TuneOptions): Promise<TuneResult> {
  const method = options.method ?? 'bayes';
  const trials = options.trials ?? 30;
  const patience = options.patience ?? 10;
  const metric = options.metric ?? 'ndcg';
  const k = options.k ?? 10;
  const key = `${metric}@${k}`;
  const fixed = options.fixed ?? {};
  const keys = Object.keys(options.space).filter((name) => !(name in fixed));
  const space: SearchSpace = Object.fromEntries(keys.map((name) => [name, options.space[name]]));
  if (options.validation.interactionCount === 0) {
    throw new InvalidInputError('tuning needs a non-empty validation split');
  }
  const random = createRandom(options.seed ?? 1);
  const sampler = method === 'random' ? randomSampler(space, random) : tpeSampler(space, random);
  const progress = options.progress ?? silentProgress;
  const history: Observation[] = [];
  const records: TrialRecord[] = [];
  let best: TuneResult['best'] = { params: { ...fixed }, score: Number.NEGATIVE_INFINITY, trial: -1 };
  let sinceBest = 0;
  let stopped: TuneResult['stopped'] = 'budget';
  // The first trial is the defaults themselves, so tuning never reports worse than not tuning.
  for (let trial = 0; trial < trials; trial++) {
    if (options.signal?.aborted) throw options.signal.reason;
    const point = trial === 0 ? null : sampler.propose(history);
    const params = { ...fixed };
    if (point) for (const [d, name] of keys.entries()) params[name] = valueAt(space[name], point[d]);
    const started = performance.now();
    const model = await options.recommender.fit(options.train, params, {
      seed: options.seed,
      validation: options.validation,
      side: options.side,
      workers: options.workers,
      signal: options.signal,
    });
    const evaluation = evaluateModel(model, { train: options.train, test: options.validation, k, metrics: [metric] });
    const score = evaluation.metrics[key];
    const seconds = (performance.now() - started) / 1000;
    records.push({ trial, params: { ...(model.params as Record<string, ParamValue>), ...params }, score, seconds });
    if (point) history.push({ point, score: Number.isFinite(score) ? score : Number.NEGATIVE_INFINITY });
    progress.note(
      `tune ${options.recommender.name} trial ${trial + 1}/${trials}: ${key} ${score.toFixed(4)} ${JSON.stringify(params)}`,
    );
    if (score > best.score) {
      best = { params: { ...params }, score, trial };
      sinceBest = 0;
    } else if (++sinceBest >= patience) {
      stopped = 'stalled';
      break;
    }
  }
  return { model: options.recommender.name, method, metric: key, best, trials: records, stopped };
}
