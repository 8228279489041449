// Schemas of the web UI's routes: the storefront's settings and the admin dashboard's views (overview, last
// evaluation, monitoring, LLM usage, experiments).

import { z } from 'zod';
import { userSchema } from './catalog.ts';

export const storefrontSettingsSchema = z.object({
  /** The storefront's user selector may act as any user (the demo shop). */
  actAsAnyUser: z.boolean(),
  /** Users to choose from: the most active ones (empty unless actAsAnyUser). */
  users: z.array(userSchema),
  /** The chat assistant's routes are served. */
  assistant: z.boolean(),
});

export const overviewSchema = z.object({
  stats: z
    .record(z.string(), z.unknown())
    .describe('counts, sparsity, cold users and items, events per type, long tail'),
  catalog: z.object({
    items: z.number(),
    available: z.number(),
    categories: z.array(z.object({ name: z.string(), items: z.number() })),
  }),
  model: z.object({
    version: z.number().nullable(),
    trainedAt: z.number().nullable(),
    models: z.array(z.string()),
    servedBySource: z.record(z.string(), z.number()),
  }),
  computedAt: z.number(),
});

export const evaluationSchema = z.object({
  evaluation: z
    .object({ savedAt: z.number(), columns: z.array(z.string()), document: z.record(z.string(), z.unknown()) })
    .nullable(),
});

const duration = z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)?$/, 'must be a duration like 30m, 24h or 7d');

export const monitoringQuery = z.object({
  window: duration.default('7d'),
  bucket: duration.default('1d'),
  /** now | latest | auto (now, or the newest event when nothing happened lately) | a date. */
  to: z.string().min(1).max(40).default('auto'),
  /** Minutes of this process's live serving series (1-minute buckets). */
  liveMinutes: z.coerce.number().int().min(1).max(1440).default(60),
});

const seriesSchema = z.object({
  name: z.string(),
  label: z.string(),
  unit: z.string(),
  group: z.string(),
  points: z.array(z.object({ t: z.number(), value: z.number().nullable() })),
});

export const monitoringSchema = z.object({
  snapshot: z.object({
    generatedAt: z.number(),
    window: z.object({ from: z.number(), to: z.number(), bucketMs: z.number() }),
    series: z.array(seriesSchema),
    latest: z.record(z.string(), z.number().nullable()),
    alerts: z.array(z.record(z.string(), z.unknown())),
    experiments: z.array(z.record(z.string(), z.unknown())),
  }),
  live: z.array(seriesSchema),
  servedBySource: z.record(z.string(), z.number()),
});

export const usageQuery = z.object({
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
    .optional(),
});

const countersSchema = z.object({
  calls: z.number(),
  cacheHits: z.number(),
  networkCalls: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  errors: z.number(),
});

export const usageSchema = countersSchema.extend({
  cacheHitRate: z.number().nullable(),
  byModel: z.record(z.string(), countersSchema),
  byDay: z.record(z.string(), countersSchema),
});

export const experimentListSchema = z.object({ experiments: z.array(z.record(z.string(), z.unknown())) });
