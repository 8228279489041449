// The `monitoring` config section: how often the monitor computes its series, over which window and bucket, the
// alert rules (thresholds and drift) and the optional webhook alerts are posted to.

import { z } from 'zod';

const ruleBase = {
  /** Unique name, shown in alerts. */
  name: z.string().min(1).max(100),
  /** Series name: ctr, cvr, catalog_coverage, exposure_gini, intra_list_diversity, events_per_minute, … */
  metric: z.string().min(1),
  severity: z.enum(['warning', 'critical']).default('warning'),
};

export const thresholdRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('threshold'),
  /** Fires when the mean of the last `points` values is above this… */
  above: z.number().optional(),
  /** …or below this. */
  below: z.number().optional(),
  points: z.number().int().min(1).default(1),
});

export const driftRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('drift'),
  /** Points of the recent window and of the baseline just before it. */
  recent: z.number().int().min(1).default(1),
  baseline: z.number().int().min(2).default(7),
  /** Fires when the recent mean differs from the baseline mean by more than this share… */
  maxRelativeChange: z.number().min(0).default(0.25),
  /** …and by more than this many baseline standard deviations (0: no z condition). */
  maxZ: z.number().min(0).default(3),
});

export const alertRuleSchema = z.discriminatedUnion('kind', [thresholdRuleSchema, driftRuleSchema]);

export type AlertRule = z.infer<typeof alertRuleSchema>;

export const monitoringConfigSchema = z.strictObject({
  /** Seconds between two evaluations of the series and rules by the server's monitor. */
  intervalSeconds: z.number().int().min(5).default(60),
  /** Window of the series, in hours, and the size of their buckets, in minutes. */
  windowHours: z
    .number()
    .min(1)
    .max(24 * 366)
    .default(24),
  bucketMinutes: z.number().int().min(1).default(60),
  /** Where alerts are POSTed as JSON ({ "alerts": [...] }); null: only the log. */
  webhookUrl: z.url().nullable().default(null),
  webhookTimeoutMs: z.number().int().min(100).default(5000),
  /** The model blob whose versions give the model age. */
  modelBlob: z.string().min(1).default('pipeline-models'),
  rules: z.array(alertRuleSchema).default([
    {
      name: 'ctr-drop',
      metric: 'ctr',
      kind: 'drift',
      severity: 'critical',
      recent: 1,
      baseline: 7,
      maxRelativeChange: 0.3,
      maxZ: 3,
    },
    { name: 'server-errors', metric: 'error_rate', kind: 'threshold', severity: 'critical', above: 0.01, points: 1 },
    { name: 'slow-p99', metric: 'latency_p99_ms', kind: 'threshold', severity: 'warning', above: 250, points: 1 },
    { name: 'stale-model', metric: 'model_age_hours', kind: 'threshold', severity: 'warning', above: 48, points: 1 },
    {
      name: 'coverage-drop',
      metric: 'catalog_coverage',
      kind: 'drift',
      severity: 'warning',
      recent: 1,
      baseline: 7,
      maxRelativeChange: 0.3,
      maxZ: 3,
    },
  ]),
});

export type MonitoringConfig = z.infer<typeof monitoringConfigSchema>;
