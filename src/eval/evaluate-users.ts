// The per-user evaluation loop, shared by the sequential path and the worker threads: everything it needs is
// prepared once in an EvaluationContext, and a slice of users yields raw per-user records to merge and summarise.

import type { Dataset } from '../core/dataset.ts';
import type { Model } from '../models/recommender.ts';
import { type ItemPopularity, itemPopularity } from './item-popularity.ts';
import { defaultMetrics, type MetricName, metricKey } from './metric-names.ts';
import {
  type ItemFeatures,
  intraListDiversity,
  listNovelty,
  listPopularity,
  longTailShare,
} from './metrics/beyond-accuracy.ts';
import { CandidateSampler, type NegativeSampling } from './negative-sampling.ts';
import { userMetrics } from './user-metrics.ts';

/** What the evaluation of one model on one split reads. */
export interface EvaluationSettings {
  /** The training part: its items are excluded from each user's ranking and give item popularity. */
  train: Dataset;
  /** The held-out part: a user's test items are that user's relevant set T. */
  test: Dataset;
  /** The cut-off K. */
  k: number;
  /** Metrics to compute (default: all but AUC). */
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
}

export interface EvaluationContext {
  settings: EvaluationSettings;
  wants: ReadonlySet<MetricName>;
  popularity: ItemPopularity;
  /** The items in scope as a list, or null for the whole catalog. */
  pool: Int32Array | null;
  sampler: CandidateSampler | null;
  primitiveOrder: Int32Array;
}

export function evaluationContext(settings: EvaluationSettings): EvaluationContext {
  const { train, items: inScope } = settings;
  const popularity = itemPopularity(train, { headShare: settings.headShare });
  const pool = inScope ? Int32Array.from(inScope.keys()).filter((i) => inScope[i] === 1) : null;
  const sampler = settings.sampling
    ? new CandidateSampler({
        sampling: settings.sampling,
        pool: pool ?? Int32Array.from({ length: train.itemCount }, (_, i) => i),
        popularity: popularity.users,
      })
    : null;
  return {
    settings,
    wants: new Set(settings.metrics ?? defaultMetrics),
    popularity,
    pool,
    sampler,
    primitiveOrder: inScope ? popularity.order.filter((i) => inScope[i] === 1) : popularity.order,
  };
}

/** Raw results of a slice of users; values of each key are aligned with `users`. */
export interface UserRecords {
  users: number[];
  coldUsers: number[];
  perUser: Map<string, number[]>;
  skipped: number;
  recommendationCounts: Float64Array;
  recommendSeconds: number;
}

export function emptyRecords(itemCount: number): UserRecords {
  return {
    users: [],
    coldUsers: [],
    perUser: new Map(),
    skipped: 0,
    recommendationCounts: new Float64Array(itemCount),
    recommendSeconds: 0,
  };
}

/** Evaluates `users` (ascending) into `records`; `onUser` is called after each user (progress, abort checks). */
export function evaluateUsers(
  model: Model,
  context: EvaluationContext,
  users: Iterable<number>,
  records: UserRecords,
  onUser?: () => void,
): UserRecords {
  const { settings, wants, popularity, pool, sampler } = context;
  const { train, test, k, items: inScope } = settings;
  const coldThreshold = settings.coldUserThreshold ?? 5;
  const record = (key: string, value: number) => {
    let values = records.perUser.get(key);
    if (!values) records.perUser.set(key, (values = []));
    values.push(value);
  };
  for (const u of users) {
    onUser?.();
    const relevantItems = inScope ? test.itemsOf(u).filter((i) => inScope[i] === 1) : test.itemsOf(u);
    if (relevantItems.length === 0) {
      records.skipped++;
      continue;
    }
    const seen = train.itemsOf(u);
    const candidates = sampler ? sampler.candidates(u, relevantItems, seen) : (pool ?? undefined);
    const candidateCount = countCandidates(candidates ?? null, train.itemCount, seen);
    const depth = wants.has('auc') ? candidateCount : k;
    const started = performance.now();
    const list = model.recommend(u, depth, { exclude: seen, candidates });
    records.recommendSeconds += (performance.now() - started) / 1000;
    const ranked = orderTies(list.items, list.scores);
    const top = ranked.subarray(0, Math.min(k, ranked.length));
    records.users.push(u);
    records.coldUsers.push(seen.length < coldThreshold ? 1 : 0);
    for (const item of top) records.recommendationCounts[item]++;
    const values = userMetrics({
      wants,
      ranked,
      relevant: new Set(relevantItems),
      k,
      candidateCount,
      primitive: wants.has('serendipity') ? primitiveList(context.primitiveOrder, seen, k) : null,
      isHead: popularity.isHead,
    });
    for (const [key, value] of values) record(key, value);
    if (wants.has('diversity') && settings.itemFeatures) {
      record(metricKey('diversity', k), intraListDiversity(top, settings.itemFeatures));
    }
    if (wants.has('novelty')) record(metricKey('novelty', k), listNovelty(top, popularity.users, train.userCount));
    if (wants.has('popularity')) record(metricKey('popularity', k), listPopularity(top, popularity.users));
    if (wants.has('longtail')) record(metricKey('longtail', k), longTailShare(top, popularity.isHead));
  }
  return records;
}

/** Merges slices (each ascending by user) into one record set ascending by user. */
export function mergeRecords(parts: readonly UserRecords[], itemCount: number): UserRecords {
  const merged = emptyRecords(itemCount);
  const entries: Array<{ user: number; part: number; row: number }> = [];
  parts.forEach((part, p) => {
    for (const [row, user] of part.users.entries()) entries.push({ user, part: p, row });
    merged.skipped += part.skipped;
    merged.recommendSeconds += part.recommendSeconds;
    for (let i = 0; i < itemCount; i++) merged.recommendationCounts[i] += part.recommendationCounts[i];
  });
  entries.sort((a, b) => a.user - b.user);
  const keys = new Set(parts.flatMap((part) => [...part.perUser.keys()]));
  for (const key of keys) merged.perUser.set(key, []);
  for (const { user, part, row } of entries) {
    merged.users.push(user);
    merged.coldUsers.push(parts[part].coldUsers[row]);
    for (const key of keys) merged.perUser.get(key)!.push(parts[part].perUser.get(key)?.[row] ?? Number.NaN);
  }
  return merged;
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
