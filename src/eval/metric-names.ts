// Metric names as users type them (`--metrics ndcg,recall`) and the lower-case `name@k` keys of every output.

import { InvalidInputError } from '../core/errors.ts';

export const metricNames = [
  'precision',
  'recall',
  'ndcg',
  'map',
  'mrr',
  'hitrate',
  'auc',
  'coverage',
  'gini',
  'diversity',
  'novelty',
  'serendipity',
  'popularity',
  'longtail',
] as const;

export type MetricName = (typeof metricNames)[number];

/** Per-user accuracy metrics (averaged over users, paired across models for significance tests). */
export const accuracyMetrics: readonly MetricName[] = ['precision', 'recall', 'ndcg', 'map', 'mrr', 'hitrate', 'auc'];

/** Everything but AUC, which needs each user's full ranking rather than the top K. */
export const defaultMetrics: readonly MetricName[] = metricNames.filter((name) => name !== 'auc');

/** The output key: `ndcg@10`; AUC has no cut-off; popularity is ARP and long tail is APLT, as in the literature. */
export function metricKey(name: MetricName, k: number): string {
  if (name === 'auc') return 'auc';
  if (name === 'popularity') return `arp@${k}`;
  if (name === 'longtail') return `aplt@${k}`;
  return `${name}@${k}`;
}

/** Parses `ndcg,recall,...`; unknown names are rejected with the list of known ones. */
export function parseMetricNames(text: string): MetricName[] {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!(metricNames as readonly string[]).includes(name)) {
      throw new InvalidInputError(`unknown metric "${name}"; known: ${metricNames.join(', ')}`, {
        context: { field: 'metrics' },
      });
    }
  }
  return names as MetricName[];
}
