// The metrics an experiment reports per variant, and how each is tested. Ratio metrics (CTR, CVR) are tested with
// the delta method because users, not impressions, are randomised; per-user means with Welch's t-test; the share of
// converting users with the two-proportion z-test. Coverage is a property of the whole variant and is not tested.

export const testedMetricNames = [
  'ctr',
  'cvr',
  'revenuePerUser',
  'clicksPerUser',
  'conversionRate',
  'diversity',
  'novelty',
  'latencyMs',
] as const;

export const metricNames = [...testedMetricNames, 'coverage'] as const;

export type MetricName = (typeof metricNames)[number];

export interface MetricInfo {
  label: string;
  /** How the metric is estimated and tested. */
  kind: 'ratio' | 'mean' | 'proportion' | 'descriptive';
  /** Whether more is better (false for latency). */
  higherIsBetter: boolean;
  description: string;
}

export const metricInfo: Record<MetricName, MetricInfo> = {
  ctr: {
    label: 'CTR',
    kind: 'ratio',
    higherIsBetter: true,
    description: 'clicks on exposed items / exposures (delta method over users)',
  },
  cvr: {
    label: 'CVR',
    kind: 'ratio',
    higherIsBetter: true,
    description: 'purchases / clicks, both attributed to the experiment (delta method over users)',
  },
  revenuePerUser: {
    label: 'revenue per user',
    kind: 'mean',
    higherIsBetter: true,
    description: 'attributed purchase value per exposed user (Welch)',
  },
  clicksPerUser: { label: 'clicks per user', kind: 'mean', higherIsBetter: true, description: 'Welch t-test' },
  conversionRate: {
    label: 'converting users',
    kind: 'proportion',
    higherIsBetter: true,
    description: 'share of exposed users with an attributed purchase (two-proportion z-test)',
  },
  diversity: {
    label: 'intra-list diversity',
    kind: 'mean',
    higherIsBetter: true,
    description: 'share of item pairs of a list in different categories, per-user mean (Welch)',
  },
  novelty: {
    label: 'novelty',
    kind: 'mean',
    higherIsBetter: true,
    description: 'mean self-information −log2 p(i) of shown items, p from pre-period clicks, per-user mean (Welch)',
  },
  latencyMs: {
    label: 'latency (ms)',
    kind: 'mean',
    higherIsBetter: false,
    description: 'serving latency of the exposures, per-user mean (Welch)',
  },
  coverage: {
    label: 'catalog coverage',
    kind: 'descriptive',
    higherIsBetter: true,
    description: 'distinct items shown / catalog items (grows with traffic: compare at equal splits)',
  },
};
