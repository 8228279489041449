// Offline evaluation of one fitted model on one split, through the public `recommend` only (style rule 5, as
// implicit's ranking_metrics_at_k): for each user with held-out items, rank all items but the user's training
// items (or a sampled candidate set, when asked), and score the list against the held-out items.

import { InvalidInputError } from '../core/errors.ts';
import type { IdMap } from '../core/id-map.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { Model } from '../models/recommender.ts';
import {
  type EvaluationSettings,
  emptyRecords,
  evaluateUsers,
  evaluationContext,
  type UserRecords,
} from './evaluate-users.ts';
import { defaultMetrics } from './metric-names.ts';
import { type Summary, summarise } from './user-metrics.ts';

export { orderTies } from './evaluate-users.ts';

export interface EvaluateOptions extends EvaluationSettings {
  progress?: Progress;
  signal?: AbortSignal;
}

/**
 * metrics: aggregates such as `ndcg@10`, `coverage@10` and breakdowns such as `users.cold.ndcg@10`;
 * users: the users evaluated (|T| > 0), ascending; perUser: each per-user metric aligned with `users` (for paired
 * significance tests); skippedUsers: users with no relevant item (|T| = 0); recommendationCounts: how often each
 * item was in a top K (coverage, Gini, the long-tail curve); recommendSeconds: time spent in `recommend`.
 */
export type Evaluation = Summary;

export function evaluateModel(model: Model, options: EvaluateOptions): Evaluation {
  checkOptions(options);
  const context = evaluationContext(options);
  const progress = options.progress ?? silentProgress;
  progress.start(`evaluating ${model.name}`, options.train.userCount);
  const records = evaluateUsers(
    model,
    context,
    range(0, options.train.userCount),
    emptyRecords(options.train.itemCount),
    () => {
      if (options.signal?.aborted) throw options.signal.reason;
      progress.tick();
    },
  );
  progress.done(`${records.users.length} users, ${records.skipped} skipped (no held-out item)`);
  return finish(records, options);
}

export function checkOptions(options: EvaluateOptions): void {
  const { train, test, k } = options;
  if (!Number.isInteger(k) || k < 1) {
    throw new InvalidInputError(`k must be a positive integer, got ${k}`, { context: { field: 'k' } });
  }
  if (!sameIds(train.items, test.items) || !sameIds(train.users, test.users)) {
    throw new InvalidInputError('train and test must share id maps (split them with the splitters of src/data/splits)');
  }
}

/** Summarises raw records into an Evaluation. */
export function finish(records: UserRecords, options: EvaluateOptions): Evaluation {
  return summarise({
    perUser: records.perUser,
    users: Int32Array.from(records.users),
    coldUsers: Uint8Array.from(records.coldUsers),
    skipped: records.skipped,
    items: options.items,
    recommendationCounts: records.recommendationCounts,
    recommendSeconds: records.recommendSeconds,
    wants: new Set(options.metrics ?? defaultMetrics),
    k: options.k,
    prefix: options.sampling ? 'sampled.' : '',
  });
}

export function* range(start: number, end: number): Generator<number> {
  for (let u = start; u < end; u++) yield u;
}

/** The same map, or maps with the same ids at the same indices. */
function sameIds(a: IdMap, b: IdMap): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const idsA = a.ids();
  const idsB = b.ids();
  for (let j = 0; j < idsA.length; j++) if (idsA[j] !== idsB[j]) return false;
  return true;
}
