// Offline evaluation of one fitted model on one split, through the public `recommend` only (style rule 5, as
// implicit's ranking_metrics_at_k): for each user with held-out items, rank all items but the user's training
// items (or a sampled candidate set, when asked), and score the list against the held-out items.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { IdMap } from '../core/id-map.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { Model } from '../models/recommender.ts';
import { itemPopularity } from './item-popularity.ts';
import { defaultMetrics, type MetricName, metricKey } from './metric-names.ts';
import {
  type ItemFeatures,
  intraListDiversity,
  listNovelty,
  listPopularity,
  longTailShare,
} from './metrics/beyond-accuracy.ts';
import { CandidateSampler, type NegativeSampling } from './negative-sampling.ts';
import { type Summary, summarise, userMetrics } from './user-metrics.ts';

export interface EvaluateOptions {
  /** The training part: its items are excluded from each user's ranking and give item popularity. */
  train: Dataset;
  /** The held-out part: a user's test items are that user's relevant set T. */
  test: Dataset;
  /** The cut-off K. */
  k: number;
  metrics?: readonly MetricName[];
  /** Rank sampled candidates instead of the whole catalog; metric keys then start with `sampled.`. */
  sampling?: NegativeSampling;
  /**
   * Restrict the evaluation to these items (1 = in): only they are candidates and only they count as relevant.
   * The cold-items protocol uses it for its `cold.` and `warm.` figures.
   */
  items?: Uint8Array;
  /** Item feature vectors for intra-list diversity (without them the metric is left out). */
  itemFeatures?: ItemFeatures;
  /** Users with fewer training interactions than this are cold in the `users.cold.` breakdown (default 5). */
  coldUserThreshold?: number;
  /** Share of the catalog that counts as head in the `items.head.`/`items.tail.` breakdown (default 0.2). */
  headShare?: number;
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
  const { train, test, k } = options;
  if (!Number.isInteger(k) || k < 1)
    throw new InvalidInputError(`k must be a positive integer, got ${k}`, { context: { field: 'k' } });
  if (!sameIds(train.items, test.items) || !sameIds(train.users, test.users)) {
    throw new InvalidInputError('train and test must share id maps (split them with the splitters of src/data/splits)');
  }
  const metrics = options.metrics ?? defaultMetrics;
  const wants = new Set(metrics);
  const itemCount = train.itemCount;
  const popularity = itemPopularity(train, { headShare: options.headShare });
  const inScope = options.items;
  const pool = inScope ? Int32Array.from(inScope.keys()).filter((i) => inScope[i] === 1) : null;
  const sampler = options.sampling
    ? new CandidateSampler({
        sampling: options.sampling,
        pool: pool ?? Int32Array.from({ length: itemCount }, (_, i) => i),
        popularity: popularity.users,
      })
    : null;
  const primitiveOrder = pool ? popularity.order.filter((i) => inScope![i] === 1) : popularity.order;
  const coldThreshold = options.coldUserThreshold ?? 5;
  const progress = options.progress ?? silentProgress;

  const users: number[] = [];
  const coldUsers: number[] = [];
  const perUser = new Map<string, number[]>();
  const record = (key: string, value: number) => {
    let values = perUser.get(key);
    if (!values) perUser.set(key, (values = []));
    values.push(value);
  };
  const recommendationCounts = new Float64Array(itemCount);
  let skipped = 0;
  let recommendSeconds = 0;
  progress.start(`evaluating ${model.name}`, train.userCount);
  for (let u = 0; u < train.userCount; u++) {
    if (options.signal?.aborted) throw options.signal.reason;
    progress.tick();
    const relevantItems = inScope ? test.itemsOf(u).filter((i) => inScope[i] === 1) : test.itemsOf(u);
    if (relevantItems.length === 0) {
      skipped++;
      continue;
    }
    const seen = train.itemsOf(u);
    const candidates = sampler ? sampler.candidates(relevantItems, seen) : (pool ?? undefined);
    const candidateCount = countCandidates(candidates ?? null, itemCount, seen);
    const depth = wants.has('auc') ? candidateCount : k;
    const started = performance.now();
    const list = model.recommend(u, depth, { exclude: seen, candidates });
    recommendSeconds += (performance.now() - started) / 1000;
    const ranked = orderTies(list.items, list.scores);
    const top = ranked.subarray(0, Math.min(k, ranked.length));
    const relevant = new Set(relevantItems);
    users.push(u);
    for (const item of top) recommendationCounts[item]++;
    const values = userMetrics({
      wants,
      ranked,
      relevant,
      k,
      candidateCount,
      primitive: wants.has('serendipity') ? primitiveList(primitiveOrder, seen, k) : null,
      isHead: popularity.isHead,
    });
    for (const [key, value] of values) record(key, value);
    if (wants.has('diversity') && options.itemFeatures)
      record(metricKey('diversity', k), intraListDiversity(top, options.itemFeatures));
    if (wants.has('novelty')) record(metricKey('novelty', k), listNovelty(top, popularity.users, train.userCount));
    if (wants.has('popularity')) record(metricKey('popularity', k), listPopularity(top, popularity.users));
    if (wants.has('longtail')) record(metricKey('longtail', k), longTailShare(top, popularity.isHead));
    coldUsers.push(seen.length < coldThreshold ? 1 : 0);
  }
  progress.done(`${users.length} users, ${skipped} skipped (no held-out item)`);
  return summarise({
    perUser,
    users: Int32Array.from(users),
    coldUsers: Uint8Array.from(coldUsers),
    skipped,
    items: inScope,
    recommendationCounts,
    recommendSeconds,
    wants,
    k,
    prefix: sampler ? 'sampled.' : '',
  });
}

/** Candidates the ranking is drawn from: the candidate list (or the catalog) minus the user's training items. */
function countCandidates(candidates: Int32Array | null, itemCount: number, seen: Int32Array): number {
  if (!candidates) return itemCount - seen.length;
  const seenSet = new Set(seen);
  let count = 0;
  for (const item of candidates) if (!seenSet.has(item)) count++;
  return count;
}

/** The primitive recommender of the serendipity metric: the K most popular items the user has not trained on. */
function primitiveList(order: Int32Array, seen: Int32Array, k: number): Set<number> {
  const seenSet = new Set(seen);
  const out = new Set<number>();
  for (let r = 0; r < order.length && out.size < k; r++) if (!seenSet.has(order[r])) out.add(order[r]);
  return out;
}

/**
 * The list with runs of equal scores in ascending item order, as the Recommender spec promises; enforced here
 * too, so that a model that breaks ties arbitrarily still gets one deterministic evaluation.
 */
export function orderTies(items: Int32Array, scores: Float32Array): Int32Array {
  let sorted = true;
  for (let r = 1; r < items.length; r++) {
    if (scores[r] === scores[r - 1] && items[r] < items[r - 1]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return items;
  const order = Array.from(items.keys()).sort((a, b) => scores[b] - scores[a] || items[a] - items[b]);
  return Int32Array.from(order, (r) => items[r]);
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
